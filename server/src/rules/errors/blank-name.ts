// `ENV =value`, `LABEL =value`, `ARG =value`: a key/value pair whose name is empty.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

export const blankName: InstructionRule = {
  code: 'blank-name',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An ENV, LABEL or ARG pair with nothing before the equals sign.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report) {
    if (node.name !== 'ENV' && node.name !== 'LABEL' && node.name !== 'ARG') return;
    for (const pair of node.pairs) {
      if (pair.separator !== '=' || pair.key.text !== '') continue;
      report({
        start: pair.start,
        end: pair.end,
        message: `${node.name} needs a name before the equals sign: ${node.name} NAME${pair.value ? `=${pair.value.text}` : '=value'}.`,
        url: instructionUrl(node.name),
      });
    }
  },
};
