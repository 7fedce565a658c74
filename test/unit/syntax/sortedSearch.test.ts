import { describe, expect, it } from 'vitest';
import { countBelow, lastAtMost } from '../../../server/src/syntax';

describe('lastAtMost', () => {
  const starts = [0, 10, 10, 25, 40];
  it('finds the last index whose value is at most the one asked for', () => {
    expect([0, 9, 10, 24, 25, 39, 40, 1000].map((v) => lastAtMost(starts, v))).toEqual([0, 0, 2, 2, 3, 3, 4, 4]);
  });
  it('searches only between lo and hi, and answers lo when nothing there is small enough', () => {
    expect(lastAtMost(starts, 30, 0, 2)).toBe(2);
    expect(lastAtMost(starts, 30, 3)).toBe(3);
    expect(lastAtMost(starts, 5, 1)).toBe(1);
    expect(lastAtMost([], 5)).toBe(0);
  });
});

describe('countBelow', () => {
  it('counts the items, ascending by key, whose key is below the limit', () => {
    const items = [{ at: 1 }, { at: 4 }, { at: 4 }, { at: 9 }];
    expect([0, 1, 2, 4, 5, 9, 10].map((limit) => countBelow(items, (item) => item.at, limit))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(countBelow([], (item: { at: number }) => item.at, 3)).toBe(0);
  });
});
