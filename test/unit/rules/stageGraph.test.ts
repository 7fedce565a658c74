// The stage graph's cycle detection (strongly connected components) agrees with the definition:
// an edge a -> b is on a cycle when a can be reached again from b.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclicEdges, type EdgeReference, type StageEdge } from '../../../server/src/rules/errors/stageGraph';
import type { Stage } from '../../../server/src/semantics';

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
      { numRuns: 500 },
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
});
