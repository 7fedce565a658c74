// When may the formatter change the indentation of a continuation line without changing what
// BuildKit builds?
//
// BuildKit joins an instruction's lines by dropping each line-continuing escape and the newline
// after it; the next line's leading white space stays in the joined text. So re-indenting a
// continuation line changes the instruction's text at the join. That is harmless exactly when:
// - the join is already a word boundary (unescaped white space before the escape, or leading
//   white space on the line): adding white space where there was none would split a word in two.
//   BuildKit drops only the final escape, so in `a\ \` the first `\` still escapes the blank and
//   the word goes on across the join; and
// - the join is not inside quotes (white space there is part of a string), nor inside arguments
//   BuildKit takes as one text (USER, WORKDIR, the legacy `ENV key value` form, ...).
// Quotes are read the way BuildKit (or the shell, for shell-form commands) reads each part.

import type { InstructionNode, Span } from '../../syntax';
import { isSpaceCode } from '../../syntax/shellLexer';

/** What decides the meaning of white space inside a part of the instruction. */
type Rules =
  /** A shell-form command: '…' and "…", `\` escapes (the shell's, whatever the escape directive). */
  | 'shell'
  /** BuildKit's ARG/ENV/LABEL words: '…' and "…", the directive's escape character escapes. */
  | 'words'
  /** A flag word: '…' and "…", a backslash escapes anywhere. */
  | 'flag'
  /** A JSON array: "…" strings with backslash escapes. */
  | 'json'
  /** Taken as one text: white space inside always counts. */
  | 'opaque';

interface Zone extends Span {
  readonly rules: Rules;
}

const SPACE = 0x20;
const TAB = 0x09;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** The node-relative ranges of source text that the builder joins into the instruction's line. */
export function logicalSegments(text: string, node: InstructionNode): Span[] {
  const end = node.heredocs.length ? node.heredocs[0].body.start : node.length;
  const escapes = new Set(node.continuations.map((c) => c.start));
  const segments: Span[] = [];
  let lineStart = 0;
  let first = true;
  while (lineStart < end) {
    let next = text.indexOf('\n', lineStart);
    next = next < 0 || next >= end ? end : next + 1;
    let contentEnd = next;
    while (contentEnd > lineStart && (text.charCodeAt(contentEnd - 1) === 0x0a || text.charCodeAt(contentEnd - 1) === 0x0d)) contentEnd--;
    const from = first ? node.keyword.start : lineStart;
    let content = from;
    while (content < contentEnd && isSpaceCode(text.charCodeAt(content))) content++;
    const isComment = text.charCodeAt(content) === 0x23 && !first;
    if (!isComment && (first || content < contentEnd)) {
      let to = contentEnd;
      for (let i = from; i < contentEnd; i++) {
        if (escapes.has(i)) {
          to = i;
          break;
        }
      }
      if (to > from) segments.push({ start: from, end: to });
    }
    first = false;
    lineStart = next;
  }
  return segments;
}

/**
 * `inCmd`: the shell form runs in cmd, which keeps every blank of its command line (`set X=a   b`
 * sets three spaces), so its joins are never re-indented.
 */
function zonesOf(node: InstructionNode, inCmd: boolean): Zone[] | undefined {
  const zones: Zone[] = [];
  for (const flag of node.flags) zones.push({ start: flag.start, end: flag.end, rules: 'flag' });
  const target = node.name === 'ONBUILD' ? node.trigger : node;
  if (!target) return node.name === 'ONBUILD' ? zones : undefined;
  if (target !== node) for (const flag of target.flags) zones.push({ start: flag.start, end: flag.end, rules: 'flag' });
  const args = target.args;
  const json = target.json;
  switch (target.name) {
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL':
      if (json) zones.push({ start: json.start, end: json.end, rules: 'json' });
      else if (args) zones.push({ start: args.start, end: args.end, rules: inCmd ? 'opaque' : 'shell' });
      break;
    case 'HEALTHCHECK': {
      const command = target.argList[1];
      if (json) zones.push({ start: json.start, end: json.end, rules: 'json' });
      else if (command) zones.push({ start: command.start, end: command.end, rules: inCmd ? 'opaque' : 'shell' });
      break;
    }
    case 'ARG':
    case 'ENV':
    case 'LABEL':
      if (args) zones.push({ start: args.start, end: args.end, rules: target.pairs[0]?.separator === ' ' ? 'opaque' : 'words' });
      break;
    case 'MAINTAINER':
    case 'STOPSIGNAL':
    case 'USER':
    case 'WORKDIR':
      if (args) zones.push({ start: args.start, end: args.end, rules: 'opaque' });
      break;
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      // Split at white space with quotes ignored: only word boundaries matter.
      if (json) zones.push({ start: json.start, end: json.end, rules: 'json' });
      break;
    case 'FROM':
    case 'EXPOSE':
      break;
    default:
      return undefined;
  }
  return zones.sort((a, b) => a.start - b.start);
}

