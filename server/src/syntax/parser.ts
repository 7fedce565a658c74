// The Dockerfile parser: text in, top-level nodes out. It follows BuildKit's parser line by line
// (directives, escape character, continuations, comments inside instructions, heredocs) and never
// throws: whatever BuildKit would reject becomes a SyntaxError on the node, and parsing goes on.
//
// `parseNodes` can start at any node boundary with a known ParseState; the incremental parser
// uses that to re-parse only what an edit touched.

import { LogicalLine, logicalLineOf } from './logicalLine';
import { flagValueOffsets, parseInstructionLine, type LineParse } from './instructionLine';
import { scanJsonString } from './json';
import type {
  BlankNode,
  CommentNode,
  DirectiveNode,
  Heredoc,
  InstructionNode,
  Span,
  SubstitutionOperator,
  SyntaxError,
  TopLevelNode,
  VariableContext,
  VariableRef,
  WindowsShell,
} from './nodes';
import { EMPTY_ENVIRONMENT, isSpaceCode, lex, type LexedReference } from './shellLexer';
import { scanShellVariables } from './shellVariables';
import { runIsOnlyHeredoc, shellReadsHeredoc } from './shellHeredocReader';
import { programName, scanWindowsShellVariables, windowsShellOf, type WindowsShellReference } from './windowsShellVariables';
import { appendAll } from './arrays';
import { Instruction } from './instruction';
import { intern } from './intern';
import { shebangProgram } from './shebang';

export type EscapeChar = '\\' | '`';

/** What the parser knows at a node boundary. It only changes inside the leading directive block. */
export interface ParseState {
  readonly escape: EscapeChar;
  /** The directive block is over (BuildKit's parser no longer looks for directives). */
  readonly directivesDone: boolean;
  /** Directive names seen so far, lower case. */
  readonly seen: readonly string[];
  /** The file started with `#!`: `escape` is no longer honoured, `syntax` and `check` still are. */
  readonly afterShebang: boolean;
}

export const INITIAL_STATE: ParseState = { escape: '\\', directivesDone: false, seen: [], afterShebang: false };

export function sameState(a: ParseState, b: ParseState): boolean {
  return (
    a.escape === b.escape &&
    a.directivesDone === b.directivesDone &&
    a.afterShebang === b.afterShebang &&
    a.seen.length === b.seen.length &&
    a.seen.every((name, i) => name === b.seen[i])
  );
}

/** BuildKit reads lines with a 64 KiB buffer: longer lines fail the whole parse. */
export const MAX_LINE_BYTES = 65535;

const NO_ERRORS: readonly SyntaxError[] = Object.freeze([]);
const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The list a node keeps: empty lists share one frozen array, others are copied to their exact
 * size (an array grown by push keeps room for at least 17 elements), so trees of many small nodes
 * keep less memory alive.
 */
function shared<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? EMPTY : list.slice();
}
/**
 * The contexts that carry no data of their own, one object each, which every reference of that
 * context shares (a large file has tens of thousands of references). Not frozen: a frozen object
 * has a hidden class of its own, which would make reading `context.kind` polymorphic.
 */
const ARGS_CONTEXT: VariableContext = { kind: 'args' };
const SHELL_CONTEXT: VariableContext = { kind: 'shell' };
const EXEC_CONTEXT: VariableContext = { kind: 'exec' };
/** The context of a flag's references, one per flag name (a file has few names). */
const FLAG_CONTEXTS = new Map<string, VariableContext>();
function flagContext(flag: string): VariableContext {
  let context = FLAG_CONTEXTS.get(flag);
  if (!context) {
    context = { kind: 'flag', flag };
    // Flag names are few, but a file may misspell any number of them: keep the map small.
    if (FLAG_CONTEXTS.size < 256) FLAG_CONTEXTS.set(flag, context);
  }
  return context;
}
const VALID_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);
const SHELL_INSTRUCTIONS = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL', 'HEALTHCHECK']);

// ---- Lines -----------------------------------------------------------------------------------

interface Line {
  /** Offset of the first character. */
  readonly start: number;
  /** End of the content: before trailing `\r`s and the `\n`. */
  readonly contentEnd: number;
  /** Offset of the next line (after the `\n`), or the text length. */
  readonly next: number;
}

function lineAt(text: string, start: number): Line {
  let newline = text.indexOf('\n', start);
  const next = newline < 0 ? text.length : newline + 1;
  if (newline < 0) newline = text.length;
  let contentEnd = newline;
  while (contentEnd > start && text.charCodeAt(contentEnd - 1) === 0x0d) contentEnd--;
  return { start, contentEnd, next };
}

function skipSpace(text: string, from: number, to: number): number {
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  return from;
}

/** UTF-8 length of text[from, to), computed only when the line could be too long. */
function lineTooLong(text: string, line: Line): boolean {
  const units = line.next - line.start - (line.next > line.contentEnd && text.charCodeAt(line.next - 1) === 0x0a ? 1 : 0);
  if (units * 3 <= MAX_LINE_BYTES) return false;
  return Buffer.byteLength(text.slice(line.start, line.start + units), 'utf8') > MAX_LINE_BYTES;
}

/**
 * Where the escape character continues the line: BuildKit's rule is an escape as the last
 * non-blank character (spaces and tabs may follow), not itself preceded by an escape, or alone
 * on the line. Returns the offset of that escape, or -1.
 */
