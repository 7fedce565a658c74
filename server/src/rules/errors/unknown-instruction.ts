// An instruction keyword BuildKit does not know. Often a typo, or a shell command whose previous
// line lost its line continuation.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { INSTRUCTIONS } from '../../facts';
import { KNOWN_INSTRUCTIONS } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { keywordCase, prefersLowerCase } from '../../services/keywordCase';
import { quickFix } from '../checks/support/fixes';
import { DOCKERFILE_REFERENCE } from './common';


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
      report({
        start: node.keyword.start,
        end: node.keyword.end,
        message: `Unknown instruction "${written}". Did you mean ${match.value}?`,
        data: { keyword: match.value, preferred: match.unique },
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
  // The keyword in the case the rest of the file writes keywords in (known only with the file).
  fixes(diagnostic, doc) {
    const { keyword, preferred } = (diagnostic.data ?? {}) as { keyword?: string; preferred?: boolean };
    if (!keyword) return [];
    const start = doc.text.offsetAt(diagnostic.range.start);
    const end = doc.text.offsetAt(diagnostic.range.end);
    const replacement = keywordCase(keyword, prefersLowerCase(doc, doc.tree.nodeIndexAt(start)));
    return [quickFix(`Change to ${replacement}`, doc, diagnostic, [{ start, end, text: replacement }], preferred === true)];
  },
};
