// Random edits for the incremental property tests: an offset within the text, a short or longer
// removal, and up to three fragments of Dockerfile text inserted (each test brings the fragments
// that stress its layer).
import fc from 'fast-check';
import type { TextEdit } from '../../../server/src/syntax';

export function editArbitrary(length: number, fragments: readonly string[], maxRemove: number): fc.Arbitrary<TextEdit> {
  return fc
    .record({
      at: fc.nat({ max: Math.max(0, length) }),
      remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: maxRemove })),
      insert: fc.array(fc.constantFrom(...fragments), { maxLength: 3 }).map((parts) => parts.join('')),
    })
    .map(({ at, remove, insert }) => ({ start: at, end: Math.min(length, at + remove), text: insert }));
}