function continuationAt(text: string, from: number, to: number, escape: number): number {
  let end = to;
  while (end > from && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  if (end === from || text.charCodeAt(end - 1) !== escape) return -1;
  const at = end - 1;
  if (at === from) return at;
  return text.charCodeAt(at - 1) === escape ? -1 : at;
}

// ---- Directives ------------------------------------------------------------------------------

interface DirectiveMatch {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

function isGoSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `#` spaces key spaces `=` spaces value, with a non-empty value (BuildKit's directive shape). */
function matchDirective(text: string, from: number, to: number): DirectiveMatch | undefined {
  if (text.charCodeAt(from) !== 0x23) return undefined;
  let i = from + 1;
  while (i < to && isGoSpace(text.charCodeAt(i))) i++;
  const keyStart = i;
  if (!isAsciiLetter(text.charCodeAt(i))) return undefined;
  while (i < to && (isAsciiLetter(text.charCodeAt(i)) || (text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39))) i++;
  const keyEnd = i;
  while (i < to && isGoSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 0x3d || i >= to) return undefined;
  i++;
  while (i < to && isGoSpace(text.charCodeAt(i))) i++;
  let valueEnd = to;
  while (valueEnd > i && isGoSpace(text.charCodeAt(valueEnd - 1))) valueEnd--;
  if (valueEnd <= i) return undefined;
  return { keyStart, keyEnd, valueStart: i, valueEnd };
}

function parseDirective(text: string, line: Line, contentStart: number, match: DirectiveMatch, state: ParseState): [DirectiveNode, ParseState] {
  const base = line.start;
  const name = text.slice(match.keyStart, match.keyEnd).toLowerCase();
  const value = text.slice(match.valueStart, match.valueEnd);
  const errors: SyntaxError[] = [];
  const whole: Span = { start: contentStart - base, end: line.contentEnd - base };
  let escape = state.escape;
  const ignored = name === 'escape' && state.afterShebang;
  if (state.seen.includes(name) && !state.afterShebang) {
    errors.push({ ...whole, code: 'duplicate-directive', message: `only one ${name} parser directive can be used` });
  } else if (name === 'escape' && !ignored) {
    if (value === '\\' || value === '`') escape = value;
    else {
      errors.push({
        start: match.valueStart - base,
        end: match.valueEnd - base,
        code: 'invalid-escape',
        message: `invalid escape token '${value}' does not match \` or \\`,
      });
    }
  }
  const node: DirectiveNode = {
    kind: 'directive',
    length: line.next - line.start,
    key: { start: match.keyStart - base, end: match.keyEnd - base, text: text.slice(match.keyStart, match.keyEnd) },
    name,
    value: { start: match.valueStart - base, end: match.valueEnd - base, text: value },
    ignored,
    errors,
  };
  return [node, { ...state, escape, seen: [...state.seen, name] }];
}

// ---- Top level -------------------------------------------------------------------------------

/** Parsed nodes in parallel arrays: the node, its start offset, and the state after it. */
export interface ParsedNodes {
  readonly nodes: TopLevelNode[];
  readonly starts: number[];
  readonly states: ParseState[];
}

/**
 * Parses nodes from `from` (a line start) onwards into `out`. After each node, `stop` may end
 * the parse (the incremental parser stops once it is back in step with the old tree).
 */
export function parseNodes(
  text: string,
  from: number,
  state: ParseState,
  out: ParsedNodes,
  stop?: (offset: number, state: ParseState) => boolean,
  /** Offset of `text` in the file: `text` may be a window of it. */
  fileOffset = 0,
  /**
   * False for a parse whose nodes are only measured (their lengths and the states after them), as
   * the incremental parser's window is: their `variables` are left empty, which saves finding them
   * twice per edit (the nodes kept are parsed again from their own text).
   */
  withVariables = true,
): void {

  let pos = from;
  while (pos < text.length) {
    const line = lineAt(text, pos);
    const atFileStart = fileOffset + pos === 0;
    const contentStart = atFileStart && text.charCodeAt(0) === 0xfeff ? 1 : pos;
    const first = skipSpace(text, contentStart, line.contentEnd);
    let node: TopLevelNode | undefined;
    let end = line.next;

    if (!state.directivesDone) {
      const match = matchDirective(text, first, line.contentEnd);
      const name = match ? text.slice(match.keyStart, match.keyEnd).toLowerCase() : '';
      if (match && VALID_DIRECTIVES.has(name)) {
        [node, state] = parseDirective(text, line, first, match, state);
        if (lineTooLong(text, line)) node = withLineError(node, line);
      } else if (atFileStart && text.startsWith('#!', contentStart)) {
        // BuildKit's parser stops looking for directives here, but syntax and check detection
        // skip a shebang line and keep looking.
        state = { ...state, afterShebang: true };
      } else {
        state = { ...state, directivesDone: true };
      }
    }

    if (!node) {
      if (text.charCodeAt(first) === 0x23 && first < line.contentEnd) {
        node = comment(text, line, first);
      } else if (first >= line.contentEnd) {
        node = { kind: 'blank', length: line.next - line.start, errors: NO_ERRORS } satisfies BlankNode;
      } else {
        const parsed = parseInstruction(text, line, first, state.escape, withVariables);
        node = parsed.node;
        end = parsed.end;
      }
      if (node.kind !== 'instruction' && lineTooLong(text, line)) node = withLineError(node, line);
    }
    out.nodes.push(node);
    out.starts.push(pos);
    out.states.push(state);
    pos = end;
    if (stop && stop(pos, state)) break;
  }
}

function comment(text: string, line: Line, hash: number): CommentNode {
  return {
    kind: 'comment',
    length: line.next - line.start,
    span: { start: hash - line.start, end: line.contentEnd - line.start },
    content: text.slice(hash + 1, line.contentEnd).trim(),
    errors: NO_ERRORS,
  };
}

function tooLongError(line: Line, base: number): SyntaxError {
  return {
    start: line.start - base,
    end: line.contentEnd - base,
    code: 'line-too-long',
    message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES}`,
  };
}

function withLineError(node: CommentNode | BlankNode | DirectiveNode, line: Line): TopLevelNode {
  return { ...node, errors: [...node.errors, tooLongError(line, line.start)] };
}

/**
 * The span of a line-continuing escape at `offset` in its node: one object per offset, which every
 * node with an escape there shares (spans are never changed), up to an offset few nodes reach.
 */
const SHARED_CONTINUATION_OFFSETS = 4096;
const CONTINUATION_SPANS: (Span | undefined)[] = new Array<Span | undefined>(SHARED_CONTINUATION_OFFSETS).fill(undefined);
function continuationSpan(offset: number): Span {
  if (offset >= SHARED_CONTINUATION_OFFSETS) return { start: offset, end: offset + 1 };
  return (CONTINUATION_SPANS[offset] ??= { start: offset, end: offset + 1 });
}

// ---- Instructions ----------------------------------------------------------------------------

interface ParsedInstruction {
  readonly node: InstructionNode;
  readonly end: number;
}

function parseInstruction(text: string, firstLine: Line, first: number, escapeChar: EscapeChar, withVariables: boolean): ParsedInstruction {
  const base = firstLine.start;
  const escape = escapeChar.charCodeAt(0);
  const logical = new LogicalLine();
  const continuations: Span[] = [];
  const innerComments: Span[] = [];
  const emptyLines: Span[] = [];
  const errors: SyntaxError[] = [];
  const longLines: Line[] = [];

  let line = firstLine;
  if (lineTooLong(text, line)) longLines.push(line);
  let at = continuationAt(text, first, line.contentEnd, escape);
  logical.append(text, first, at < 0 ? line.contentEnd : at, base);
  if (at >= 0) continuations.push(continuationSpan(at - base));
  let end = line.next;

  while (at >= 0 && end < text.length) {
    line = lineAt(text, end);
    if (lineTooLong(text, line)) longLines.push(line);
    end = line.next;
    const content = skipSpace(text, line.start, line.contentEnd);
    if (content < line.contentEnd && text.charCodeAt(content) === 0x23) {
      innerComments.push({ start: content - base, end: line.contentEnd - base });
      continue;
    }
    if (content >= line.contentEnd) {
      emptyLines.push({ start: line.start - base, end: line.contentEnd - base });
      continue;
    }
    at = continuationAt(text, line.start, line.contentEnd, escape);
    logical.append(text, line.start, at < 0 ? line.contentEnd : at, base);
    if (at >= 0) continuations.push(continuationSpan(at - base));
  }

  const parsed = parseInstructionLine(logical, 0, logical.text.length, escapeChar);
  appendAll(errors, parsed.errors);

  // Heredocs: their bodies follow the instruction's last line.
  const heredocs: Heredoc[] = [];
  const target = parsed.name === 'ONBUILD' ? parsed.trigger : parsed;
  if (target && HEREDOC_INSTRUCTIONS.has(target.name) && !target.json && logical.text.includes('<<')) {
    for (const marker of findHeredocMarkers(logical)) {
      const body = readHeredocBody(text, end, marker.name, marker.chomp);
      for (const l of body.lines) if (lineTooLong(text, l)) longLines.push(l);
      const heredoc: Heredoc = {
        marker: marker.span,
        name: intern(marker.name),
        nameSpan: marker.nameSpan,
        expand: marker.expand,
        chomp: marker.chomp,
        blankBeforeName: marker.blankBeforeName,
        fileDescriptor: marker.fd,
        body: { start: end - base, end: body.bodyEnd - base },
        content: text.slice(end, body.bodyEnd),
        terminator: body.terminator ? { start: body.terminator.start - base, end: body.terminator.contentEnd - base } : undefined,
      };
      heredocs.push(heredoc);
      if (!body.terminator) {
        errors.push({ ...marker.span, code: 'unterminated-heredoc', message: `unterminated heredoc: no line "${marker.name}" ends it` });
      }
      end = body.next;
    }
  }

  for (const l of longLines) errors.push(tooLongError(l, base));

  // cmd's `%NAME%`, in the exec form's script for cmd (`["cmd", "/S", "/C", "echo %A%"]`), has no `$`.
  const dollar = withVariables && (logical.text.includes('$') || heredocs.some((h) => h.content.includes('$')) || (target?.json !== undefined && logical.text.includes('%')));
  const node = new Instruction({
    length: end - base,
    keyword: parsed.keyword,
    name: parsed.name,
    flags: shared(parsed.flags),
    flagTerminator: parsed.flagTerminator,
    args: parsed.args,
    // A JSON form's list is its array's elements (one array for both).
    argList: parsed.json && (parsed.argList as readonly unknown[]) === parsed.json.elements ? parsed.argList : shared(parsed.argList),
    json: parsed.json,
    pairs: shared(parsed.pairs),
    healthcheckType: parsed.healthcheckType,
    trigger: parsed.trigger,
    heredocs: shared(heredocs),
    continuations: shared(continuations),
    innerComments: shared(innerComments),
    emptyContinuationLines: shared(emptyLines),
    errors: shared(errors),
    variables: dollar ? shared(collectVariables(parsed, heredocs, logical, text, base, escapeChar)) : EMPTY,
  });
  return { node, end };
}

// ---- Heredocs --------------------------------------------------------------------------------

interface HeredocMarker {
  span: Span;
  nameSpan: Span;
  name: string;
  expand: boolean;
  chomp: boolean;
  blankBeforeName: boolean;
  fd: number;
}

const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/** The heredoc markers of an instruction line, found the way BuildKit finds them. */
function findHeredocMarkers(logical: LogicalLine): HeredocMarker[] {
  const words = lex(logical.text, EMPTY_ENVIRONMENT, { escape: '\\', rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  if (words.error) return [];
  const markers: HeredocMarker[] = [];
  for (let i = 0; i < words.words.length; i++) {
    const word = words.words[i];
    let span = words.wordSpans[i];
    const match = HEREDOC_WORD.exec(word);
    if (!match) continue;
    let prefixLength = match[1].length + 2 + match[2].length;
    let rest = match[3];
    let blankBeforeName = false;
    // `<< EOF` (white space before the word) is accepted since frontend 1.16; `<<- EOF` is not: a
    // bare `<<-` has no name, so it is no heredoc.
    if (match[3] === '' && match[2] === '' && i + 1 < words.words.length) {
      const following = words.words[i + 1];
      if (following.includes('<')) continue;
      prefixLength = words.wordSpans[i + 1].start - span.start;
      rest = following;
      span = { start: span.start, end: words.wordSpans[i + 1].end };
      blankBeforeName = true;
      i++;
    }
    const terminator = heredocTerminator(rest);
    if (!terminator) continue;
    markers.push({
      span: logical.span(span.start, span.end),
      nameSpan: logical.span(span.start + prefixLength, span.end),
      name: terminator.name,
      expand: terminator.expand,
      chomp: match[2] === '-',
      blankBeforeName,
      fd: match[1] === '' ? 0 : Number(match[1]),
    });
  }
  return markers;
}

/**
 * The terminator word of a marker's text after `<<`/`<<-` (`EOF`, `'EOF'`, `E"O"F`), read as BuildKit
 * reads it: one shell word, whose quotes (any, anywhere) keep the body from being expanded.
 */
function heredocTerminator(rest: string): { name: string; expand: boolean } | undefined {
  if (rest === '') return undefined;
  const plain = lex(rest, EMPTY_ENVIRONMENT, { escape: '\\', skipUnsetEnv: true });
  if (plain.error || plain.words.length !== 1) return undefined;
  const raw = lex(rest, EMPTY_ENVIRONMENT, { escape: '\\', rawQuotes: true, skipUnsetEnv: true });
  if (raw.error || raw.words.length !== 1) return undefined;
  const quotes = (s: string): number => (s.match(/['"]/g) ?? []).length;
  return { name: plain.words[0], expand: quotes(plain.words[0]) === quotes(raw.words[0]) };
}

/**
 * The heredoc name of one COPY/ADD argument, as BuildKit's instruction parser tells a heredoc source
 * from a path: the whole argument must be a marker (`<<EOF`, `<<-'EOF'`, `3<<EOF`). In the shell form
 * the arguments are split at white space, so `<< EOF` is two arguments, `<<` and `EOF`, both paths.
 */
export function heredocSourceName(argument: string): string | undefined {
  const match = HEREDOC_WORD.exec(argument);
  // Since 1.16 the pattern allows white space after `<<`, which only a JSON-form argument can hold.
  return match ? heredocTerminator(match[3].replace(/^\s+/, ''))?.name : undefined;
}

/**
 * Whether COPY or ADD copies this heredoc's body. Its marker must be one argument: with white space
 * after `<<` (`COPY << EOF /x`) BuildKit still reads the body off the lines that follow, but takes
 * `<<` and `EOF` for two paths in the build context and never uses the body.
 */
export function isCopiedHeredoc(heredoc: Heredoc): boolean {
  return !heredoc.blankBeforeName;
}

function readHeredocBody(
  text: string,
  from: number,
  name: string,
  chomp: boolean,
): { bodyEnd: number; next: number; terminator?: Line; lines: Line[] } {
  const lines: Line[] = [];
  let pos = from;
  while (pos < text.length) {
    const line = lineAt(text, pos);
    let candidateStart = line.start;
    if (chomp) while (candidateStart < line.contentEnd && text.charCodeAt(candidateStart) === 0x09) candidateStart++;
    // BuildKit strips trailing \r and \n before comparing.
    if (line.contentEnd - candidateStart === name.length && text.startsWith(name, candidateStart)) {
      lines.push(line);
      return { bodyEnd: pos, next: line.next, terminator: line, lines };
    }
    lines.push(line);
    pos = line.next;
  }
  return { bodyEnd: text.length, next: text.length, lines };
}

// ---- Variables -------------------------------------------------------------------------------

/**
 * The references of a shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK whose SHELL is a Windows shell
 * (`SHELL ["powershell", "-Command"]`, or cmd, a Windows image's default), which the parser cannot
 * know: the node's `variables` read the shell form as a POSIX shell's (as this does without `shell`).
 * `text` is the node's text. `windowsImage`: the stage builds a Windows image, where a RUN that is only
 * a heredoc whose body starts with `#!` still gives the body to the shell (`runsBodyWithInterpreter`);
 * the node's `variables` assume any other image, as the parser cannot know the stage.
 */
export function shellFormVariables(node: InstructionNode, text: string, escape: EscapeChar, shell?: WindowsShell, windowsImage = false): VariableRef[] {
  return collectVariables(node, node.heredocs, logicalLineOf(node, text), text, 0, escape, shell, windowsImage);
}

/** What only some references have: a substitution's operator and argument, a Windows shell. */
class ReferenceDetail {
  constructor(
    readonly operator: SubstitutionOperator | undefined,
    readonly operatorSpan: Span | undefined,
    readonly argument: Span | undefined,
    readonly shell: WindowsShell | undefined,
    readonly local: true | undefined,
  ) {}
}

/**
 * A variable reference (see VariableRef): one shape for all of them. A large file has tens of
 * thousands, most of them a bare `$NAME` or `${NAME}`: the name's span is two numbers, made a span
 * when read, and the rarer fields are read from one object that only the references having them keep.
 */
class Reference implements VariableRef {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly name: string,
    private readonly nameStart: number,
    private readonly nameEnd: number,
    readonly braced: boolean,
    readonly nested: boolean,
    readonly context: VariableContext,
    private readonly detail: ReferenceDetail | undefined,
  ) {}

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }
  get operator(): SubstitutionOperator | undefined {
    return this.detail?.operator;
  }
  get operatorSpan(): Span | undefined {
    return this.detail?.operatorSpan;
  }
  get argument(): Span | undefined {
    return this.detail?.argument;
  }
  get shell(): WindowsShell | undefined {
    return this.detail?.shell;
  }
  get local(): true | undefined {
    return this.detail?.local;
  }
}

/** `shell`: the Windows shell the shell form runs in, when the caller knows it runs in one; `windowsImage`: see `shellFormVariables`. */
function collectVariables(node: LineParse, heredocs: readonly Heredoc[], logical: LogicalLine, text: string, base: number, escape: EscapeChar, shell?: WindowsShell, windowsImage = false): VariableRef[] {
  const refs: VariableRef[] = [];
  const fromLexed: Collect = (lexed, map, context, windows) => {
    for (const r of lexed) {
      const nameStart = map(r.nameSpan.start, false);
      const nameEnd = r.nameSpan.end > r.nameSpan.start ? map(r.nameSpan.end, true) : nameStart;
      const local = windows !== undefined && (r as WindowsShellReference).local === true;
      const detail =
        r.operator !== undefined || r.operatorSpan !== undefined || r.argument !== undefined || windows !== undefined
          ? new ReferenceDetail(r.operator && (intern(r.operator) as SubstitutionOperator), r.operatorSpan && mapSpan(r.operatorSpan, map), r.argument && mapSpan(r.argument, map), windows, local || undefined)
          : undefined;
      refs.push(new Reference(map(r.start, false), map(r.end, true), intern(r.name), nameStart, nameEnd, r.braced, r.depth > 0, context, detail));
    }
  };

  collectFromInstruction(node, logical, escape, fromLexed, shell);
  // A heredoc marker's name is kept as written: BuildKit does not expand it, nor does the shell a
  // here-document's delimiter, so `<<$EOF` reads no variable.
  if (heredocs.length && refs.length) {
    const inName = (r: VariableRef) => heredocs.some((h) => r.start >= h.nameSpan.start && r.start < h.nameSpan.end);
    if (refs.some(inName)) {
      const kept = refs.filter((r) => !inName(r));
      refs.length = 0;
      appendAll(refs, kept);
    }
  }

  const owner = node.name === 'ONBUILD' ? node.trigger?.name : node.name;
  const args = node.name === 'ONBUILD' ? node.trigger?.args : node.args;
  // A RUN that is only this heredoc runs the body itself as the script, quoted marker or not
  // (BuildKit ignores the quotes there), so the shell expands its variables either way.
  const wholeCommand = runIsOnlyHeredoc(node, heredocs);
  heredocs.forEach((heredoc, index) => {
    if (!heredoc.content.includes(shell === 'cmd' ? '%' : '$')) return;
    // A quoted body that a shell of the command reads on its standard input (`sh <<'EOF'`) is that
    // shell's script: the outer shell leaves it as written, the inner one expands it as it runs.
    const shellInput =
      owner === 'RUN' && !shell && !heredoc.expand && !wholeCommand && args !== undefined && heredoc.fileDescriptor === 0 &&
      shellReadsHeredoc(logical.text, logical.logicalOffset(args.start), logical.logicalOffset(heredoc.marker.start), logical.logicalOffset(heredoc.marker.end));
    if (!heredoc.expand && !wholeCommand && !shellInput) return;
    const bodyStart = base + heredoc.body.start;
    const bodyEnd = base + heredoc.body.end;
    const context: VariableContext = { kind: 'heredoc', index, expand: heredoc.expand };
    const map = (offset: number): number => offset - base;
    if (owner === 'RUN') {
      if (wholeCommand && runsBodyWithInterpreter(heredoc, windowsImage)) return;
      // The body of a RUN that is only this heredoc is the script; any other body is data the shell
      // expands `$` in before a command reads it (`cat <<EOF`, even `bash <<EOF`).
      const script = wholeCommand || shellInput;
      // A Windows shell gets the script as its command line, and has no here-documents of its own.
      if (shell) {
        if (script) fromLexed(scanWindowsShellVariables(shell, text, bodyStart, bodyEnd), map, context, shell);
        return;
      }
      fromLexed(scanShellVariables(text, bodyStart, bodyEnd, { heredocData: !script }), map, context);
    } else {
      // BuildKit expands a COPY/ADD body with a lexer of its own, whose escape is always a
      // backslash: the file's `# escape=` does not reach it.
      const lexed = lex(text.slice(bodyStart, bodyEnd), EMPTY_ENVIRONMENT, { escape: '\\', skipProcessQuotes: true, skipUnsetEnv: true, splitWords: false });
      fromLexed(lexed.references, (o) => o + bodyStart - base, context);
    }
  });
  refs.sort((a, b) => a.start - b.start || a.end - b.end);
  return refs;
}

/** Shells, which expand `$name` in a script as the shell form does. */
const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * A heredoc's body as the instruction receives it: after `<<-`, every line without its leading tabs
 * (BuildKit strips them before RUN runs the body or COPY writes the file, and before RUN looks for a `#!`
 * line: `heredocShebang`). Lines end at `\n` only, as in Go.
 */
export function heredocData(heredoc: Heredoc): string {
  return heredoc.chomp ? heredoc.content.replace(/(^|\n)\t+/g, '$1') : heredoc.content;
}

/** The offset in a heredoc's content where its first line's text starts once `<<-` has stripped the line's leading tabs (0 without `-`). */
export function heredocStripOffset(heredoc: Heredoc): number {
  let start = 0;
  if (heredoc.chomp) while (heredoc.content.charCodeAt(start) === 9 /* tab */) start++;
  return start;
}

/**
 * The `#!` line (without the `#!`) of a heredoc that BuildKit runs as a file of its own when it is a
 * RUN's whole command (`runIsOnlyHeredoc`). BuildKit looks for the `#!` after `<<-` strips the tabs, as
 * frontends do since 1.21 (moby/buildkit#6402; older ones looked at the body as written, so a
 * tab-indented `#!` was a comment of a shell script), and on a Windows image makes no file at all (it
 * checks the image's OS first) and gives every body to the shell. Undefined when BuildKit gives the
 * body to the shell.
 */
export function heredocShebang(heredoc: Heredoc, windowsImage: boolean): string | undefined {
  if (windowsImage) return undefined;
  const { content } = heredoc;
  const start = heredocStripOffset(heredoc);
  if (!content.startsWith('#!', start)) return undefined;
  const end = content.slice(start).search(/\r?\n/);
  return content.slice(start + 2, end < 0 ? undefined : start + end);
}

/**
 * Whether the heredoc of a RUN that is only this heredoc runs its body with a `#!` interpreter that is
 * not a shell (`#!/usr/bin/env python3`, see `heredocShebang`): `$name` in it is then the script's own
 * text, not a variable. The program is the one Linux and GNU env run (`shebangCommand`: `#!/usr/bin/env
 * -iS python3 -u` runs python3); a line that runs nothing (`#!/usr/bin/env python3 -u`, where env looks
 * for a program of that whole name) gives the body to no shell either. A bare `#!` names none: the
 * kernel refuses the file, and the shell BuildKit runs `/dev/pipes/<name>` with runs it as a script.
 */
export function runsBodyWithInterpreter(heredoc: Heredoc, windowsImage: boolean): boolean {
  const shebang = heredocShebang(heredoc, windowsImage);
  if (shebang === undefined || shebang.trim() === '') return false;
  const name = shebangProgram(shebang);
  return name === undefined || !SHELLS.has(name);
}

/** Windows shells: every argument after them is their command line, in a language of their own. */
const WINDOWS_SHELLS: ReadonlySet<string> = new Set(['powershell', 'pwsh', 'cmd']);
/** Long options of bash that take the next argument as their value (short ones: `o` and `O`). */
const VALUED_SHELL_OPTIONS: ReadonlySet<string> = new Set(['--rcfile', '--init-file']);

/**
 * Where an exec-form argv has a shell's script: the `index` of it; 'after' the array (a CMD supplies
 * it); or every argument after the Windows shell at `windows`.
 */
type ExecShellScript = { readonly index: number } | { readonly windows: number } | 'after' | undefined;

/**
 * Finds the script a shell runs in an exec-form argv: the first operand after options that include
 * `-c` (`["sh", "-c", "…"]`, `["/bin/bash", "-euo", "pipefail", "-c", "…"]`), also behind wrappers
 * (`env`, `tini --`, `gosu app`, `sudo -u app`: the first argument that names a shell counts).
 * 'after': the shell has `-c` but no script here (an ENTRYPOINT whose CMD is the script).
 * `windows`: PowerShell or cmd, whose command line is everything after them. undefined: no script.
 */
export function execShellScript(elements: readonly { readonly value: string }[]): ExecShellScript {
  const program = (i: number): string => programName(elements[i].value);
  let i = 0;
  while (i < elements.length && !SHELLS.has(program(i)) && !WINDOWS_SHELLS.has(program(i).toLowerCase())) i++;
  if (i === elements.length) return undefined;
  if (WINDOWS_SHELLS.has(program(i).toLowerCase())) return { windows: i };
  // `busybox sh`: the applet is the shell.
  if (program(i) === 'busybox') {
    i++;
    if (i === elements.length || !SHELLS.has(program(i))) return undefined;
  }
  let command = false;
  for (i++; i < elements.length; i++) {
    const word = elements[i].value;
    if (word === '--') return !command ? undefined : i + 1 < elements.length ? { index: i + 1 } : 'after';
    if (VALUED_SHELL_OPTIONS.has(word)) {
      i++;
      continue;
    }
    if (!/^[-+]./.test(word)) return command ? { index: i } : undefined;
    if (word.startsWith('--')) continue;
    // A cluster such as `-euo pipefail`: each `o` or `O` in it takes one of the following arguments.
    const letters = word.slice(1);
    if (letters.includes('c')) command = true;
    i += (letters.match(/[oO]/g) ?? []).length;
  }
  return command ? 'after' : undefined;
}

/**
 * `text[from, to)` as a Windows program gets its words: each `"` that opens or closes a quoted part
 * removed, `\"` read as a quote. `offsets[i]`: where the i-th kept character is in `text`.
 */
function withoutArgvQuotes(text: string, from: number, to: number): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] === '\\' && text[i + 1] === '"') i++;
    else if (text[i] === '"') continue;
    out += text[i];
    offsets.push(i);
  }
  return { text: out, offsets };
}

