// An instruction's logical line: its physical lines joined the way BuildKit joins them (leading
// white space of the first line dropped, escape-newline removed, comment and empty lines left
// out), with a map from logical offsets back to offsets in the source.

import type { Span, Token } from './nodes';

export class LogicalLine {
  text = '';
  /** Logical start of each segment. */
  private readonly logicalStarts: number[] = [];
  /** Source offset (relative to the instruction) of each segment's first character. */
  private readonly sourceStarts: number[] = [];

  append(source: string, from: number, to: number, base: number): void {
    if (to <= from) return;
    this.logicalStarts.push(this.text.length);
    this.sourceStarts.push(from - base);
    this.text += source.slice(from, to);
  }

  private segmentOf(offset: number, preferEnd: boolean): number {
    const starts = this.logicalStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] < offset || (!preferEnd && starts[mid] === offset)) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Source offset of the character at logical `offset` (or just past the last one). */
  sourceStart(offset: number): number {
    if (this.logicalStarts.length === 0) return 0;
    const seg = this.segmentOf(offset, false);
    return this.sourceStarts[seg] + (offset - this.logicalStarts[seg]);
  }

  /** Source offset just after the character at logical `offset - 1`. */
  sourceEnd(offset: number): number {
    if (this.logicalStarts.length === 0) return 0;
    if (offset === 0) return this.sourceStart(0);
    const seg = this.segmentOf(offset, true);
    return this.sourceStarts[seg] + (offset - this.logicalStarts[seg]);
  }

  span(from: number, to: number): Span {
    const start = this.sourceStart(from);
    return { start, end: to > from ? this.sourceEnd(to) : start };
  }

  token(from: number, to: number): Token {
    return this.token2(from, to, this.text.slice(from, to));
  }

  /** A token for logical [from, to) whose text is given (e.g. after quote removal). */
  token2(from: number, to: number, text: string): Token {
    const start = this.sourceStart(from);
    return { start, end: to > from ? this.sourceEnd(to) : start, text };
  }
}
