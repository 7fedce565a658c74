// A Dockerfile with instructions but no FROM at all has nothing to build.

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
    let first: { start: number; end: number; index: number } | undefined;
    for (const { node, start, index } of tree.instructions()) {
      // Other instructions before FROM are reported one by one (instruction-before-from).
      if (node.name !== 'ARG') return;
      first ??= { start: start + node.keyword.start, end: start + node.keyword.end, index };
    }
    if (!first) return;
    report({
      start: first.start,
      end: first.end,
      nodeIndex: first.index,
      message: 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.',
    });
  },
};
