// ConsistentInstructionCasing: an instruction keyword cased differently from most of the file
// (ties count as uppercase), or in mixed case (`Run`). Like BuildKit, only FROM and the
// instructions of stages are counted and checked; global ARGs before the first FROM are not.

import { getInstruction } from '../../facts';
import type { DockerfileModel, Stage } from '../../semantics';
import type { SyntaxTree } from '../../syntax';
import { perPart } from '../partMemo';
import type { FileRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, isSelfConsistentCasing } from './support/nodes';

type Casing = 'uppercase' | 'lowercase';

function recase(word: string, casing: Casing): string {
  return casing === 'uppercase' ? word.toUpperCase() : word.toLowerCase();
}

/**
 * The keywords of a stage's instructions (only instructions of stages count, as in BuildKit): how
 * many are lower and upper case, and which (node indexes from the FROM) are not upper or not lower.
 */
interface StageCasing {
  readonly lower: number;
  readonly upper: number;
  readonly notUpper: readonly number[];
  readonly notLower: readonly number[];
}

const casings = new WeakMap<object, StageCasing>();

function stageCasing(tree: SyntaxTree, model: DockerfileModel, stage: Stage): StageCasing {
  return perPart(casings, model, stage, () => {
    let lower = 0;
    let upper = 0;
    const notUpper: number[] = [];
    const notLower: number[] = [];
    tree.forEach((node, _start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || !getInstruction(node.name)) return;
      const text = node.keyword.text;
      const isLower = text === text.toLowerCase();
      const isUpper = text === text.toUpperCase();
      if (isLower) lower++;
      else if (isUpper) upper++;
      if (!isUpper) notUpper.push(index - stage.nodeIndex);
      if (!isLower) notLower.push(index - stage.nodeIndex);
    }, stage.nodeIndex);
    return { lower, upper, notUpper, notLower };
  });
}

export const ConsistentInstructionCasing: FileRule = {
  ...checkMeta('ConsistentInstructionCasing'),
  scope: 'file',
  check({ tree, model, report }) {
    const casings = model.stages.map((stage) => stageCasing(tree, model, stage));
    let lower = 0;
    let upper = 0;
    for (const casing of casings) {
      lower += casing.lower;
      upper += casing.upper;
    }
    const majority: Casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const stage of model.stages) {
      const casing = casings[stage.index];
      for (const relative of majority === 'uppercase' ? casing.notUpper : casing.notLower) {
        const index = stage.nodeIndex + relative;
        const node = tree.node(index);
        if (node.kind !== 'instruction') continue;
        const text = node.keyword.text;
        const expected = recase(text, majority);
        if (expected === text) continue;
        const start = tree.start(index);
        const why = isSelfConsistentCasing(text) ? `most instructions in this file are ${majority}` : 'it mixes upper and lower case';
        report({
          nodeIndex: index,
          start: start + node.keyword.start,
          end: start + node.keyword.end,
          message: `'${text}' should be '${expected}': ${why}.`,
          data: { casing: majority },
        });
      }
    }
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    const casing = (diagnostic.data as { casing?: Casing } | undefined)?.casing;
    if (!entry || (casing !== 'uppercase' && casing !== 'lowercase')) return [];
    const keyword = entry.node.keyword;
    const expected = recase(keyword.text, casing);
    if (expected === keyword.text) return [];
    const edits = [{ start: entry.start + keyword.start, end: entry.start + keyword.end, text: expected }];
    // `AS` follows FROM's new casing, or FromAsCasing would report what this fix wrote.
    const as = entry.node.name === 'FROM' && entry.node.argList.length >= 3 ? entry.node.argList[1] : undefined;
    if (as && as.text.toLowerCase() === 'as' && as.end - as.start === 2 && recase(as.text, casing) !== as.text) {
      edits.push({ start: entry.start + as.start, end: entry.start + as.end, text: recase(as.text, casing) });
    }
    return [quickFix(`Write '${expected}'`, doc, diagnostic, edits, true)];
  },
};
