// Fix All's passes each edit what the pass before made; composeEdits keeps their sum as edits of the
// original text. Property: applying the composed edits to the original gives what applying every
// edit in turn gives, and the composed edits stay sorted and apart.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeEdits } from '../../../server/src/services/fixAll';
import type { TextEdit } from '../../../server/src/syntax';
import { fcParams } from '../../fuzzing';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

describe('composeEdits, one edit at a time', () => {
  it('merges an edit that overlaps or touches earlier ones, and keeps others apart', () => {
    const original = 'from alpine as build';
    let done = composeEdits([], [{ start: 0, end: 4, text: 'FROM' }], (a, b) => original.slice(a, b));
    let current = apply(original, done);
    done = composeEdits(done, [{ start: 12, end: 14, text: 'AS' }], (a, b) => current.slice(a, b));
    expect(done).toEqual([
      { start: 0, end: 4, text: 'FROM' },
      { start: 12, end: 14, text: 'AS' },
    ]);
    current = apply(original, done);
    // Touching the first edit's end: one edit of the original's first five characters.
    done = composeEdits(done, [{ start: 4, end: 5, text: '\t' }], (a, b) => current.slice(a, b));
    expect(done).toEqual([
      { start: 0, end: 5, text: 'FROM\t' },
      { start: 12, end: 14, text: 'AS' },
    ]);
    current = apply(original, done);
    // One edit over both: one edit of the original.
    done = composeEdits(done, [{ start: 2, end: 13, text: '' }], (a, b) => current.slice(a, b));
    expect(done).toEqual([{ start: 0, end: 14, text: 'FRS' }]);
    expect(apply(original, done)).toBe('FRS build');
  });

  it('gives what applying each edit in turn gives, for random texts and edits', () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.nat({ max: 6 }), text: fc.stringMatching(/^[a-z\n]{0,4}$/) });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z\n ]{0,40}$/), fc.array(edit, { maxLength: 12 }), (original, edits) => {
        let current = original;
        let done: TextEdit[] = [];
        for (const e of edits) {
          const start = Math.min(current.length, Math.floor(e.at * (current.length + 1)));
          const change = { start, end: Math.min(current.length, start + e.length), text: e.text };
          const before = current;
          done = composeEdits(done, [change], (a, b) => before.slice(a, b));
          current = before.slice(0, change.start) + change.text + before.slice(change.end);
          expect(apply(original, done)).toBe(current);
          for (let i = 1; i < done.length; i++) expect(done[i].start).toBeGreaterThan(done[i - 1].end);
        }
      }),
      fcParams(500),
    );
  });
});

describe('composeEdits', () => {
  it('adds a pass of edits (sorted, apart, possibly touching) as applying them from the last does, in one walk', () => {
    const edit = fc.record({ gap: fc.nat({ max: 5 }), length: fc.nat({ max: 5 }), text: fc.stringMatching(/^[A-Z\n]{0,4}$/) });
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z\n ]{0,40}$/), fc.array(fc.array(edit, { maxLength: 6 }), { maxLength: 5 }), (original, passes) => {
        let current = original;
        let done: TextEdit[] = [];
        for (const pass of passes) {
          // Edits of the current text in order, each starting `gap` after the one before ends (0: touching).
          const changes: TextEdit[] = [];
          let at = 0;
          for (const e of pass) {
            const start = at + e.gap;
            if (start > current.length) break;
            const end = Math.min(current.length, start + e.length);
            // Two inserts at one place would overlap (LSP forbids it); Fix All never takes both.
            if (start === end && changes.length && changes[changes.length - 1].end === start) continue;
            if (changes.length && changes[changes.length - 1].start === changes[changes.length - 1].end && changes[changes.length - 1].end === start) continue;
            changes.push({ start, end, text: e.text });
            at = end;
          }
          const before = current;
          done = composeEdits(done, changes, (a, b) => before.slice(a, b));
          for (let k = changes.length - 1; k >= 0; k--) current = current.slice(0, changes[k].start) + changes[k].text + current.slice(changes[k].end);
          expect(apply(original, done)).toBe(current);
          for (let i = 1; i < done.length; i++) expect(done[i].start).toBeGreaterThan(done[i - 1].end);
        }
      }),
      fcParams(500),
    );
  });
});
