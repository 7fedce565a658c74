// Whether a WORKDIR has said where a stage works: one of its own, one of a stage it is built FROM, or
// an `ONBUILD WORKDIR` of that stage, which runs first in it. Shared by WorkdirRelativePath (a stage's
// first WORKDIR may not be relative) and DL3045 (a relative COPY destination needs a WORKDIR before it).

import type { DockerfileModel, Stage } from '../../../semantics';
import type { SyntaxTree } from '../../../syntax';
import { alongBases, lastTrigger, type ChainMemo } from './chain';

/** Whether a stage starts with a WORKDIR set: its base stage ended with one, or the base's `ONBUILD WORKDIR` runs first in it. */
function setAtStart(model: DockerfileModel, stage: Stage, baseSetAtEnd: boolean): boolean {
  return baseSetAtEnd || (stage.base !== undefined && lastTrigger(model, stage.base, 'WORKDIR') !== undefined);
}

/** Whether each stage ends with a WORKDIR set (by it or a stage it is built FROM, or their triggers). */
const setAtEnd: ChainMemo<boolean> = new WeakMap();

/** Whether a stage ends with a WORKDIR set, by it or a stage it is built FROM (or their triggers). */
export function workdirSetByEnd(tree: SyntaxTree, model: DockerfileModel, stage: Stage): boolean {
  return alongBases(setAtEnd, model, stage, (s, base) => firstWorkdir(tree, s, setAtStart(model, s, base ?? false)) !== undefined);
}

/** Whether a WORKDIR is set as the stage starts, by the stages it is built FROM or their triggers. */
export function workdirSetAtStart(tree: SyntaxTree, model: DockerfileModel, stage: Stage): boolean {
  return stage.base ? setAtStart(model, stage, workdirSetByEnd(tree, model, stage.base)) : false;
}

/** The index of the stage's first WORKDIR with an argument; -1 when one is set as it starts (`inherited`). */
export function firstWorkdir(tree: SyntaxTree, stage: Stage, inherited: boolean): number | undefined {
  if (inherited) return -1;
  let found: number | undefined;
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || node.name !== 'WORKDIR' || node.argList.length === 0) return;
    found = index;
    return false;
  }, stage.nodeIndex + 1);
  return found;
}
