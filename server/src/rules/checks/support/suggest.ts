// "Did you mean …?": the closest candidate within an edit distance of 2, as BuildKit suggests; before
// any, one that differs only in case (`$myvar` for MYVAR), which the distance alone would miss.

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The first candidate that differs from `value` only in case, else the first closest to it (distance
 * below 3), or undefined; an exact match suggests nothing.
 */
export function suggest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  let sameLetters: string | undefined;
  const folded = value.toUpperCase();
  for (const candidate of candidates) {
    if (candidate === value) return undefined;
    if (sameLetters === undefined && candidate.length === value.length && candidate.toUpperCase() === folded) sameLetters = candidate;
    // The distance is at least the difference in length; skip what cannot win.
    if (Math.abs(candidate.length - value.length) >= bestDistance) continue;
    const distance = levenshtein(value, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return sameLetters ?? best;
}

/** " (did you mean X?)" or "". */
export function didYouMean(suggestion: string | undefined, render: (s: string) => string = (s) => s): string {
  return suggestion === undefined ? '' : ` (did you mean ${render(suggestion)}?)`;
}

/** Every string `word` becomes by deleting up to two characters (itself included). */
export function deletions(word: string): Set<string> {
  const out = new Set([word]);
  for (let i = 0; i < word.length; i++) {
    const once = word.slice(0, i) + word.slice(i + 1);
    out.add(once);
    for (let j = i; j < once.length; j++) out.add(once.slice(0, j) + once.slice(j + 1));
  }
  return out;
}

/** Names longer than this are not indexed: their deletion sets grow with the square of the length. */
export const MAX_INDEXED_LENGTH = 48;

/**
 * Suggestions among many names without comparing against each: two words within edit distance
 * 2 share a string both reach by deleting at most two characters, so names are found through
 * those strings. Names are added over time (variables become visible in document order).
 */
export class SuggestionIndex {
  private readonly byDeletion = new Map<string, string[]>();
  /** Names by their upper case, for the ones that differ from a word only in case. */
  private readonly byFolded = new Map<string, string[]>();
  private readonly names = new Set<string>();
  private readonly order = new Map<string, number>();

  add(name: string): void {
    if (this.names.has(name) || name.length > MAX_INDEXED_LENGTH) return;
    this.names.add(name);
    this.order.set(name, this.order.size);
    const folded = name.toUpperCase();
    const same = this.byFolded.get(folded);
    if (same) same.push(name);
    else this.byFolded.set(folded, [name]);
    for (const key of deletions(name)) {
      const list = this.byDeletion.get(key);
      if (list) list.push(name);
      else this.byDeletion.set(key, [name]);
    }
  }

  /** The indexed names that may be within distance 2 of `word`, or differ from it only in case, in the order they were added. */
  candidates(word: string): string[] {
    if (word.length > MAX_INDEXED_LENGTH) return [];
    const found = new Set<string>(this.byFolded.get(word.toUpperCase()));
    for (const key of deletions(word)) for (const name of this.byDeletion.get(key) ?? []) found.add(name);
    return [...found].sort((a, b) => this.order.get(a)! - this.order.get(b)!);
  }
}
