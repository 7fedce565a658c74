// The stage references BuildKit follows when it orders the build: COPY --from (a stage name, or a
// number as `stageIndex` reads it) and RUN --mount from= (a stage name). Names resolve as BuildKit
// resolves them: in lower case, to the LAST stage of that name, wherever it is in the file. A
// reference that names no stage is an image (or a named build context) to BuildKit, which parses it
// as an image reference before anything else and stops when it is not one. Shared by the rules on
// stage indexes, cycles and image references.

import { parseImageReference, stageIndex, type DocumentSpan, type DockerfileModel, type Stage, type StageReferenceKind } from '../../semantics';
import { EMPTY_ENVIRONMENT, expandWord } from '../../syntax';
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
  /** Why the text, read as an image since it names no stage, is not a valid image reference. */
  readonly imageError?: string;
}

/** A literal `--from`/`from=` of a stage, relative to its FROM (node index and offsets). */
export interface LiteralReference {
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
  /**
   * Why the text is not a valid image reference, for a name BuildKit would read as an image if no
   * stage has it. Left out for a COPY --from that word processing would still change (quotes or
   * escape characters left once the flag is read), which BuildKit refuses before: copy-from-variable.
   */
  readonly imageError?: string;
}

const literals = new WeakMap<object, readonly LiteralReference[]>();

const NO_LITERALS: readonly LiteralReference[] = Object.freeze([]);

/**
 * The references of a stage that can name another stage: not FROM images, not empty, no variables.
 * Read from the part's own references, so the version makes no absolute objects for them.
 */
export function literalReferences(model: DockerfileModel, stage: Stage): readonly LiteralReference[] {
  return perPart(literals, model, stage, findLiteralReferences);
}

function findLiteralReferences(model: DockerfileModel, stage: Stage): readonly LiteralReference[] {
  let out: LiteralReference[] | undefined;
  for (const r of model.partReferences(stage.index)) {
    const text = r.token.text;
    if (r.kind === 'from' || text === '' || text.includes('$')) continue;
    const index = r.kind === 'copy-from' ? stageIndex(text) : undefined;
    (out ??= []).push({
      kind: r.kind,
      text,
      name: text.toLowerCase(),
      node: r.node,
      start: r.at + r.token.start,
      end: r.at + r.token.end,
      index,
      imageError: index === undefined ? imageError(r.kind, text, model.tree.escape) : undefined,
    });
  }
  // A copy of the exact length: a list grown by push keeps room for more.
  return out ? out.slice() : NO_LITERALS;
}

/** Why `text` is not a valid image reference, when BuildKit takes it as written (see `LiteralReference.imageError`). */
function imageError(kind: StageReferenceKind, text: string, escape: string): string | undefined {
  if (kind === 'copy-from') {
    const expanded = expandWord(text, EMPTY_ENVIRONMENT, escape);
    if (!('value' in expanded) || expanded.value !== text) return undefined;
  }
  const parsed = parseImageReference(text);
  return parsed.ok ? undefined : parsed.error;
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

  get imageError(): string | undefined {
    return this.to ? undefined : this.literal.imageError;
  }
}

/** What the stage-order rules report, for one model. */
export interface StageGraph {
  /** References to a negative stage number or one past the last stage, in document order. */
  readonly badIndexes: readonly StageEdge[];
  /** Edges to the same or a later stage (only these can close a cycle), in document order. */
  readonly forward: readonly StageEdge[];
  /** The edges on a cycle, in document order. */
  readonly cyclic: ReadonlySet<StageEdge>;
  /** References that name no stage, so are read as images, and are not valid image references, in document order. */
  readonly badImages: readonly StageEdge[];
}

const graphs = new WeakMap<DockerfileModel, StageGraph>();

const NOTHING_TO_REPORT: StageGraph = { badIndexes: [], forward: [], cyclic: new Set(), badImages: [] };

/**
 * Where a version with nothing to report comes from: stages with the names and literal references
 * (kind and lower-case text, which also decides a `--from=<n>` index, and whether the text is a
 * valid image reference) of a version that had none. Global ARGs play no part (references with
 * variables are left out).
 */
const quietGraphs = new QuietMemo(
  (model, stage) =>
    `${stage.nameLower ?? ''}\n${literalReferences(model, stage)
      .map((r) => `${r.kind} ${r.name}${r.imageError === undefined ? '' : ' !'}`)
      .join('\n')}`,
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
    quietGraphs.record(model, !graph.badIndexes.length && !graph.forward.length && !graph.badImages.length);
    graphs.set(model, graph);
  }
  return graph;
}

function computeGraph(model: DockerfileModel): StageGraph {
  const collect = (all: boolean) => {
    const edges: StageEdge[] = [];
    const badIndexes: StageEdge[] = [];
    const forward: StageEdge[] = [];
    const badImages: StageEdge[] = [];
    for (const from of model.stages) {
      for (const literal of literalReferences(model, from)) {
        const to = literal.index !== undefined ? (literal.index >= 0 ? model.stages[literal.index] : undefined) : model.lastNamed(literal.name);
        const bad = to === undefined && literal.index !== undefined;
        const ahead = to !== undefined && to.index >= from.index;
        const badImage = to === undefined && literal.imageError !== undefined;
        if (!all && !bad && !ahead && !badImage) continue;
        const edge = new Edge(from, to, bad, literal);
        if (all) edges.push(edge);
        if (bad) badIndexes.push(edge);
        if (ahead) forward.push(edge);
        if (badImage) badImages.push(edge);
      }
    }
    return { edges, badIndexes, forward, badImages };
  };
  const some = collect(false);
  if (!some.forward.length) return { badIndexes: some.badIndexes, forward: some.forward, cyclic: new Set(), badImages: some.badImages };
  const every = collect(true);
  return { badIndexes: every.badIndexes, forward: every.forward, cyclic: cyclicEdges(every.edges), badImages: every.badImages };
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
