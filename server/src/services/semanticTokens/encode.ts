// From offset tokens to LSP's integer encoding, in one pass over the document in order: line
// numbers are found by walking a precomputed table of line starts forward (never by converting
// each token through TextDocument), tokens that span lines are split (LSP tokens lie on one
// line), and pieces that are only white space are dropped.

import type { SemanticTokensEdit } from 'vscode-languageserver-types';
import { lineStarts, lineStartsIn } from '../positions';

export { lineStarts, lineStartsIn };

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** Five integers per token: line, character, length, type, modifiers (all absolute). */
export type AbsoluteTokens = number[];

/**
 * Offset tokens (sorted, disjoint), four numbers each (start, end, type, modifiers), as absolute
 * line/character tokens, one line each.
 */
export function flatToLineTokens(text: string, tokens: readonly number[], starts?: ArrayLike<number>): AbsoluteTokens {
  const writer = new LineTokenWriter(text, starts);
  for (let i = 0; i < tokens.length; i += 4) writer.add(tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]);
  return writer.tokens;
}

/**
 * Takes offset tokens in document order, one at a time, and keeps them as line tokens: absolute
 * (line, character, length, type, modifiers), or with `relative`, already in LSP's relative
 * encoding (what `encodeRelative` would make of them, without a second list). `restart` reuses a
 * writer for another run of tokens.
 */
export class LineTokenWriter {
  /**
   * The numbers written are its first `count`; a restarted writer overwrites the rest in place, so
   * the list stays packed and is grown only past its longest run.
   */
  private out: number[] = [];
  private count = 0;
  /** Restarted: `out` outlives this run, so the run's numbers are copied out of it. */
  private reused = false;
  /** The line of the last token written (0 before the first). */
  lastLine = 0;
  private lastChar = 0;

  constructor(
    private text: string,
    private starts: ArrayLike<number> = lineStarts(text),
    /** A line at or before the first token's (tokens may start deep in the document). */
    private line = 0,
    private readonly relative = false,
  ) {}

  /** Where `text` starts in the document: token offsets are counted from it, and so are `starts`. */
  private origin = 0;

  /**
   * Starts a new run of tokens, counted from `starts` (see the constructor). With `origin`, `text`
   * is the document's text from that offset on (a stage's, say), and `starts` count from it too.
   */
  restart(text: string, starts: ArrayLike<number>, line = 0, origin = 0): void {
    this.text = text;
    this.starts = starts;
    this.line = line;
    this.origin = origin;
    this.count = 0;
    this.reused = true;
    this.lastLine = 0;
    this.lastChar = 0;
  }

  /** The numbers of this run's tokens (a list of their own for a restarted writer). */
  get tokens(): number[] {
    return this.reused ? this.out.slice(0, this.count) : this.out;
  }

  add(tokenStart: number, tokenEnd: number, type: number, modifiers: number): void {
    tokenStart -= this.origin;
    tokenEnd -= this.origin;
    const text = this.text;
    const starts = this.starts;
    let line = this.line;
    while (line + 1 < starts.length && starts[line + 1] <= tokenStart) line++;
    let from = tokenStart;
    for (;;) {
      const lineStart = starts[line];
      const next = line + 1 < starts.length ? starts[line + 1] : text.length;
      let contentEnd = next;
      if (line + 1 < starts.length) {
        contentEnd--;
        if (text.charCodeAt(contentEnd) === 0x0a && contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
      }
      const to = Math.min(tokenEnd, contentEnd);
      if (to > from && !isBlank(text, from, to)) this.write(line, from - lineStart, to - from, type, modifiers);
      if (tokenEnd <= next || line + 1 >= starts.length) break;
      line++;
      from = starts[line];
    }
    this.line = line;
  }

  private write(line: number, char: number, length: number, type: number, modifiers: number): void {
    if (this.relative) {
      const sameLine = line === this.lastLine;
      this.put(line - this.lastLine, sameLine ? char - this.lastChar : char, length, type, modifiers);
    } else this.put(line, char, length, type, modifiers);
    this.lastLine = line;
    this.lastChar = char;
  }

  private put(a: number, b: number, c: number, d: number, e: number): void {
    const out = this.out;
    const at = this.count;
    if (at + 5 > out.length) {
      // Past the longest run yet: push keeps the list packed (an index past its end would not).
      out.length = at;
      out.push(a, b, c, d, e);
    } else {
      out[at] = a;
      out[at + 1] = b;
      out[at + 2] = c;
      out[at + 3] = d;
      out[at + 4] = e;
    }
    this.count = at + 5;
  }
}

/** LSP's relative encoding: line and start character as deltas from the previous token. */
export function encodeRelative(tokens: AbsoluteTokens): number[] {
  // Filled by push, not preallocated: `new Array(n)` makes a holey array, and JSON.stringify, which
  // writes every response, is several times slower on holey arrays than on packed ones.
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (let i = 0; i < tokens.length; i += 5) {
    const line = tokens[i];
    const char = tokens[i + 1];
    data.push(line - prevLine, line === prevLine ? char - prevChar : char, tokens[i + 2], tokens[i + 3], tokens[i + 4]);
    prevLine = line;
    prevChar = char;
  }
  return data;
}

/** The edits that turn `previous` into `next`: one replacement between their common prefix and suffix. */
export function diffTokenData(previous: ArrayLike<number>, next: readonly number[]): SemanticTokensEdit[] {
  let start = 0;
  const shorter = Math.min(previous.length, next.length);
  while (start < shorter && previous[start] === next[start]) start++;
  if (start === previous.length && start === next.length) return [];
  let endPrevious = previous.length;
  let endNext = next.length;
  while (endPrevious > start && endNext > start && previous[endPrevious - 1] === next[endNext - 1]) {
    endPrevious--;
    endNext--;
  }
  return [{ start, deleteCount: endPrevious - start, data: next.slice(start, endNext) }];
}
