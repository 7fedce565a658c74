// FromAsCasing: the `AS` of `FROM image AS name` is cased differently from `FROM` (`FROM x as y`
// or `from x AS y`). A mixed-case `From` is left to ConsistentInstructionCasing.

import type { InstructionNode } from '../../syntax';
import type { InstructionRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange } from './support/nodes';

/** The spelling `as` should have to match the FROM keyword, or undefined when it already does. */
function expectedAs(node: InstructionNode): string | undefined {
  // BuildKit looks at the second argument whenever there are at least three.
  if (node.name !== 'FROM' || node.argList.length < 3) return undefined;
  const keyword = node.keyword.text;
  const as = node.argList[1].text;
  if (keyword === keyword.toLowerCase()) return as === as.toLowerCase() ? undefined : as.toLowerCase();
  if (keyword === keyword.toUpperCase()) return as === as.toUpperCase() ? undefined : as.toUpperCase();
  return undefined;
}

export const FromAsCasing: InstructionRule = {
  ...checkMeta('FromAsCasing'),
  scope: 'instruction',
  check(node, report) {
    const expected = expectedAs(node);
    if (expected === undefined) return;
    const as = node.argList[1];
    report({
      start: as.start,
      end: as.end,
      message: `'${as.text}' is cased differently from '${node.keyword.text}'; write '${expected}'.`,
    });
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    const expected = entry && expectedAs(entry.node);
    // BuildKit compares the case of any second word (`FROM a bs b`), but only AS itself is worth writing in another case.
    if (!entry || expected === undefined || expected.toUpperCase() !== 'AS') return [];
    const as = entry.node.argList[1];
    return [quickFix(`Write '${expected}'`, doc, diagnostic, [{ start: entry.start + as.start, end: entry.start + as.end, text: expected }], true)];
  },
};
