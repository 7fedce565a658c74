// Facts a stage inherits from the stage it is built FROM (a SHELL set, a WORKDIR set, the OS),
// computed once per stage of a model and never by recursion, so long FROM chains stay linear.

import type { DockerfileModel, Stage } from '../../../semantics';
import type { InstructionNode, TopLevelNode } from '../../../syntax';
import { perPart } from '../../partMemo';

/** A per-rule memo: the value of each stage of a model. */
export type ChainMemo<T> = WeakMap<DockerfileModel, Map<number, T>>;

/** `compute(stage, value of its base stage)` for `stage`, computing its bases first as needed. */
export function alongBases<T>(memo: ChainMemo<T>, model: DockerfileModel, stage: Stage, compute: (stage: Stage, base: T | undefined) => T): T {
  let values = memo.get(model);
  if (!values) memo.set(model, (values = new Map()));
  const pending: Stage[] = [];
  for (let s: Stage | undefined = stage; s && !values.has(s.index); s = s.base) pending.push(s);
  for (let i = pending.length - 1; i >= 0; i--) {
    const s = pending[i];
    values.set(s.index, compute(s, s.base ? values.get(s.base.index) : undefined));
  }
  return values.get(stage.index)!;
}

/**
 * The final stage (what a plain `docker build` builds into the image) and the stages it is built
 * FROM, from the final one down. A base is always an earlier stage, so the walk ends.
 */
export function* finalStageAndBases(model: DockerfileModel): Generator<Stage> {
  for (let stage: Stage | undefined = model.stages[model.stages.length - 1]; stage; stage = stage.base) yield stage;
}

/** A stage's ONBUILD triggers, in order, each with its node index relative to the stage's FROM. */
const triggersByPart = new WeakMap<object, readonly { readonly trigger: InstructionNode; readonly relative: number }[]>();

/** No trigger: shared by the stages without ONBUILD. */
const NO_TRIGGERS: readonly { readonly trigger: InstructionNode; readonly relative: number }[] = Object.freeze([]);

/**
 * The triggers of a stage's `ONBUILD` instructions, in order, with their node indexes. A stage built
 * FROM this one runs them before its own instructions (BuildKit's dispatchOnBuildTriggers), so it
 * starts with what they set; in their own stage they set nothing. Found once per stage analysis,
 * so that many stages built FROM one do not each read it again.
 */
export function stageTriggers(model: DockerfileModel, stage: Stage): { trigger: InstructionNode; index: number }[] {
  const found = perPart(triggersByPart, model, stage, findTriggers);
  return found.map(({ trigger, relative }) => ({ trigger, index: stage.nodeIndex + relative }));
}

function findTriggers(model: DockerfileModel, stage: Stage): readonly { readonly trigger: InstructionNode; readonly relative: number }[] {
  const list: { trigger: InstructionNode; relative: number }[] = [];
  model.tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind === 'instruction' && node.trigger) list.push({ trigger: node.trigger, relative: index - stage.nodeIndex });
  }, stage.nodeIndex + 1);
  return list.length ? list : NO_TRIGGERS;
}

/** The last `ONBUILD <keyword>` trigger of a stage (see `stageTriggers`), and its node index. */
export function lastTrigger(model: DockerfileModel, stage: Stage, keyword: string): { trigger: InstructionNode; index: number } | undefined {
  const triggers = stageTriggers(model, stage);
  for (let i = triggers.length - 1; i >= 0; i--) if (triggers[i].trigger.name === keyword) return triggers[i];
  return undefined;
}

/**
 * The nodes of a stage after its FROM in the order they take effect: each in turn, except its
 * `ONBUILD` instructions, whose triggers run in each stage built FROM this one, after all of this
 * stage: those come last, in their order.
 */
export function forEachInRunOrder(model: DockerfileModel, stage: Stage, visit: (node: TopLevelNode, index: number) => void): void {
  const triggers: number[] = [];
  model.tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind === 'instruction' && node.name === 'ONBUILD') triggers.push(index);
    else visit(node, index);
  }, stage.nodeIndex + 1);
  for (const index of triggers) visit(model.tree.node(index), index);
}
