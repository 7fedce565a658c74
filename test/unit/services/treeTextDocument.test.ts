// The text a document version reads from its syntax tree must answer exactly as the text library's
// own document does, for every offset and position, before and after any run of edits: features
// convert every range through it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileDocument } from '../../../server/src/server/documents';
import { treeTextDocument } from '../../../server/src/services/treeTextDocument';
import { SyntaxTree } from '../../../server/src/syntax';

/** Text with every kind of line break LSP counts, and characters of two UTF-16 units. */
const PIECES = ['FROM a\n', 'RUN x \\\n', '  y\r\n', 'ENV A=1\r', '\r\n', '\n', '\r', '# c 😀\n', 'COPY <<EOF /x\nhi\nEOF\n', 'a', ' ', '\\', '😀', 'é'];
const textArbitrary = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

function compare(expected: TextDocument, actual: TextDocument): void {
  const text = expected.getText();
  expect(actual.getText()).toBe(text);
  expect(actual.lineCount).toBe(expected.lineCount);
  for (let offset = -1; offset <= text.length + 1; offset++) expect(actual.positionAt(offset), `positionAt(${offset})`).toEqual(expected.positionAt(offset));
  for (let line = -1; line <= expected.lineCount; line++) {
    expect(actual.getLineRange(line), `getLineRange(${line})`).toEqual(expected.getLineRange(line));
    expect(actual.getEOLCharacters(line), `getEOLCharacters(${line})`).toBe(expected.getEOLCharacters(line));
    for (const character of [-1, 0, 1, 2, 5, 9, 1000]) {
      const position = { line, character };
      expect(actual.offsetAt(position), `offsetAt(${line}:${character})`).toBe(expected.offsetAt(position));
    }
  }
  const range = { start: { line: 1, character: 2 }, end: { line: 0, character: 1 } };
  expect(actual.getText(range)).toBe(expected.getText(range));
  expect(actual.getText({ start: range.end, end: { line: 3, character: 1 } })).toBe(expected.getText({ start: range.end, end: { line: 3, character: 1 } }));
}

describe('the text a version reads from its tree', () => {
  it('answers as the text library does, for every offset, line and position', () => {
    fc.assert(
      fc.property(textArbitrary, (text) => {
        compare(TextDocument.create('file:///x', 'dockerfile', 1, text), treeTextDocument('file:///x', 'dockerfile', 1, SyntaxTree.parse(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('still does after runs of incremental changes, each version keeping its own text', () => {
    const change = fc.record({
      start: fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) }),
      end: fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 12 }) }),
      text: fc.array(fc.constantFrom(...PIECES), { maxLength: 3 }).map((parts) => parts.join('')),
    });
    fc.assert(
      fc.property(textArbitrary, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 6 }), (text, batches) => {
        const expected = TextDocument.create('file:///x', 'dockerfile', 1, text);
        let document = DockerfileDocument.create('file:///x', 'dockerfile', 1, text);
        const versions: [DockerfileDocument, string][] = [[document, text]];
        let version = 1;
        for (const batch of batches) {
          // Positions inside the text: the text library's line table goes wrong for a change past the
          // end (it writes lines it does not have), which the next test covers on its own.
          // Each change of a batch applies to the text the one before made.
          const inside = (position: { line: number; character: number }) => expected.positionAt(expected.offsetAt(position));
          version++;
          const changes = batch.map(({ start, end, text }) => {
            const change = { range: { start: inside(start), end: inside(end) }, text };
            TextDocument.update(expected, [change], version);
            return change;
          });
          document = document.update(changes, version);
          expect(document.version).toBe(version);
          compare(expected, document.text);
          versions.push([document, expected.getText()]);
        }
        // Earlier versions are untouched by the later changes.
        for (const [old, oldText] of versions) expect(old.text.getText()).toBe(oldText);
      }),
      { numRuns: 300 },
    );
  });

  it('takes a change past the end at the end, and a reversed range the other way round', () => {
    const document = DockerfileDocument.create('file:///x', 'dockerfile', 1, '').update([{ range: { start: { line: 7, character: 0 }, end: { line: 5, character: 0 } }, text: 'FROM a\nRUN b\n' }], 2);
    expect(document.text.getText()).toBe('FROM a\nRUN b\n');
    expect(document.text.lineCount).toBe(3);
    const next = document.update([{ range: { start: { line: 1, character: 5 }, end: { line: 0, character: 5 } }, text: '-' }], 3);
    expect(next.text.getText()).toBe('FROM -\n');
    expect(next.text.positionAt(7)).toEqual({ line: 1, character: 0 });
  });

  it('reads characters and lines across chunks of an edited tree, in any order', () => {
    const text = Array.from({ length: 1500 }, (_, i) => (i % 7 === 0 ? `RUN a \\\r\n  b${i}\n` : i % 5 === 0 ? '\n' : `ENV K${i}=${'v'.repeat(i % 13)}\n`)).join('');
    // An edit, so the tree reads its nodes' own texts rather than the text of a full parse.
    const tree = SyntaxTree.parse(`#\n${text}`).edit({ start: 0, end: 2, text: '' });
    const expected = TextDocument.create('file:///x', 'dockerfile', 1, text);
    expect(tree.lineStarts().length).toBe(expected.lineCount);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2, max: text.length + 2 }), { maxLength: 200 }), fc.integer({ min: 1, max: 400 }), (offsets, stride) => {
        // Forward in steps (the passes over the document), then in the given order.
        for (let offset = offsets[0] ?? 0; offset < text.length; offset += stride) expect(tree.charCodeAt(offset)).toBe(text.charCodeAt(offset));
        for (const offset of offsets) {
          expect(tree.charCodeAt(offset)).toBe(offset < 0 || offset >= text.length ? NaN : text.charCodeAt(offset));
          expect(tree.lineOf(offset)).toBe(expected.positionAt(offset).line);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('takes a whole-text change as a new parse', () => {
    const document = DockerfileDocument.create('file:///x', 'dockerfile', 1, 'FROM a\n');
    const next = document.update([{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } }, text: 'b' }, { text: 'FROM c\r\nRUN d' }], 3);
    expect(next.text.getText()).toBe('FROM c\r\nRUN d');
    expect(next.text.positionAt(12)).toEqual({ line: 1, character: 4 });
    expect(next.tree.nodeCount).toBe(2);
    expect(document.text.getText()).toBe('FROM a\n');
  });
});
