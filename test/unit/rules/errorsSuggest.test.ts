// The "did you mean" helper shared by the error rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, suggest, type Suggestion } from '../../../server/src/rules/suggest';
import { fcParams } from '../../fuzzing';

const INSTRUCTIONS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect([editDistance('run', 'run'), editDistance('runn', 'run'), editDistance('rn', 'run'), editDistance('rum', 'run'), editDistance('form', 'from')]).toEqual([0, 1, 1, 1, 1]);
    expect([editDistance('', 'abc'), editDistance('abc', ''), editDistance('kitten', 'sitting')]).toEqual([3, 3, 3]);
  });
});

/** The whole optimal-string-alignment table, as the first version of `editDistance` made it: the oracle. */
function fullDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** What `suggest` answers, from every candidate's full distance: the first closest, unique when no other is as close. */
function fullSuggest(word: string, candidates: readonly string[]): Suggestion | undefined {
  if (candidates.includes(word)) return undefined;
  const lower = word.toLowerCase();
  const limit = word.length <= 4 ? 1 : 2;
  const scored = candidates.flatMap((candidate) => {
    const other = candidate.toLowerCase();
    if (other === lower) return [{ candidate, distance: 0 }];
    if (lower.length >= 3 && other.startsWith(lower)) return [{ candidate, distance: 1 }];
    return Math.abs(other.length - lower.length) > limit ? [] : [{ candidate, distance: fullDistance(lower, other) }];
  });
  const closest = Math.min(...scored.map((s) => s.distance));
  if (closest > limit) return undefined;
  const value = scored.find((s) => s.distance === closest)!.candidate;
  return { value, unique: !scored.some((s) => s.distance === closest && s.candidate !== value) };
}

describe('distances stopped at the limit', () => {
  // Short words over a small alphabet, so that near misses, swaps and ties are common.
  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'x'), maxLength: 9 });

  it('are the full distance', () => {
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === fullDistance(a, b)), fcParams(2000));
  });

  it('make the same suggestions, ties included, as the full distances', () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 40 }), (w, candidates) => {
        expect(suggest(w, candidates)).toEqual(fullSuggest(w, candidates));
      }),
      fcParams(2000),
    );
  });
});

describe('suggest', () => {
  it('finds typos, swapped letters, words cut short and wrong case', () => {
    expect(['RUNN', 'form', 'WORKDIRR', 'HEALTHCEHCK', 'ENTRY', 'cpy'].map((w) => suggest(w, INSTRUCTIONS)?.value)).toEqual(['RUN', 'FROM', 'WORKDIR', 'HEALTHCHECK', 'ENTRYPOINT', 'COPY']);
    expect(suggest('Network', ['mount', 'network', 'security', 'device'])).toEqual({ value: 'network', unique: true });
  });

  it('suggests nothing for an exact match or a word that is not close', () => {
    expect(suggest('RUN', INSTRUCTIONS)).toBeUndefined();
    expect(suggest('apt-get', INSTRUCTIONS)).toBeUndefined();
    expect(suggest('user', ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'])).toBeUndefined();
  });

  it('says when two candidates are equally close', () => {
    expect(suggest('ab', ['aa', 'bb'])).toEqual({ value: 'aa', unique: false });
    expect(suggest('tcpp', ['tcp', 'udp', 'sctp'])).toEqual({ value: 'tcp', unique: true });
  });
});
