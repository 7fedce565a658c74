// A Dockerfile with instructions but no FROM at all has nothing to build. BuildKit names no line;
// this is reported on the last line, where the FROM is missing, so that while the ARGs of a new
// file are typed the error stays where the user types instead of on a finished ARG above.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { instructionUrl } from './common';

export const missingFrom: FileRule = {
  code: 'missing-from',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A Dockerfile without any FROM.',
  url: instructionUrl('FROM'),
  check({ tree, model, report }) {
    if (model.stages.length > 0) return;
    let args = false;
    for (const { node } of tree.instructions()) {
      // Other instructions before FROM are reported one by one (instruction-before-from).
      if (node.name !== 'ARG') return;
      args = true;
    }
    if (!args) return;
    const last = tree.lastLine();
    report({
      start: last.start,
      end: last.end,
      nodeIndex: tree.nodeIndexAt(last.start),
      message: 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.',
    });
  },
};
