// Every lint rule, in one explicit list.
import { CHECK_RULES } from './checks';
import { ERROR_RULES } from './errors';
import { PRACTICE_RULES } from './practices';
import type { Rule } from './types';

export type { Rule, InstructionRule, FileRule, StageRule, FileContext, StageContext, Problem, FileProblem, TriggerContext } from './types';

export const RULES: readonly Rule[] = [...ERROR_RULES, ...CHECK_RULES, ...PRACTICE_RULES];

const byCode = new Map(RULES.map((r) => [r.code, r]));

export function getRule(code: string): Rule | undefined {
  return byCode.get(code);
}