/** PowerShell's command-line options that take the next word as their value. */
const VALUED_POWERSHELL_OPTIONS: readonly string[] = ['executionpolicy', 'inputformat', 'outputformat', 'windowstyle', 'workingdirectory', 'configurationname', 'settingsfile', 'version', 'psconsolefile', 'custompipename'];

/**
 * Where the script starts in a cmd command line that runs PowerShell (`powershell [options]
 * [-Command] <script>`): the offset of its first word in `line`, or undefined when the line runs
 * no script PowerShell reads as code. `-File` (any prefix, `-f`) runs a file with the words as its
 * arguments, given as written; so does pwsh's first word without `-Command`, which is its file.
 */
function powerShellScriptIn(line: string): number | undefined {
  const words = [...line.matchAll(/[^ \t]+/g)];
  const program = words[0] && programName(words[0][0]).toLowerCase();
  if (program !== 'powershell' && program !== 'pwsh') return undefined;
  for (let i = 1; i < words.length; i++) {
    const word = words[i][0].toLowerCase();
    if (!/^[-/]/.test(word)) return program === 'powershell' ? words[i].index : undefined;
    const option = word.slice(1);
    if (option !== '' && 'command'.startsWith(option)) return i + 1 < words.length ? words[i + 1].index : undefined;
    if (option !== '' && 'file'.startsWith(option)) return undefined;
    // `-ExecutionPolicy Bypass`: the value is no script.
    if (option !== '' && VALUED_POWERSHELL_OPTIONS.some((name) => name.startsWith(option))) i++;
  }
  return undefined;
}

