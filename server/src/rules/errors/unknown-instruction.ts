// An instruction keyword BuildKit does not know. Often a typo, or a shell command whose previous
// line lost its line continuation.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { INSTRUCTIONS } from '../../facts';
import { KNOWN_INSTRUCTIONS } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { DOCKERFILE_REFERENCE, fixesFromData, withFixes } from './common';

/** The suggestion in the case the user writes keywords in. */
function inCaseOf(written: string, keyword: string): string {
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword;
}

export const unknownInstruction: InstructionRule = {
  code: 'unknown-instruction',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An instruction keyword that does not exist.',
  url: DOCKERFILE_REFERENCE,
  check(node, report, escape) {
    if (KNOWN_INSTRUCTIONS.has(node.name)) return;
    const written = node.keyword.text;
    const match = suggest(written, INSTRUCTIONS.map((i) => i.name));
    if (match) {
      const replacement = inCaseOf(written, match.value);
      report({
        start: node.keyword.start,
        end: node.keyword.end,
        message: `Unknown instruction "${written}". Did you mean ${match.value}?`,
        data: withFixes({ title: `Change to ${replacement}`, newText: replacement, preferred: match.unique }),
      });
      return;
    }
    report({
      start: node.keyword.start,
      end: node.keyword.end,
      message:
        `Unknown instruction "${written}". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; ` +
        `if this line belongs to the instruction above, end that line with ${escape} to continue it.`,
    });
  },
  fixes: fixesFromData,
};
