// The stage references BuildKit follows when it orders the build: COPY --from (a stage name, or a
// number as `stageIndex` reads it) and RUN --mount from= (a stage name). Names resolve as BuildKit
// resolves them: in lower case, to the LAST stage of that name, wherever it is in the file. Shared
// by the rules on stage order, stage indexes and cycles.

import { stageIndex, type DocumentSpan, type DockerfileModel, type Stage, type StageReferenceKind } from '../../semantics';
import { perPart, QuietMemo } from '../partMemo';

/** Where an edge's reference is, in document offsets. */
export interface EdgeReference {
  readonly kind: StageReferenceKind;
  readonly nodeIndex: number;
  readonly span: DocumentSpan;
  readonly text: string;
}

export interface StageEdge {
  readonly reference: EdgeReference;
  /** The stage the referring instruction belongs to. */
  readonly from: Stage;
  /** The stage it names; undefined for images, contexts and out-of-range indexes. */
  readonly to?: Stage;
  /** The number is negative or past the last stage. */
  readonly badIndex: boolean;
}

/** A literal `--from`/`from=` of a stage, relative to its FROM (node index and offsets). */
interface LiteralReference {
  readonly kind: StageReferenceKind;
  readonly text: string;
  /**
   * The text in lower case, as a stage name is looked up: made once with the part, so each version's
   * lookup hashes a string it has hashed before, not a new one.
   */
  readonly name: string;
  readonly node: number;
  readonly start: number;
  readonly end: number;
  /** The stage number of `COPY --from=<n>` (negative ones name no stage). */
  readonly index?: number;
}

const literals = new WeakMap<object, readonly LiteralReference[]>();

/** The references of a stage that can name another stage: not FROM images, not empty, no variables. */
function literalReferences(model: DockerfileModel, stage: Stage): readonly LiteralReference[] {
  return perPart(literals, model, stage, () =>
    model
      .stageReferencesIn(stage)
      .filter((r) => r.kind !== 'from' && r.text !== '' && !r.text.includes('$'))
      .map((r) => ({
        kind: r.kind,
        text: r.text,
        name: r.text.toLowerCase(),
        node: r.nodeIndex - stage.nodeIndex,
        start: r.span.start - stage.fromStart,
        end: r.span.end - stage.fromStart,
        index: r.kind === 'copy-from' ? stageIndex(r.text) : undefined,
      })),
  );
}

/** An edge; where its reference is gets worked out only when a rule reports it. */
class Edge implements StageEdge {
  constructor(
    readonly from: Stage,
    readonly to: Stage | undefined,
    readonly badIndex: boolean,
    private readonly literal: LiteralReference,
  ) {}

  get reference(): EdgeReference {
    const { kind, text, node, start, end } = this.literal;
    return { kind, text, nodeIndex: this.from.nodeIndex + node, span: { start: this.from.fromStart + start, end: this.from.fromStart + end } };
  }
}

/** What the stage-order rules report, for one model. */
export interface StageGraph {
  /** References to a negative stage number or one past the last stage, in document order. */
  readonly badIndexes: readonly StageEdge[];
  /** Edges to the same or a later stage (only these can be out of order or close a cycle), in document order. */
  readonly forward: readonly StageEdge[];
  /** The edges on a cycle, in document order. */
  readonly cyclic: ReadonlySet<StageEdge>;
}

const graphs = new WeakMap<DockerfileModel, StageGraph>();

const NOTHING_TO_REPORT: StageGraph = { badIndexes: [], forward: [], cyclic: new Set() };

/**
 * Where a version with nothing to report comes from: stages with the names and literal references
 * (kind and lower-case text, which also decides a `--from=<n>` index) of a version that had none.
 * Global ARGs play no part (references with variables are left out).
 */
const quietGraphs = new QuietMemo(
  (model, stage) => `${stage.nameLower ?? ''}\n${literalReferences(model, stage).map((r) => `${r.kind} ${r.name}`).join('\n')}`,
);

/**
 * The stage graph of a model, computed once per model (several rules read it). Edges back to an
 * earlier stage, nearly all of them, get no object: every cycle has an edge to the same or a later
 * stage, so only when there is one are all edges made, to find the cycles.
 */
export function stageGraph(model: DockerfileModel): StageGraph {
  let graph = graphs.get(model);
  if (!graph) {
    graph = quietGraphs.quiet(model) ? NOTHING_TO_REPORT : computeGraph(model);
    quietGraphs.record(model, !graph.badIndexes.length && !graph.forward.length);
    graphs.set(model, graph);
  }
  return graph;
}

function computeGraph(model: DockerfileModel): StageGraph {
  const lastByName = new Map<string, Stage>();
  for (const stage of model.stages) if (stage.nameLower) lastByName.set(stage.nameLower, stage);
  const collect = (all: boolean) => {
    const edges: StageEdge[] = [];
    const badIndexes: StageEdge[] = [];
    const forward: StageEdge[] = [];
    for (const from of model.stages) {
      for (const literal of literalReferences(model, from)) {
        const to = literal.index !== undefined ? (literal.index >= 0 ? model.stages[literal.index] : undefined) : lastByName.get(literal.name);
        const bad = to === undefined && literal.index !== undefined;
        const ahead = to !== undefined && to.index >= from.index;
        if (!all && !bad && !ahead) continue;
        const edge = new Edge(from, to, bad, literal);
        if (all) edges.push(edge);
        if (bad) badIndexes.push(edge);
        if (ahead) forward.push(edge);
      }
    }
    return { edges, badIndexes, forward };
  };
  const some = collect(false);
  if (!some.forward.length) return { badIndexes: some.badIndexes, forward: some.forward, cyclic: new Set() };
  const every = collect(true);
  return { badIndexes: every.badIndexes, forward: every.forward, cyclic: cyclicEdges(every.edges) };
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
