// The names of the stages below a stage in its FROM chain, as "did you mean" candidates, nearest
// stage first. Asking every base stage's own index for each warning costs the depth of the chain per
// warning, so a chain of N stages with a warning each costs N²/2. Instead the FROM tree is cut into
// paths (each stage continues the path of its base when it is the base's largest branch), and each
// path has one index of its names, where each name keeps the places along the path that declare it.
// A look-up reads one index per path it crosses: a walk down from any stage leaves its path at most
// log2(N) times, since each time the branch it leaves holds more stages than the one it came from.

import type { Declaration, DockerfileModel, Stage } from '../../../semantics';
import { deletions, MAX_INDEXED_LENGTH } from './suggest';

/** A name of a path, with each place along the path whose stage declares it and where in that stage. */
interface PathName {
  readonly name: string;
  /** Ascending: positions along the path. */
  readonly depths: number[];
  /** Each stage's first declaration of the name, counted among its distinct names. */
  readonly orders: number[];
}

/** One path of the FROM tree: its stages from the top down, and their names indexed by deletion. */
class PathIndex {
  private readonly byDeletion = new Map<string, PathName[]>();
  private readonly byFolded = new Map<string, PathName[]>();
  private readonly names = new Map<string, PathName>();

  constructor(readonly top: Stage) {}

  /** Adds the names of the stage at `depth` (each deeper than the last), in their order there. */
  addStage(depth: number, names: Iterable<string>): void {
    let order = 0;
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const at = order++;
      if (name.length > MAX_INDEXED_LENGTH) continue;
      let entry = this.names.get(name);
      if (!entry) {
        this.names.set(name, (entry = { name, depths: [], orders: [] }));
        push(this.byFolded, name.toUpperCase(), entry);
        for (const key of deletions(name)) push(this.byDeletion, key, entry);
      }
      entry.depths.push(depth);
      entry.orders.push(at);
    }
  }

  /**
   * The names within deletion reach of `word` (`keys`: its deletions) declared at `depth` or above,
   * each at its deepest such place, nearest first and in declaration order within a stage.
   */
  candidates(word: string, keys: Iterable<string>, depth: number, found: Set<string>, out: string[]): void {
    const hits: { name: string; depth: number; order: number }[] = [];
    const take = (list: readonly PathName[] | undefined) => {
      if (!list) return;
      // Names come in the order of their first place: past `depth` none is declared above it.
      for (const entry of list) {
        if (entry.depths[0] > depth) break;
        if (found.has(entry.name)) continue;
        found.add(entry.name);
        const at = deepestAtMost(entry.depths, depth);
        hits.push({ name: entry.name, depth: entry.depths[at], order: entry.orders[at] });
      }
    };
    take(this.byFolded.get(word.toUpperCase()));
    for (const key of keys) take(this.byDeletion.get(key));
    hits.sort((a, b) => b.depth - a.depth || a.order - b.order);
    for (const hit of hits) out.push(hit.name);
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The index of the last value at most `limit` in an ascending array whose first value is. */
function deepestAtMost(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (values[middle] <= limit) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Each stage's path and depth on it, and each path's index (made when first asked for). */
interface ChainPaths {
  readonly path: Int32Array;
  readonly depth: Int32Array;
  readonly tops: Stage[];
  readonly members: Stage[][];
  readonly indexes: (PathIndex | undefined)[];
}

function chainPaths(model: DockerfileModel): ChainPaths {
  const stages = model.stages;
  const bases = stages.map((stage) => stage.base?.index ?? -1);
  // A base comes before the stages built FROM it, so sizes add up from the end.
  const size = new Int32Array(stages.length).fill(1);
  for (let s = stages.length - 1; s >= 0; s--) if (bases[s] >= 0) size[bases[s]] += size[s];
  const largestBranch = new Int32Array(stages.length).fill(-1);
  for (let s = 0; s < stages.length; s++) {
    const base = bases[s];
    if (base >= 0 && (largestBranch[base] < 0 || size[s] > size[largestBranch[base]])) largestBranch[base] = s;
  }
  const path = new Int32Array(stages.length);
  const depth = new Int32Array(stages.length);
  const tops: Stage[] = [];
  const members: Stage[][] = [];
  for (let s = 0; s < stages.length; s++) {
    const base = bases[s];
    if (base >= 0 && largestBranch[base] === s) {
      path[s] = path[base];
      depth[s] = depth[base] + 1;
    } else {
      path[s] = tops.length;
      depth[s] = 0;
      tops.push(stages[s]);
      members.push([]);
    }
    members[path[s]].push(stages[s]);
  }
  return { path, depth, tops, members, indexes: [] };
}

/**
 * A look-up of the names of the stages below a stage in its FROM chain (all of each: it ends before
 * the stage begins), nearest stage first and in declaration order within each, a name once (where it
 * is nearest): the candidates BuildKit's environment holds there. `namesOf` gives a stage's names in
 * order; the paths and their indexes are kept per model.
 */
export function chainCandidates(namesOf: (model: DockerfileModel, declarations: readonly Declaration[]) => Iterable<string>): (model: DockerfileModel, stage: Stage, word: string) => string[] {
  const pathsByModel = new WeakMap<DockerfileModel, ChainPaths>();
  return (model, stage, word) => {
    const out: string[] = [];
    const base = stage.base;
    if (!base || word.length > MAX_INDEXED_LENGTH) return out;
    let paths = pathsByModel.get(model);
    if (!paths) pathsByModel.set(model, (paths = chainPaths(model)));
    const keys = [...deletions(word)];
    const found = new Set<string>();
    for (let at: Stage | undefined = base; at; ) {
      const p: number = paths.path[at.index];
      let index: PathIndex | undefined = paths.indexes[p];
      if (!index) {
        const made = (index = new PathIndex(paths.tops[p]));
        paths.members[p].forEach((member, depth) => made.addStage(depth, namesOf(model, model.declarationsOf(member))));
        paths.indexes[p] = index;
      }
      index.candidates(word, keys, paths.depth[at.index], found, out);
      at = index.top.base;
    }
    return out;
  };
}
