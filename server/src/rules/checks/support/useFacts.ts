// The model's resolution of the variable references of one node, read from its part's own uses
// (`DockerfileModel.partUseFacts`, in node order): a check that needs only what a use resolves to
// makes no absolute objects of the stage's uses and declarations (`usesInNode` makes them for the
// whole stage, in each version, and a check of every stage made them for the whole file).

import type { DockerfileModel, UseFacts } from '../../../semantics';
import { countBelow } from '../../../syntax';

const NONE: readonly UseFacts[] = [];

/** What the model resolved for each variable reference of node `nodeIndex`, in order (`usesInNode`'s uses, without their absolute objects). */
export function useFactsOfNode(model: DockerfileModel, nodeIndex: number): readonly UseFacts[] {
  const stage = model.stageOfNode(nodeIndex);
  const node = stage ? nodeIndex - stage.nodeIndex : nodeIndex;
  const facts = model.partUseFacts(stage ? stage.index : -1);
  const low = countBelow(facts, (use) => use.node, node);
  let end = low;
  while (end < facts.length && facts[end].node === node) end++;
  return end === low ? NONE : facts.slice(low, end);
}
