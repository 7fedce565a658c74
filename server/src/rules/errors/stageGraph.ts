// The stage references BuildKit follows when it orders the build: COPY --from (a stage name or
// index) and RUN --mount from= (a stage name). Names resolve as BuildKit resolves them: in lower
// case, to the LAST stage of that name, wherever it is in the file. Shared by the rules on
// stage order, stage indexes and cycles.

import type { DockerfileModel, Stage, StageReference } from '../../semantics';

export interface StageEdge {
  readonly reference: StageReference;
  /** The stage the referring instruction belongs to. */
  readonly from: Stage;
  /** The stage it names; undefined for images, contexts and out-of-range indexes. */
  readonly to?: Stage;
  /** The index is past the last stage. */
  readonly badIndex: boolean;
}

export function stageEdges(model: DockerfileModel): StageEdge[] {
  const lastByName = new Map<string, Stage>();
  for (const stage of model.stages) if (stage.nameLower) lastByName.set(stage.nameLower, stage);
  const edges: StageEdge[] = [];
  for (const reference of model.stageReferences) {
    if (reference.kind === 'from' || reference.text === '' || reference.text.includes('$')) continue;
    const from = model.stageOfNode(reference.nodeIndex);
    if (!from) continue;
    const byIndex = reference.kind === 'copy-from' && /^[0-9]+$/.test(reference.text);
    if (byIndex) {
      const to = model.stages[Number(reference.text)];
      edges.push({ reference, from, to, badIndex: to === undefined });
    } else {
      edges.push({ reference, from, to: lastByName.get(reference.text.toLowerCase()), badIndex: false });
    }
  }
  return edges;
}

/** The edges that lie on a cycle of stage dependencies (a stage needing itself, directly or not). */
export function cyclicEdges(edges: readonly StageEdge[]): Set<StageEdge> {
  const out = new Map<number, StageEdge[]>();
  for (const edge of edges) if (edge.to) out.set(edge.from.index, [...(out.get(edge.from.index) ?? []), edge]);
  // An edge a -> b is on a cycle when a can be reached again from b.
  const reaches = (start: number, goal: number): boolean => {
    const seen = new Set<number>();
    const stack = [start];
    while (stack.length) {
      const at = stack.pop()!;
      if (at === goal) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      for (const edge of out.get(at) ?? []) stack.push(edge.to!.index);
    }
    return false;
  };
  const cyclic = new Set<StageEdge>();
  for (const edge of edges) if (edge.to && reaches(edge.to.index, edge.from.index)) cyclic.add(edge);
  return cyclic;
}

/** How BuildKit names a stage in messages. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `number ${stage.index}`;
}
