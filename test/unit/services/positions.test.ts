// The position cursor (services/positions.ts) gives exactly TextDocument.positionAt's positions,
// for offsets in any order, on text with every kind of line break; the line starts of a version are
// made once and follow its edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentLineStarts } from '../../../server/src/services/document';
import { lineStarts, PositionCursor } from '../../../server/src/services/positions';
import { SyntaxTree } from '../../../server/src/syntax';
import { OpenDocument } from '../openDocument';
import { fcParams } from '../../fuzzing';

describe('PositionCursor', () => {
  it('agrees with TextDocument.positionAt', () => {
    const text = fc.array(fc.constantFrom('a', 'é', '😀', ' ', '\n', '\r', '\r\n', '\n\n'), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.double({ min: -0.1, max: 1.1, noNaN: true }), { maxLength: 30 }), (content, marks) => {
        const document = TextDocument.create('file:///p', 'dockerfile', 1, content);
        const cursor = new PositionCursor(content, lineStarts(content));
        // The same over an edited tree, which reads its characters from its nodes' texts.
        const tree = SyntaxTree.parse(`#\n${content}`).edit({ start: 0, end: 2, text: '' });
        const treeCursor = new PositionCursor(tree, tree.lineStarts());
        // Offsets in increasing order (the cursor's fast path), then in the given order, some out of range.
        const offsets = marks.map((m) => Math.floor(m * content.length));
        for (const offset of [...offsets].sort((a, b) => a - b).concat(offsets)) {
          expect(cursor.position(offset)).toEqual(document.positionAt(offset));
          expect(cursor.lineOf(offset)).toBe(document.positionAt(offset).line);
          expect(treeCursor.position(offset)).toEqual(document.positionAt(offset));
          // The last line a span ending at the offset shows: one line break before it is not counted.
          let end = Math.max(0, Math.min(offset, content.length));
          if (end > 0 && content[end - 1] === '\n') end--;
          if (end > 0 && content[end - 1] === '\r') end--;
          expect(cursor.lastLineOf(offset), `lastLineOf(${offset})`).toBe(document.positionAt(end).line);
        }
      }),
      fcParams(500),
    );
  });
});

describe('PositionCursor far ahead', () => {
  it('finds the line of an offset many lines past the last one asked, eight lines exactly among them', () => {
    const content = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const document = TextDocument.create('file:///p', 'dockerfile', 1, content);
    const cursor = new PositionCursor(content, lineStarts(content));
    for (const line of [0, 9, 10, 57, 58, 66, 99]) {
      const offset = content.indexOf(`line ${line}`) + 2;
      expect(cursor.position(offset)).toEqual(document.positionAt(offset));
      expect(cursor.lineOf(offset)).toBe(line);
    }
  });
});

describe('documentLineStarts', () => {
  it('is made once per version and follows the text', () => {
    const open = new OpenDocument('FROM a\r\nRUN b\n\nRUN c');
    const first = documentLineStarts(open.doc);
    expect(first).toEqual(Int32Array.from([0, 8, 14, 15]));
    expect(documentLineStarts(open.doc)).toBe(first);
    open.edit({ start: 0, end: 0, text: '# x\n' });
    expect(documentLineStarts(open.doc)).toEqual(Int32Array.from([0, 4, 12, 18, 19]));
  });
});
