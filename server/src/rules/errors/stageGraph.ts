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

const edgesOf = new WeakMap<DockerfileModel, readonly StageEdge[]>();

/** The edges of a model (computed once per model: several rules read them). */
export function stageEdges(model: DockerfileModel): readonly StageEdge[] {
  let edges = edgesOf.get(model);
  if (!edges) {
    edges = computeEdges(model);
    edgesOf.set(model, edges);
  }
  return edges;
}

function computeEdges(model: DockerfileModel): StageEdge[] {
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

/**
 * The edges that lie on a cycle of stage dependencies (a stage needing itself, directly or not):
 * an edge a -> b is on a cycle when a can be reached again from b, that is when a and b are in
 * the same strongly connected component. Tarjan's algorithm, iterative, so linear in the edges.
 */
export function cyclicEdges(edges: readonly StageEdge[]): ReadonlySet<StageEdge> {
  let cyclic = cyclicOf.get(edges);
  if (!cyclic) {
    cyclic = computeCyclic(edges);
    cyclicOf.set(edges, cyclic);
  }
  return cyclic;
}

const cyclicOf = new WeakMap<readonly StageEdge[], ReadonlySet<StageEdge>>();

function computeCyclic(edges: readonly StageEdge[]): Set<StageEdge> {
  const out = new Map<number, number[]>();
  for (const edge of edges) {
    if (!edge.to) continue;
    const targets = out.get(edge.from.index);
    if (targets) targets.push(edge.to.index);
    else out.set(edge.from.index, [edge.to.index]);
  }
  const component = components(out);
  const cyclic = new Set<StageEdge>();
  for (const edge of edges) if (edge.to && component.get(edge.to.index) === component.get(edge.from.index)) cyclic.add(edge);
  return cyclic;
}

/** The strongly connected component of each vertex of a graph given as adjacency lists. */
function components(out: ReadonlyMap<number, readonly number[]>): Map<number, number> {
  const order = new Map<number, number>();
  const low = new Map<number, number>();
  const component = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  for (const root of out.keys()) {
    if (order.has(root)) continue;
    // Each frame: a vertex and how many of its successors have been looked at.
    const frames: [number, number][] = [[root, 0]];
    order.set(root, order.size);
    low.set(root, order.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length) {
      const frame = frames[frames.length - 1];
      const [vertex, next] = frame;
      const successors = out.get(vertex) ?? [];
      if (next < successors.length) {
        frame[1]++;
        const w = successors[next];
        if (!order.has(w)) {
          order.set(w, order.size);
          low.set(w, order.get(w)!);
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(vertex, Math.min(low.get(vertex)!, order.get(w)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length) {
        const parent = frames[frames.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(vertex)!));
      }
      if (low.get(vertex) === order.get(vertex)) {
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          component.set(w, vertex);
          if (w === vertex) break;
        }
      }
    }
  }
  return component;
}

/** How BuildKit names a stage in messages. */
export function stageLabel(stage: Stage): string {
  return stage.name ? `"${stage.name}"` : `number ${stage.index}`;
}
