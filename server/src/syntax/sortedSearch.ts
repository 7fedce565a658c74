// Binary search over ascending numbers (line starts, chunk starts, node offsets): the shared step of
// every "which line / chunk / node holds this offset" lookup, and of "the last item before".

/**
 * The last index in [lo, hi] whose value is at most `value`; `lo` when none is (callers look up
 * offsets at or after their first start).
 */
export function lastAtMost(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** How many of `items`, ascending by `keyOf`, have a key below `limit`: the index of the first that does not. */
export function countBelow<T>(items: readonly T[], keyOf: (item: T) => number, limit: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(items[mid]) < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
