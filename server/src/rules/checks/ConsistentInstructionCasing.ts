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
 * Only the shorter of the two lists is kept (both when as long): the other holds most of the stage's
 * instructions (`notLower`, in a file written in upper case), is read only when they are reported,
 * and is then found again (`notCased`).
 */
interface StageCasing {
  readonly lower: number;
  readonly upper: number;
  readonly notUpper: readonly number[] | undefined;
  readonly notLower: readonly number[] | undefined;
}

const casings = new WeakMap<object, StageCasing>();

const NO_INDEXES: readonly number[] = Object.freeze([]);

function stageCasing(model: DockerfileModel, stage: Stage): StageCasing {
  return perPart(casings, model, stage, countCasing);
}

function countCasing(model: DockerfileModel, stage: Stage): StageCasing {
  const { tree } = model;
  let lower = 0;
  let upper = 0;
  let mixed = 0;
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || !getInstruction(node.name)) return;
    const text = node.keyword.text;
    if (text === text.toLowerCase()) lower++;
    else if (text === text.toUpperCase()) upper++;
    else mixed++;
  }, stage.nodeIndex);
  const notUpper = lower + mixed;
  const notLower = upper + mixed;
  return {
    lower,
    upper,
    notUpper: notUpper <= notLower ? notCased(tree, stage, 'uppercase') : undefined,
    notLower: notLower <= notUpper ? notCased(tree, stage, 'lowercase') : undefined,
  };
}

/** The instructions of a stage (node indexes from the FROM) whose keyword is not in `casing`. */
function notCased(tree: SyntaxTree, stage: Stage, casing: Casing): readonly number[] {
  let out: number[] | undefined;
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || !getInstruction(node.name)) return;
    const text = node.keyword.text;
    if (text !== recase(text, casing)) (out ??= []).push(index - stage.nodeIndex);
  }, stage.nodeIndex);
  return out ? out.slice() : NO_INDEXES;
}

export const ConsistentInstructionCasing: FileRule = {
  ...checkMeta('ConsistentInstructionCasing'),
  scope: 'file',
  check({ tree, model, report }) {
    const casings = model.stages.map((stage) => stageCasing(model, stage));
    let lower = 0;
    let upper = 0;
    for (const casing of casings) {
      lower += casing.lower;
      upper += casing.upper;
    }
    const majority: Casing = lower > upper ? 'lowercase' : 'uppercase';
    for (const stage of model.stages) {
      const casing = casings[stage.index];
      const notMajority = majority === 'uppercase' ? casing.notUpper : casing.notLower;
      for (const relative of notMajority ?? notCased(tree, stage, majority)) {
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
