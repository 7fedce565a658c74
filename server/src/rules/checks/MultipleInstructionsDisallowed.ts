// MultipleInstructionsDisallowed: more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage. Only
// the last one takes effect, so each earlier one is reported (and faded as unnecessary).

import { DiagnosticTag } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, instructionSpan } from './support/nodes';

const ONCE_PER_STAGE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const MultipleInstructionsDisallowed: FileRule = {
  ...checkMeta('MultipleInstructionsDisallowed'),
  scope: 'file',
  check({ doc, tree, model, report }) {
    for (const stage of model.stages) {
      const last = new Map<string, number>();
      for (let index = stage.nodeIndex + 1; index <= stage.lastNodeIndex; index++) {
        const node = tree.node(index);
        if (node.kind !== 'instruction' || !ONCE_PER_STAGE.has(node.name)) continue;
        const earlier = last.get(node.name);
        last.set(node.name, index);
        if (earlier === undefined) continue;
        const earlierNode = tree.node(earlier);
        if (earlierNode.kind !== 'instruction') continue;
        const span = instructionSpan(earlierNode);
        const start = tree.start(earlier);
        const line = doc.text.positionAt(tree.start(index)).line + 1;
        report({
          nodeIndex: earlier,
          start: start + span.start,
          end: start + span.end,
          message: `This ${node.name} has no effect: the ${node.name} on line ${line} replaces it, because only the last one in a stage counts.`,
          tags: [DiagnosticTag.Unnecessary],
        });
      }
    }
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || !ONCE_PER_STAGE.has(entry.node.name)) return [];
    return [quickFix(`Remove this ${entry.node.name}`, doc, diagnostic, [{ start: entry.start, end: entry.start + entry.node.length, text: '' }])];
  },
};
