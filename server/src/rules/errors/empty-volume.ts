// `VOLUME [""]`: an empty path in the JSON form.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

export const emptyVolume: InstructionRule = {
  code: 'empty-volume',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A VOLUME path that is empty.',
  url: instructionUrl('VOLUME'),
  check(node, report) {
    if (node.name !== 'VOLUME' || !node.json) return;
    for (const element of node.json.elements) {
      if (element.value.trim() === '') report({ start: element.start, end: element.end, message: 'A VOLUME path cannot be empty; give the directory to keep, such as "/data".' });
    }
  },
};
