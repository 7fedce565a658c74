// RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`): the
// expression uses that variable alone and yields its value, which is what a stage gets anyway.

import { lex } from '../../syntax';
import type { InstructionNode } from '../../syntax';
import type { InstructionRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { flagNamed, instructionAtRange } from './support/nodes';

// Any value works: the question is whether the expression gives back exactly that value.
const SENTINEL = 'linux/amd64';

function isRedundant(node: InstructionNode, escape: string): boolean {
  const value = node.name === 'FROM' ? flagNamed(node, 'platform')?.value : undefined;
  if (!value) return false;
  const result = lex(value.text, (name) => (name === 'TARGETPLATFORM' ? SENTINEL : undefined), { escape, splitWords: false });
  return !result.error && result.unmatched.size === 0 && result.matched.size === 1 && result.matched.has('TARGETPLATFORM') && result.value === SENTINEL;
}

export const RedundantTargetPlatform: InstructionRule = {
  ...checkMeta('RedundantTargetPlatform'),
  scope: 'instruction',
  check(node, report, escape) {
    if (!isRedundant(node, escape)) return;
    const flag = flagNamed(node, 'platform')!;
    report({
      start: flag.start,
      end: flag.end,
      message: `'${flag.text}' asks for the target platform, which every stage uses by default; remove the flag.`,
    });
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || !isRedundant(entry.node, doc.tree.escape)) return [];
    // A global `ARG TARGETPLATFORM` (its default, or a --build-arg it admits) replaces the automatic
    // value in FROM lines only: BuildKit still warns, but without the flag the stage would be built
    // for the requested platform instead, a different build.
    if (doc.model.globalArgNamed('TARGETPLATFORM')) return [];
    const flag = flagNamed(entry.node, 'platform')!;
    // Remove the flag and the white space after it.
    const text = doc.tree.nodeText(entry.index);
    let end = flag.end;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return [quickFix('Remove the redundant --platform flag', doc, diagnostic, [{ start: entry.start + flag.start, end: entry.start + end, text: '' }], true)];
  },
};