/** Answers, line by line in order, whether a continuation line may be re-indented. */
export class ContinuationJoins {
  private readonly segments: Span[];
  private readonly zones: Zone[] | undefined;
  private readonly escape: number;
  // Where the last quote scan stopped, so that lines asked in order cost one pass in total.
  private scanZone = -1;
  private scanSegment = 0;
  private scanAt = 0;
  private quote = 0;
  /** The previous character was an escape. */
  private escaped = false;

  constructor(
    private readonly text: string,
    node: InstructionNode,
    escape: string,
    /** The instruction's shell form runs in cmd (`FormatContext.inCmd`). */
    inCmd = false,
  ) {
    this.segments = logicalSegments(text, node);
    this.zones = zonesOf(node, inCmd);
    this.escape = escape.charCodeAt(0);
  }

  /**
   * Whether white space at the start of the line starting at `lineStart` (node-relative) may be
   * changed. `blankStart`: the line starts with white space (or is an empty line being typed).
   */
  canReindent(lineStart: number, blankStart: boolean): boolean {
    if (!this.zones) return false;
    let previous: Span | undefined;
    for (const segment of this.segments) {
      if (segment.end > lineStart) break;
      previous = segment;
    }
    if (!previous) return false;
    const blank = previous.end - 1;
    if (!blankStart && (!isBlank(this.text.charCodeAt(blank)) || this.isEscapedBlank(blank, previous.start))) return false;
    let zoneIndex = -1;
    for (let i = 0; i < this.zones.length && this.zones[i].start < lineStart; i++) zoneIndex = i;
    if (zoneIndex < 0) return true;
    const zone = this.zones[zoneIndex];
    if (zone.rules === 'opaque') return false;
    return this.quoteAt(zoneIndex, Math.min(lineStart, zone.end)) === 0;
  }

  /**
   * Whether the blank at `at` (in the segment starting at `segmentStart`) is escaped. Inside a
   * zone its rules decide. Elsewhere (ADD and COPY words, FROM, EXPOSE) white space splits whatever
   * escapes it, but BuildKit looks for heredoc markers there with `\` escaping: `a\ <<EOF` holds
   * none. An odd run of the escape directive's character counts in a command too: PowerShell, the
   * usual shell under a backtick escape directive, escapes with a backtick. Both are on the safe
   * side: at worst a line keeps its indentation.
   */
  private isEscapedBlank(at: number, segmentStart: number): boolean {
    const index = this.zones!.findIndex((zone) => zone.start <= at && at < zone.end);
    const rules = index < 0 ? undefined : this.zones![index].rules;
    if (rules === undefined) return this.oddRunBefore(at, segmentStart, 0x5c) || this.oddRunBefore(at, segmentStart, this.escape);
    if (rules === 'opaque') return false;
    this.quoteAt(index, at);
    if (this.escaped) return true;
    return rules === 'shell' && this.escape !== 0x5c && this.oddRunBefore(at, segmentStart, this.escape);
  }

  private oddRunBefore(at: number, segmentStart: number, c: number): boolean {
    let run = 0;
    for (let i = at - 1; i >= segmentStart && this.text.charCodeAt(i) === c; i--) run++;
    return run % 2 === 1;
  }

  /** The open quote character (0 for none) just before `limit`, reading zone `index` from its start. */
  private quoteAt(index: number, limit: number): number {
    const zone = this.zones![index];
    if (this.scanZone !== index || this.scanAt > limit) {
      this.scanZone = index;
      this.scanSegment = 0;
      this.scanAt = zone.start;
      this.quote = 0;
      this.escaped = false;
    }
    const text = this.text;
    const segments = this.segments;
    while (this.scanSegment < segments.length) {
      const segment = segments[this.scanSegment];
      if (segment.end <= this.scanAt) {
        this.scanSegment++;
        continue;
      }
      if (segment.start >= limit) break;
      let i = Math.max(this.scanAt, segment.start);
      const to = Math.min(segment.end, limit);
      for (; i < to; i++) {
        const c = text.charCodeAt(i);
        if (this.escaped) {
          this.escaped = false;
          continue;
        }
        this.escaped = this.step(zone.rules, c);
      }
      this.scanAt = i;
      if (to < segment.end) break;
      this.scanSegment++;
    }
    return this.quote;
  }

  /** Advances the quote state over `c`; true when the next character is escaped. */
  private step(rules: Rules, c: number): boolean {
    const quote = this.quote;
    if (rules === 'json') {
      if (quote === 0) {
        if (c === 0x22) this.quote = c;
        return false;
      }
      if (c === 0x5c) return true;
      if (c === 0x22) this.quote = 0;
      return false;
    }
    const escape = rules === 'words' ? this.escape : 0x5c;
    if (quote === 0x27) {
      if (c === 0x27) this.quote = 0;
      return rules === 'flag' && c === escape;
    }
    if (c === escape) return true;
    if (quote === 0) {
      if (c === 0x27 || c === 0x22) this.quote = c;
    } else if (c === quote) this.quote = 0;
    return false;
  }
}
