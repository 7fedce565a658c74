// Only ARG (with comments and parser directives) may come before the first FROM; anything else
// has no stage to belong to ("no build stage in current context").

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { KNOWN_INSTRUCTIONS } from '../../syntax';
import type { FileRule } from '../types';
import { instructionUrl } from './common';

export const instructionBeforeFrom: FileRule = {
  code: 'instruction-before-from',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An instruction other than ARG before the first FROM.',
  url: instructionUrl('FROM'),
  check({ tree, report }) {
    for (const { node, start, index } of tree.instructions()) {
      if (node.name === 'FROM') return;
      // Unknown keywords are unknown-instruction's.
      if (node.name === 'ARG' || !KNOWN_INSTRUCTIONS.has(node.name)) continue;
      report({
        start: start + node.keyword.start,
        end: start + node.keyword.end,
        nodeIndex: index,
        message: `${node.name} comes before the first FROM, so it belongs to no build stage. Only ARG may come before FROM; start the stage with FROM <image> above this line.`,
      });
    }
  },
};
