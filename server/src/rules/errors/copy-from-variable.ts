// `COPY --from=$STAGE`: BuildKit never expands variables in --from, it refuses the instruction.
// The way out is a stage named after the variable image.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EMPTY_ENVIRONMENT, expandWord } from '../../syntax';
import type { InstructionRule } from '../types';
import { checkedFlags, hasVariable } from './common';

export const copyFromVariable: InstructionRule = {
  code: 'copy-from-variable',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'COPY --from with a variable, which BuildKit does not expand.',
  url: 'https://docs.docker.com/reference/dockerfile/#copy---from',
  check(node, report, escape) {
    if (node.name !== 'COPY') return;
    for (const { flag, fact } of checkedFlags(node)) {
      if (fact.name !== 'from' || !flag.value || flag.value.text === '') continue;
      const value = flag.value.text;
      const expanded = expandWord(value, EMPTY_ENVIRONMENT, escape);
      if ('value' in expanded && expanded.value === value) continue;
      report({
        start: flag.value.start,
        end: flag.value.end,
        message: hasVariable(value)
          ? `--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM \${IMAGE} AS deps) and write --from=deps.`
          : `--from=${value} would be read as a different name once quotes and escape characters are removed; write the stage or image name plainly.`,
      });
    }
  },
};
