// The stage graph's cycle detection (strongly connected components) agrees with the definition:
// an edge a -> b is on a cycle when a can be reached again from b. A version whose references
// resolve as a quiet version's did reuses its empty graph; one whose names, references or stage
// count changed does not, nor one whose reference stops being a stage or a valid image reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclicEdges, stageGraph, type EdgeReference, type StageEdge } from '../../../server/src/rules/errors/stageGraph';
import { analyze, type DockerfileModel, type Stage } from '../../../server/src/semantics';
import { SyntaxTree } from '../../../server/src/syntax';
import { fcParams } from '../../fuzzing';

function reaches(edges: readonly StageEdge[], start: number, goal: number): boolean {
  const seen = new Set<number>();
  const stack = [start];
  while (stack.length) {
    const at = stack.pop()!;
    if (at === goal) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const edge of edges) if (edge.to && edge.from.index === at) stack.push(edge.to.index);
  }
  return false;
}

function graph(count: number, pairs: readonly [number, number | undefined][]): StageEdge[] {
  const stages = Array.from({ length: count }, (_, index) => ({ index }) as Stage);
  return pairs.map(([from, to]) => ({
    reference: {} as EdgeReference,
    from: stages[from % count],
    to: to === undefined ? undefined : stages[to % count],
    badIndex: false,
  }));
}

describe('stage graph', () => {
  it('finds exactly the edges on a cycle, in edge order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: undefined })), { maxLength: 30 }),
        (count, pairs) => {
          const edges = graph(count, pairs);
          const expected = edges.filter((edge) => edge.to !== undefined && reaches(edges, edge.to.index, edge.from.index));
          expect([...cyclicEdges(edges)]).toEqual(expected);
        },
      ),
      fcParams(500),
    );
  });

  it('handles a long chain and a long cycle without deep recursion', () => {
    const chain = graph(
      20_000,
      Array.from({ length: 19_999 }, (_, i) => [i + 1, i] as [number, number]),
    );
    expect(cyclicEdges(chain).size).toBe(0);
    const cycle = graph(
      20_000,
      Array.from({ length: 20_000 }, (_, i) => [i, (i + 1) % 20_000] as [number, number]),
    );
    expect(cyclicEdges(cycle).size).toBe(20_000);
  });

  describe('after an edit, from a version with nothing to report', () => {
    const TEXT = 'FROM alpine AS one\nCOPY --from=two /a /b\nFROM alpine AS three\nRUN --mount=from=one,target=/x true\nCOPY --from=0 /c /d\n';

    /** The model of TEXT, then of TEXT with `find` replaced by `replace`, built from the first. */
    function edited(find: string, replace: string): { before: DockerfileModel; after: DockerfileModel } {
      const tree = SyntaxTree.parse(TEXT);
      const before = analyze(tree);
      const start = TEXT.indexOf(find);
      const after = analyze(tree.edit({ start, end: start + find.length, text: replace }), before);
      return { before, after };
    }

    /** Each edge as `from -> to` (stage indexes), with the text of its reference. */
    const summary = (edges: Iterable<StageEdge>) => [...edges].map((e) => `${e.from.index} -> ${e.to?.index ?? '?'} ${e.reference.text}`);

    it('finds the edge a renamed stage makes forward', () => {
      const { before, after } = edited('AS three', 'AS two');
      expect(summary(stageGraph(before).forward)).toEqual([]);
      expect(summary(stageGraph(after).forward)).toEqual(['0 -> 1 two']);
      expect(after.stages[1].name).toBe('two');
    });

    it('finds the edge a changed reference makes forward, and one past the last stage', () => {
      const forward = edited('--from=two', '--from=1');
      expect(summary(stageGraph(forward.before).forward)).toEqual([]);
      expect(summary(stageGraph(forward.after).forward)).toEqual(['0 -> 1 1']);
      const bad = edited('--from=0', '--from=7');
      expect(summary(stageGraph(bad.before).badIndexes)).toEqual([]);
      expect(summary(stageGraph(bad.after).badIndexes)).toEqual(['1 -> ? 7']);
    });

    it('finds the edge to a stage added before it, or at the end', () => {
      const { before, after } = edited('FROM alpine AS three', 'FROM alpine AS two\nFROM alpine AS three');
      expect(summary(stageGraph(before).forward)).toEqual([]);
      expect(summary(stageGraph(after).forward)).toEqual(['0 -> 1 two']);
      const appended = edited('/c /d\n', '/c /d\nFROM alpine AS two\n');
      expect(summary(stageGraph(appended.before).forward)).toEqual([]);
      expect(summary(stageGraph(appended.after).forward)).toEqual(['0 -> 2 two']);
    });

    it('finds a reference that names no stage and is no valid image reference', () => {
      const { before, after } = edited('from=one', 'from=One:1');
      expect(summary(stageGraph(before).badImages)).toEqual([]);
      expect(summary(stageGraph(after).badImages)).toEqual(['1 -> ? One:1']);
      expect(stageGraph(after).badImages[0].imageError).toBe('invalid reference format: repository name must be lowercase');
      // In another case, the name is a stage's again.
      expect(stageGraph(edited('from=one', 'from=ONE').after).badImages).toEqual([]);
    });

    it('has nothing to report when the references resolve as before, with their new offsets', () => {
      const { before, after } = edited('/a /b', '/longer/path /b');
      expect(stageGraph(before).forward).toEqual([]);
      const graph = stageGraph(after);
      expect([graph.forward, graph.badIndexes, [...graph.cyclic], graph.badImages]).toEqual([[], [], [], []]);
      // A rule that reports a later problem reads the reference from this version.
      const moved = edited('--from=0', '--from=1');
      expect(stageGraph(moved.before).forward).toEqual([]);
      expect(stageGraph(moved.after).forward.map((e) => e.reference.span)).toEqual([
        { start: TEXT.indexOf('--from=0') + '--from='.length, end: TEXT.indexOf('--from=0') + '--from=1'.length },
      ]);
    });
  });
});
