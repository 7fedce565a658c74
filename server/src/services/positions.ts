// Offsets to LSP positions for passes over a whole document (outline, folding): one table of line
// starts per pass and a cursor that moves forward from the previous offset, instead of a binary
// search through the text document per offset. Positions are exactly TextDocument.positionAt's.

import type { Position, Range } from 'vscode-languageserver-types';
import { lastAtMost, type TextReader } from '../syntax';

/** Offsets where each line starts; `\r\n`, `\n` and a lone `\r` end a line, as in LSP. */
export function lineStarts(text: string): Int32Array {
  return lineStartsIn(text, 0, text.length, text.indexOf('\r') >= 0);
}

/**
 * `lineStarts` of text[from, to] (`from` a line start): `from`, then every line start up to and
 * including `to`. `carriageReturns: false` promises the text has no `\r`. The starts are counted
 * first and written into a typed array of that size: a list grown number by number took about three
 * times the memory (1.2 MB at 50,000 lines, made again for every version a feature walks).
 */
export function lineStartsIn(text: string, from: number, to: number, carriageReturns = true): Int32Array {
  const starts = new Int32Array(writeLineStarts(text, from, to, carriageReturns, undefined));
  writeLineStarts(text, from, to, carriageReturns, starts);
  return starts;
}

/** Writes the line starts of text[from, to] into `out` when given; returns how many there are. */
function writeLineStarts(text: string, from: number, to: number, carriageReturns: boolean, out: Int32Array | undefined): number {
  if (out) out[0] = from;
  let count = 1;
  // Without a carriage return, the native search finds the line ends.
  if (!carriageReturns) {
    for (let at = text.indexOf('\n', from); at >= 0 && at < to; at = text.indexOf('\n', at + 1)) {
      if (out) out[count] = at + 1;
      count++;
    }
    return count;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) {
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      if (out) out[count] = i + 1;
      count++;
    }
  }
  return count;
}

export function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

export class PositionCursor {
  private line = 0;

  constructor(
    /** The document's text, or a reader of its tree's (which never joins the whole text). */
    private readonly text: TextReader,
    private readonly starts: ArrayLike<number>,
  ) {}

  /** The line of `offset` (clamped to the text); fastest when offsets come in increasing order. */
  lineOf(offset: number): number {
    const starts = this.starts;
    offset = Math.max(0, Math.min(offset, this.text.length));
    let line = this.line;
    if (starts[line] > offset) {
      // Backwards: a binary search.
      line = lastAtMost(starts, offset, 0, line);
    } else if (line + 8 < starts.length && starts[line + 8] <= offset) {
      // Far ahead (a feature that skips what it kept from the last request): a binary search.
      line = lastAtMost(starts, offset, line + 8);
    } else {
      while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
    }
    this.line = line;
    return line;
  }

  /**
   * The line of `end` moved back over one line break that ends there: the last line a span ending
   * at `end` shows. Read from the line starts alone, without a character (a line starts right after
   * a line break, so an end at a line start belongs to the line before).
   */
  lastLineOf(end: number): number {
    end = Math.max(0, Math.min(end, this.text.length));
    const line = this.lineOf(end);
    return line > 0 && this.starts[line] === end ? line - 1 : line;
  }

  /** TextDocument.positionAt: an offset inside a line break counts as the end of its line. */
  position(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(offset);
    const lineStart = this.starts[line];
    while (offset > lineStart && isLineBreak(this.text.charCodeAt(offset - 1))) offset--;
    return { line, character: offset - lineStart };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}
