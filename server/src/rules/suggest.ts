// "Did you mean …?" for a misspelt keyword, flag, mount key or value: the closest candidate by
// edit distance, where swapping two neighbouring letters counts as one edit (`form` → `from`).

export interface Suggestion {
  readonly value: string;
  /** True when no other candidate is as close, so an editor may apply it without asking. */
  readonly unique: boolean;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, prevPrev[j - 2] + 1);
      row.push(best);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

/** How far a word of this length may be from a candidate: short words need a closer match. */
function maxDistance(length: number): number {
  return length <= 4 ? 1 : 2;
}

/**
 * The candidate closest to `word`, if one is close enough to be what the user meant. A candidate
 * that differs only in letter case always wins (flags and `--network` values are case-sensitive).
 * An exact match is not a suggestion.
 */
export function suggest(word: string, candidates: Iterable<string>): Suggestion | undefined {
  const lower = word.toLowerCase();
  const limit = maxDistance(word.length);
  let best: string | undefined;
  let bestDistance = Infinity;
  let ties = 0;
  for (const candidate of candidates) {
    if (candidate === word) return undefined;
    const other = candidate.toLowerCase();
    // A word cut short (`lock` for `locked`, `ENTRY` for `ENTRYPOINT`) is as close as one typo.
    const prefix = lower.length >= 3 && other.startsWith(lower);
    // The distance is at least the difference in length: too far without computing it.
    if (other !== lower && !prefix && Math.abs(other.length - lower.length) > limit) continue;
    const distance = other === lower ? 0 : prefix ? 1 : editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      ties = 0;
    } else if (distance === bestDistance && candidate !== best) {
      ties++;
    }
  }
  if (best === undefined) return undefined;
  if (bestDistance > limit) return undefined;
  return { value: best, unique: ties === 0 };
}
