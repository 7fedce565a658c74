// The formatting edits of one instruction, in offsets relative to the instruction's start.
//
// What changes, and why each change keeps the meaning (BuildKit's parse) the same:
// - White space before the keyword is dropped: BuildKit ignores it.
// - The keyword (ONBUILD's trigger too), `AS` in FROM and HEALTHCHECK's CMD/NONE take the
//   configured case: BuildKit reads them in any case.
// - Exactly one space separates the keyword from what follows, and the words of a FROM line:
//   BuildKit splits there, and any run of white space splits the same.
// - A continuation line indented less than one unit is indented by one unit; deeper indentation
//   is the user's and stays. Only where the join allows it (see continuation.ts).
// - Trailing spaces and tabs go, also after a line-continuing escape (BuildKit ignores them there),
//   but for the one a `\` escapes in a heredoc marker under another escape character (see
//   `keepEscapedBlank`).
// - A one-line JSON exec form is written `["a", "b"]`, keeping each string exactly as written.
// Heredoc bodies and terminators, text inside quotes, and comment lines inside the instruction
// (except for their trailing white space) are never touched.

import type { KeywordCase } from '../../settings';
import { KNOWN_INSTRUCTIONS, type InstructionNode, type Token } from '../../syntax';
import { isSpaceCode } from '../../syntax/shellLexer';
import { ContinuationJoins } from './continuation';

export interface FormatOptions {
  readonly keywordCase: KeywordCase;
  /** One unit of continuation indentation: spaces or a tab. */
  readonly indent: string;
  /** The column width of a tab, to measure existing indentation. */
  readonly tabSize: number;
  readonly blankLineBetweenStages: boolean;
}

/** Replace text[start, end) with `text`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

export function indentWidth(indent: string, tabSize: number): number {
  let width = 0;
  for (let i = 0; i < indent.length; i++) width = indent.charCodeAt(i) === 0x09 ? width + tabSize - (width % tabSize) : width + 1;
  return width;
}

export function applyCase(text: string, keywordCase: KeywordCase): string {
  return keywordCase === 'upper' ? text.toUpperCase() : keywordCase === 'lower' ? text.toLowerCase() : text;
}

interface Line {
  readonly start: number;
  readonly contentEnd: number;
  readonly next: number;
}

/** The physical lines of text[0, end) (each up to and including its `\n`). */
export function linesOf(text: string, end: number): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < end) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 || newline >= end ? end : newline + 1;
    let contentEnd = next;
    if (contentEnd > start && text.charCodeAt(contentEnd - 1) === 0x0a) contentEnd--;
    while (contentEnd > start && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
    lines.push({ start, contentEnd, next });
    start = next;
  }
  return lines;
}

/** Trailing spaces and tabs of a line (after its continuing escape, if it has one). */
export function trailingBlank(text: string, line: Line, escapeAt: number): OffsetEdit | undefined {
  let from = line.contentEnd;
  const floor = escapeAt >= 0 ? escapeAt + 1 : line.start;
  while (from > floor && isBlank(text.charCodeAt(from - 1))) from--;
  return from < line.contentEnd ? { start: from, end: line.contentEnd, text: '' } : undefined;
}

export class InstructionFormatter {
  private readonly edits: OffsetEdit[] = [];

  constructor(
    private readonly text: string,
    private readonly node: InstructionNode,
    private readonly escape: string,
    private readonly options: FormatOptions,
    /** Offset of the first character after a byte order mark (only at the file's start). */
    private readonly lead: number,
    /** Its shell form runs in cmd, which keeps the blanks at every join. */
    private readonly inCmd = false,
  ) {}

