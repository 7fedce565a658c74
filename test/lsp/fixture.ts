// Fixture syntax for feature tests: a minimal Dockerfile with markers.
//   $0        the cursor (exactly one when a test asks for a position)
//   $[ ... $] a range the test expects (in order of appearance)
import type { Position, Range } from 'vscode-languageserver-protocol';

export interface Fixture {
  /** The document text with all markers removed. */
  text: string;
  /** The `$0` cursor, if there is one. */
  cursor?: Position;
  cursorOffset?: number;
  /** The `$[ ... $]` ranges, in order. */
  ranges: Range[];
}

export function parseFixture(source: string): Fixture {
  let text = '';
  let cursorOffset: number | undefined;
  const rangeOffsets: Array<[number, number]> = [];
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    if (source.startsWith('$0', i)) {
      if (cursorOffset !== undefined) throw new Error('fixture has more than one $0 cursor');
      cursorOffset = text.length;
      i++;
    } else if (source.startsWith('$[', i)) {
      open.push(text.length);
      i++;
    } else if (source.startsWith('$]', i)) {
      const start = open.pop();
      if (start === undefined) throw new Error('fixture has $] without $[');
      rangeOffsets.push([start, text.length]);
      i++;
    } else {
      text += source[i];
    }
  }
  if (open.length) throw new Error('fixture has $[ without $]');
  rangeOffsets.sort((a, b) => a[0] - b[0]);
  return {
    text,
    cursorOffset,
    cursor: cursorOffset === undefined ? undefined : positionAt(text, cursorOffset),
    ranges: rangeOffsets.map(([s, e]) => ({ start: positionAt(text, s), end: positionAt(text, e) })),
  };
}

/** The cursor of a fixture that must have exactly one. */
export function cursorOf(fixture: Fixture): Position {
  if (!fixture.cursor) throw new Error('fixture has no $0 cursor');
  return fixture.cursor;
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** Shorthand for an LSP range. */
export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}
