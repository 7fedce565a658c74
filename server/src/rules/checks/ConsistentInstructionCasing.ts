// ConsistentInstructionCasing: an instruction keyword cased differently from most of the file
// (ties count as uppercase), or in mixed case (`Run`). Like BuildKit, only FROM and the
// instructions of stages are counted and checked; global ARGs before the first FROM are not.

import { getInstruction } from '../../facts';
import type { FileRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, isSelfConsistentCasing } from './support/nodes';

type Casing = 'uppercase' | 'lowercase';

function recase(word: string, casing: Casing): string {
  return casing === 'uppercase' ? word.toUpperCase() : word.toLowerCase();
}

export const ConsistentInstructionCasing: FileRule = {
  ...checkMeta('ConsistentInstructionCasing'),
  scope: 'file',
  check({ tree, report }) {
    const keywords: { index: number; start: number; text: string; end: number }[] = [];
    let lower = 0;
    let upper = 0;
    let inStage = false;
    for (const { node, start, index } of tree.instructions()) {
      if (node.name === 'FROM') inStage = true;
      if (!inStage || !getInstruction(node.name)) continue;
      const text = node.keyword.text;
      keywords.push({ index, start: start + node.keyword.start, end: start + node.keyword.end, text });
      if (text === text.toLowerCase()) lower++;
      else if (text === text.toUpperCase()) upper++;
    }
    const majority: Casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const keyword of keywords) {
      const expected = recase(keyword.text, majority);
      if (expected === keyword.text) continue;
      const why = isSelfConsistentCasing(keyword.text) ? `most instructions in this file are ${majority}` : 'it mixes upper and lower case';
      report({
        nodeIndex: keyword.index,
        start: keyword.start,
        end: keyword.end,
        message: `'${keyword.text}' should be '${expected}': ${why}.`,
        data: { casing: majority },
      });
    }
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    const casing = (diagnostic.data as { casing?: Casing } | undefined)?.casing;
    if (!entry || (casing !== 'uppercase' && casing !== 'lowercase')) return [];
    const keyword = entry.node.keyword;
    const expected = recase(keyword.text, casing);
    if (expected === keyword.text) return [];
    return [quickFix(`Write '${expected}'`, doc, diagnostic, [{ start: entry.start + keyword.start, end: entry.start + keyword.end, text: expected }], true)];
  },
};
