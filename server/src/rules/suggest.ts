// "Did you mean …?" for a misspelt keyword, flag, mount key or value: the closest candidate by
// edit distance, where swapping two neighbouring letters counts as one edit (`form` → `from`).

export interface Suggestion {
  readonly value: string;
  /** True when no other candidate is as close, so an editor may apply it without asking. */
  readonly unique: boolean;
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  return cappedEditDistance(a, b, Math.max(a.length, b.length));
}

/** Three rows of the distance table, reused: a suggestion compares a word with thousands of names. */
let rows = new Int32Array(3 * 32);

/**
 * `editDistance(a, b)` where it is at most `cap`, else some number above `cap`: the table stops as
 * soon as a whole row is over it, since no later row can come back under. A word compared with
 * 2,000 stage names at every keystroke took 20 ms with the whole table made anew for each.
 */
function cappedEditDistance(a: string, b: string, cap: number): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width * 2);
  // Rows i-2, i-1 and i of the table live at offsets rotating through 0, width and 2 * width.
  let prevPrev = 0;
  let prev = width;
  let row = 2 * width;
  for (let j = 0; j < width; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i;
    let smallest = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < width; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(rows[prev + j] + 1, rows[row + j - 1] + 1, rows[prev + j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) best = Math.min(best, rows[prevPrev + j - 2] + 1);
      rows[row + j] = best;
      if (best < smallest) smallest = best;
    }
    if (smallest > cap) return cap + 1;
    const free = prevPrev;
    prevPrev = prev;
    prev = row;
    row = free;
  }
  return rows[prev + width - 1];
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
    // Only a distance within the limit can be suggested, and only one at most the best so far matters.
    const distance = other === lower ? 0 : prefix ? 1 : cappedEditDistance(lower, other, Math.min(limit, bestDistance));
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
