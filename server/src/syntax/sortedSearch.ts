// Binary search over ascending numbers (line starts, chunk starts, node offsets): the shared step of
// every "which line / chunk / node holds this offset" lookup.

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
