// NoEmptyContinuation: an empty line inside an instruction continued with the escape character.
// BuildKit ignores it today and announces an error later. Each empty line is reported (BuildKit
// reports the instruction once); the fix deletes the line.

import type { InstructionRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, nextLineStart } from './support/nodes';

export const NoEmptyContinuation: InstructionRule = {
  ...checkMeta('NoEmptyContinuation'),
  scope: 'instruction',
  check(node, report) {
    for (const line of node.emptyContinuationLines) {
      report({
        start: line.start,
        end: line.end,
        message: 'Empty line inside a continued instruction; empty continuation lines are deprecated and will become an error. Delete the line.',
      });
    }
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry) return [];
    const offset = doc.text.offsetAt(diagnostic.range.start);
    const line = entry.node.emptyContinuationLines.find((span) => entry.start + span.start === offset);
    if (!line) return [];
    const start = entry.start + line.start;
    return [quickFix('Delete the empty continuation line', doc, diagnostic, [{ start, end: nextLineStart(doc.tree, start), text: '' }], true)];
  },
};
