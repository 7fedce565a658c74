// A flag given twice where BuildKit allows it once (only --mount, --exclude and --device repeat).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { checkedFlags, fixesFromData, instructionUrl, withFixes } from './common';

export const duplicateFlag: InstructionRule = {
  code: 'duplicate-flag',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag that may be given only once appears again.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report) {
    const seen = new Set<string>();
    for (const { flag, fact } of checkedFlags(node)) {
      if (fact.repeatable) continue;
      if (!seen.has(fact.name)) {
        seen.add(fact.name);
        continue;
      }
      report({
        start: flag.start,
        end: flag.end,
        message: `--${fact.name} is given more than once; ${node.name} accepts it only once. Keep the one you mean and remove the other.`,
        url: fact.referenceUrl || instructionUrl(node.name),
        data: withFixes({ title: `Remove this --${fact.name}`, newText: '', eatSpace: true }),
      });
    }
  },
  fixes: fixesFromData,
};