/**
 * The script PowerShell reads when cmd runs the command line `line` (`powershell -Command "echo
 * $env:A"` gives `echo $env:A`), as the parser reads it for its variables: argv quotes removed.
 * undefined when the line starts no PowerShell script. Completion asks it to agree with the parser.
 */
export function cmdPowerShellScript(line: string): string | undefined {
  const script = powerShellScriptIn(line);
  return script === undefined ? undefined : withoutArgvQuotes(line, script, line.length).text;
}

function mapSpan(s: Span, map: (offset: number, isEnd: boolean) => number): Span {
  const start = map(s.start, false);
  return { start, end: s.end > s.start ? map(s.end, true) : start };
}

/** `windows`: the references were read as that Windows shell reads its text. */
type Collect = (lexed: readonly LexedReference[], map: (offset: number, isEnd: boolean) => number, context: VariableContext, windows?: WindowsShell) => void;

/**
 * Logical-line text units that the builder lexes one by one, scanned for references. `shell`: the
 * Windows shell that runs the shell form, if the caller knows one does.
 */
function collectFromInstruction(
  node: Pick<InstructionNode, 'name' | 'flags' | 'json' | 'argList' | 'pairs' | 'trigger' | 'args' | 'healthcheckType'>,
  logical: LogicalLine,
  escape: EscapeChar,
  collect: Collect,
  shell?: WindowsShell,
): void {
  const logicalOf = makeLogicalIndex(logical);
  const builderUnit = (from: number, to: number, context: VariableContext): void => {
    if (to <= from || !hasDollar(logical.text, from, to)) return;
    const lexed = lex(logical.text.slice(from, to), EMPTY_ENVIRONMENT, { escape, skipUnsetEnv: true, splitWords: false });
    collect(lexed.references, (o, isEnd) => (isEnd ? logical.sourceEnd(from + o) : logical.sourceStart(from + o)), context);
  };
  // Shell text, or exec-form text no shell reads: the references a shell would see, either way.
  const shellUnit = (from: number, to: number, context: VariableContext = SHELL_CONTEXT, windows?: WindowsShell): void => {
    const map = (o: number, isEnd: boolean) => (isEnd ? logical.sourceEnd(o) : logical.sourceStart(o));
    if (windows) {
      if (to > from) collect(scanWindowsShellVariables(windows, logical.text, from, to), map, context, windows);
      return;
    }
    if (to <= from || !hasDollar(logical.text, from, to)) return;
    collect(scanShellVariables(logical.text, from, to), map, context);
  };

  for (const flag of node.flags) {
    if (!flag.value?.text.includes('$')) continue;
    const context = flagContext(flag.name.text);
    const from = logicalOf(flag.value.start);
    if (logical.text.startsWith(flag.value.text, from)) {
      builderUnit(from, from + flag.value.text.length, context);
      continue;
    }
    // BuildKit removes a flag's quotes and escapes before it expands the value (`--chown="$U:$G"`
    // expands `$U:$G`): lex that text, and map its offsets back through what was removed.
    const offsets = flagValueOffsets(logical.text, logicalOf(flag.start));
    const lexed = lex(flag.value.text, EMPTY_ENVIRONMENT, { escape, skipUnsetEnv: true, splitWords: false });
    const last = offsets[offsets.length - 1];
    collect(lexed.references, (o, isEnd) => (isEnd ? logical.sourceEnd(offsets[o - 1] + 1) : logical.sourceStart(o < offsets.length ? offsets[o] : last + 1)), context);
  }
  if (node.name === 'ONBUILD') {
    if (node.trigger) collectFromInstruction(node.trigger, logical, escape, collect, shell);
    return;
  }
  const isShell = SHELL_INSTRUCTIONS.has(node.name);
  if (node.json) {
    // The exec form runs the program without a shell: only a shell's script (`["sh", "-c", "…"]`)
    // expands `$name`; any other element reaches the program as written.
    const script = isShell && node.name !== 'SHELL' ? execShellScript(node.json.elements) : undefined;
    const isScript = (i: number): boolean =>
      typeof script === 'object' && ('index' in script ? i === script.index : i > script.windows);
    // PowerShell or cmd reads its command line in its own syntax.
    const windows = typeof script === 'object' && 'windows' in script ? windowsShellOf(node.json.elements[script.windows].value) : undefined;
    node.json.elements.forEach((element, i) => {
      // JSON strings are lexed after decoding; map decoded offsets back through the quotes.
      const from = logicalOf(element.start) + 1;
      const to = logicalOf(element.end) - 1;
      if (element.value !== logical.text.slice(from, to)) {
        // A string with escapes (`\"`, `\\`, `\u0024`): a shell reads the decoded text, so scan that
        // and map each decoded character back to where its escape starts.
        if (!isShell || !element.value.includes('$')) return;
        const scanned = scanJsonString(logical.text, from - 1, to + 1);
        const offsets = scanned?.sourceOffsets;
        if (!offsets || scanned.value !== element.value) return;
        // A decoded character ends where the next one's text starts (the last one at the closing quote).
        const at = (o: number): number => (o < offsets.length ? from - 1 + offsets[o] : to);
        const map = (o: number, isEnd: boolean) => (isEnd ? logical.sourceEnd(at(o)) : logical.sourceStart(at(o)));
        const context: VariableContext = isScript(i) ? SHELL_CONTEXT : EXEC_CONTEXT;
        const scriptShell = isScript(i) ? windows : undefined;
        const decoded = scanned.value;
        const refs = scriptShell ? scanWindowsShellVariables(scriptShell, decoded, 0, decoded.length) : scanShellVariables(decoded, 0, decoded.length);
        collect(refs, map, context, scriptShell);
        return;
      }
      if (!isShell) builderUnit(from, to, ARGS_CONTEXT);
      else if (isScript(i)) shellUnit(from, to, SHELL_CONTEXT, windows);
      else shellUnit(from, to, EXEC_CONTEXT);
    });
    return;
  }
  if (isShell) {
    const command = node.name === 'HEALTHCHECK' ? node.argList.slice(1) : node.argList;
    // SHELL's own arguments are no script, whatever shell they name.
    const windows = node.name === 'SHELL' ? undefined : shell;
    for (const token of command) shellUnit(logicalOf(token.start), logicalOf(token.start) + token.text.length, SHELL_CONTEXT, windows);
    // cmd starting PowerShell (`powershell -Command "echo $env:NAME"`): cmd expands `%NAME%` in the
    // line, then PowerShell runs the rest as its own script, reading the environment as `$env:NAME`.
    if (windows === 'cmd') {
      for (const token of command) {
        const script = powerShellScriptIn(token.text);
        if (script === undefined) continue;
        // PowerShell parses the words as its command line gives them: without their argv quotes.
        const from = logicalOf(token.start) + script;
        const { text: words, offsets } = withoutArgvQuotes(logical.text, from, logicalOf(token.start) + token.text.length);
        const map = (o: number, isEnd: boolean) => (isEnd ? logical.sourceEnd(offsets[o - 1] + 1) : logical.sourceStart(offsets[o]));
        collect(scanWindowsShellVariables('powershell', words, 0, words.length), map, SHELL_CONTEXT, 'powershell');
      }
    }
    return;
  }
  if (node.name === 'ENV' || node.name === 'LABEL' || node.name === 'ARG') {
    for (const pair of node.pairs) {
      for (const part of [pair.key, pair.value]) {
        if (!part || part.text === '') continue;
        const from = logicalOf(part.start);
        builderUnit(from, from + part.text.length, ARGS_CONTEXT);
      }
    }
    return;
  }
  for (const token of node.argList) {
    const from = logicalOf(token.start);
    builderUnit(from, from + token.text.length, ARGS_CONTEXT);
  }
}

function hasDollar(text: string, from: number, to: number): boolean {
  const at = text.indexOf('$', from);
  return at >= 0 && at < to;
}

/** Maps a source offset (relative to the instruction) back to its logical offset. */
function makeLogicalIndex(logical: LogicalLine): (sourceOffset: number) => number {
  return (sourceOffset) => {
    let lo = 0;
    let hi = logical.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (logical.sourceStart(mid) < sourceOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}
