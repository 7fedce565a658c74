// "Did you mean …?": the closest candidate within an edit distance of 2, as BuildKit suggests.

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

/** The first candidate closest to `value` (distance below 3), or undefined; an exact match suggests nothing. */
export function suggest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    if (candidate === value) return undefined;
    // The distance is at least the difference in length; skip what cannot win.
    if (Math.abs(candidate.length - value.length) >= bestDistance) continue;
    const distance = levenshtein(value, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** " (did you mean X?)" or "". */
export function didYouMean(suggestion: string | undefined, render: (s: string) => string = (s) => s): string {
  return suggestion === undefined ? '' : ` (did you mean ${render(suggestion)}?)`;
}