  format(): OffsetEdit[] {
    const { node, text } = this;
    const lines = linesOf(text, node.heredocs.length ? node.heredocs[0].body.start : node.length);
    if (lines.length === 0) return [];
    const escapes = new Set(node.continuations.map((c) => c.start));
    const escapeOn = (line: Line): number => {
      for (let i = line.contentEnd - 1; i >= line.start; i--) {
        if (escapes.has(i)) return i;
        if (!isBlank(text.charCodeAt(i))) break;
      }
      return -1;
    };
    this.firstLine(lines[0], escapeOn(lines[0]));
    const joins = new ContinuationJoins(text, node, this.escape, this.inCmd);
    const unit = indentWidth(this.options.indent, this.options.tabSize);
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k];
      if (k > 0) {
        let content = line.start;
        while (content < line.contentEnd && isSpaceCode(text.charCodeAt(content))) content++;
        if (content >= line.contentEnd) {
          // An empty continuation line: keep the line, drop its white space.
          if (line.contentEnd > line.start && this.allBlank(line.start, line.contentEnd)) this.add(line.start, line.contentEnd, '');
          continue;
        }
        if (text.charCodeAt(content) !== 0x23) this.indent(line, joins, unit);
      }
      const trailing = trailingBlank(text, line, escapeOn(line));
      if (trailing) this.add(this.keepEscapedBlank(trailing.start, line), trailing.end, '');
    }
    return this.edits.sort((a, b) => a.start - b.start || a.end - b.end);
  }

  /**
   * Where trailing white space may start being removed. BuildKit finds heredoc markers with `\` as
   * their escape character whatever the escape directive says, so under another escape character a
   * `\` and a blank at the end of a line are an escaped blank of a marker's name (`<<E\ ` names
   * `E `): that blank stays.
   */
  private keepEscapedBlank(start: number, line: Line): number {
    return this.escape !== '\\' && start > line.start && this.text.charCodeAt(start - 1) === 0x5c ? start + 1 : start;
  }

  private add(start: number, end: number, replacement: string): void {
    if (this.text.slice(start, end) !== replacement) this.edits.push({ start, end, text: replacement });
  }

  private allBlank(from: number, to: number): boolean {
    for (let i = from; i < to; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }

  private firstLine(line: Line, escapeAt: number): void {
    const node = this.node;
    const from = Math.max(line.start, this.lead);
    if (node.keyword.start > from && this.allBlank(from, node.keyword.start)) this.add(from, node.keyword.start, '');
    const target = node.name === 'ONBUILD' ? node.trigger : node;
    if (!KNOWN_INSTRUCTIONS.has(node.name)) return;
    this.recase(node.keyword);
    this.spaceAfter(node.keyword.end, line, escapeAt);
    if (!target || !KNOWN_INSTRUCTIONS.has(target.name)) return;
    if (target !== node) {
      this.recase(target.keyword);
      if (target.keyword.end <= line.contentEnd) this.spaceAfter(target.keyword.end, line, escapeAt);
    }
    if (target.name === 'FROM') this.fromLine(target);
    if (target.name === 'HEALTHCHECK' && target.healthcheckType && /^(cmd|none)$/i.test(target.healthcheckType.text)) this.recase(target.healthcheckType);
    if (target.json) this.normaliseJson(target);
  }

  /** `FROM image AS name`: `AS` in the keyword case, one space between the words of one line. */
  private fromLine(from: InstructionNode): void {
    const args = from.argList;
    if (args.length === 3 && args[1].text.toLowerCase() === 'as') this.recase(args[1]);
    for (let i = 1; i < args.length; i++) {
      const gap = this.text.slice(args[i - 1].end, args[i].start);
      if (gap.length > 0 && this.allBlank(args[i - 1].end, args[i].start)) this.add(args[i - 1].end, args[i].start, ' ');
    }
  }

  /** A word written in one piece takes the keyword case. */
  private recase(token: Token): void {
    if (token.end - token.start !== token.text.length || this.text.slice(token.start, token.end) !== token.text) return;
    this.add(token.start, token.end, applyCase(token.text, this.options.keywordCase));
  }

  /** One space between `at` and the next word on the line (or the escape that continues it). */
  private spaceAfter(at: number, line: Line, escapeAt: number): void {
    let next = at;
    while (next < line.contentEnd && isBlank(this.text.charCodeAt(next))) next++;
    if (next >= line.contentEnd) return; // trailing white space, removed with the line's
    if (next === at) {
      if (next === escapeAt) this.add(at, at, ' ');
      return;
    }
    this.add(at, next, ' ');
  }

  /** `[ "a","b" ]` → `["a", "b"]`, only on one line and only when the values stay the same. */
  private normaliseJson(target: InstructionNode): void {
    const json = target.json!;
    const source = this.text.slice(json.start, json.end);
    if (source.includes('\n') || source.includes('\r')) return;
    const elements = json.elements.map((e) => this.text.slice(e.start, e.end));
    const normalised = '[' + elements.join(', ') + ']';
    if (normalised === source) return;
    try {
      const parsed: unknown = JSON.parse(normalised);
      if (!Array.isArray(parsed) || parsed.length !== json.elements.length || parsed.some((v, i) => v !== json.elements[i].value)) return;
    } catch {
      return;
    }
    this.add(json.start, json.end, normalised);
  }

  /** Indents a continuation line to one unit when it has less, and the join allows it. */
  private indent(line: Line, joins: ContinuationJoins, unit: number): void {
    let content = line.start;
    while (content < line.contentEnd && isBlank(this.text.charCodeAt(content))) content++;
    if (isSpaceCode(this.text.charCodeAt(content))) return; // unusual white space: leave it
    if (indentWidth(this.text.slice(line.start, content), this.options.tabSize) >= unit) return;
    if (!joins.canReindent(line.start, content > line.start)) return;
    this.add(line.start, content, this.options.indent);
  }
}
