// An instruction's logical line: its physical lines joined the way BuildKit joins them (leading
// white space of the first line dropped, escape-newline removed, comment and empty lines left
// out), with a map from logical offsets back to offsets in the source.

import type { InstructionNode, Span, Token } from './nodes';
import { lastAtMost } from './sortedSearch';
import { intern } from './intern';

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

  /** The logical offset of the character at source `offset` (or of the next one kept, when it was left out). */
  logicalOffset(offset: number): number {
    const starts = this.sourceStarts;
    if (starts.length === 0) return 0;
    const lo = lastAtMost(starts, offset);
    const segmentEnd = lo + 1 < starts.length ? this.logicalStarts[lo + 1] : this.text.length;
    return Math.max(this.logicalStarts[lo], Math.min(segmentEnd, this.logicalStarts[lo] + (offset - starts[lo])));
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
    return { start, end: to > from ? this.sourceEnd(to) : start, text: intern(text) };
  }
}

/**
 * An instruction's logical line rebuilt from its own text (`text`, the node's text), as BuildKit's
 * parser keeps it for the node (its `Original`): from the keyword to the end of the last continued
 * line, without the escapes that continue lines, the comment and blank lines between them, and the
 * heredoc bodies after them. The node's spans say where each of those is, so this follows the parse.
 */
export function originalText(node: InstructionNode, text: string): string {
  return logicalLineOf(node, text).text;
}

/**
 * The same logical line as `originalText`, with its map back to offsets in the node's text: what
 * a rule that reads the shell text of an instruction needs to report a word where it is written.
 */
export function logicalLineOf(node: InstructionNode, text: string): LogicalLine {
  const stop = node.heredocs.length ? node.heredocs[0].body.start : Math.min(node.length, text.length);
  const { continuations, innerComments, emptyContinuationLines: blanks } = node;
  const out = new LogicalLine();
  let c = 0;
  let k = 0;
  let b = 0;
  let from = node.keyword.start;
  for (let lineStart = 0; lineStart < stop; ) {
    const newline = text.indexOf('\n', lineStart);
    const next = newline < 0 ? text.length : newline + 1;
    let contentEnd = newline < 0 ? text.length : newline;
    while (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    const first = lineStart === 0;
    while (k < innerComments.length && innerComments[k].start < lineStart) k++;
    while (b < blanks.length && blanks[b].start < lineStart) b++;
    const comment = !first && k < innerComments.length && innerComments[k].start < next;
    const blank = !first && b < blanks.length && blanks[b].start < next;
    if (!comment && !blank) {
      while (c < continuations.length && continuations[c].start < lineStart) c++;
      const continued = c < continuations.length && continuations[c].start < contentEnd;
      out.append(text, from, continued ? continuations[c].start : contentEnd, 0);
      if (!continued) break;
    }
    lineStart = next;
    from = next;
  }
  return out;
}
