// Parses one logical line into an instruction: keyword, flags, then the arguments in the shape
// BuildKit's parser gives each instruction (JSON or shell form, word lists, key/value pairs,
// HEALTHCHECK's type, ONBUILD's trigger).

import { scanJsonArray } from './json';
import type { LogicalLine } from './logicalLine';
import type { Flag, InstructionNode, JsonArray, JsonString, KeyValue, MountOption, Span, SyntaxError, Token } from './nodes';
import { isSpaceCode } from './shellLexer';
import { appendAll } from './arrays';
import { Instruction } from './instruction';
import { intern } from './intern';

const EMPTY: readonly never[] = Object.freeze([]);

/** The parts of an instruction that come from its logical line (no heredocs, no line info). */
export type LineParse = Pick<
  InstructionNode,
  'keyword' | 'name' | 'flags' | 'flagTerminator' | 'args' | 'argList' | 'json' | 'pairs' | 'healthcheckType' | 'trigger' | 'errors'
>;

/** Go's regexp class `[\t\v\f\r ]`, which BuildKit uses to split words in several places. */
function isWordSeparator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

function trimStart(text: string, from: number, to: number): number {
  while (from < to && isSpaceCode(text.charCodeAt(from))) from++;
  return from;
}

function trimEnd(text: string, from: number, to: number): number {
  while (to > from && isSpaceCode(text.charCodeAt(to - 1))) to--;
  return to;
}

export const KNOWN_INSTRUCTIONS: ReadonlySet<string> = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

/** Each known instruction name, to itself: a node keeps this string rather than a copy of its own. */
const INSTRUCTION_NAMES: ReadonlyMap<string, string> = new Map([...KNOWN_INSTRUCTIONS].map((name) => [name, name]));

/**
 * The keyword token of each known instruction written in upper case at the start of its line, which
 * every such node shares (tokens are never changed): most instructions of a file have one of these.
 */
const KEYWORD_TOKENS: ReadonlyMap<string, Token> = new Map([...KNOWN_INSTRUCTIONS].map((name) => [name, { start: 0, end: name.length, text: name }]));

function keywordToken(line: LogicalLine, from: number, to: number, written: string, name: string): Token {
  const start = line.sourceStart(from);
  const end = to > from ? line.sourceEnd(to) : start;
  if (start === 0 && written === name && end === name.length) {
    const shared = KEYWORD_TOKENS.get(name);
    if (shared) return shared;
  }
  return { start, end, text: written === name ? name : written };
}

interface Context {
  readonly line: LogicalLine;
  readonly escape: number;
  readonly errors: SyntaxError[];
}

/** Parses `line.text[from, to)` as an instruction (BuildKit's newNodeFromLine). */
export function parseInstructionLine(line: LogicalLine, from: number, to: number, escape: string, depth = 0): LineParse {
  const text = line.text;
  const ctx: Context = { line, escape: escape.charCodeAt(0), errors: [] };
  const start = trimStart(text, from, to);
  const end = trimEnd(text, start, to);
  let keywordEnd = start;
  while (keywordEnd < end && !isWordSeparator(text.charCodeAt(keywordEnd))) keywordEnd++;
  // Large files have tens of thousands of instructions: their names (and keywords written in upper
  // case) share one string per instruction.
  const written = line.text.slice(start, keywordEnd);
  const upper = written.toUpperCase();
  const name = INSTRUCTION_NAMES.get(upper) ?? upper;
  const keyword = keywordToken(line, start, keywordEnd, written, name);

  let restStart = keywordEnd;
  while (restStart < end && isWordSeparator(text.charCodeAt(restStart))) restStart++;
  const { flags, terminator, argsStart } = extractFlags(ctx, restStart, end);
  const argsFrom = trimStart(text, argsStart, end);
  const argsTo = trimEnd(text, argsFrom, end);
  const args = argsTo > argsFrom ? line.token(argsFrom, argsTo) : undefined;

  const result: {
    argList: Token[];
    json?: JsonArray;
    pairs: KeyValue[];
    healthcheckType?: Token;
    trigger?: InstructionNode;
  } = { argList: [], pairs: [] };

  switch (name) {
    case 'ADD':
    case 'COPY':
    case 'VOLUME':
      maybeJsonToList(ctx, argsFrom, argsTo, result);
      break;
    case 'CMD':
    case 'ENTRYPOINT':
    case 'RUN':
    case 'SHELL':
      maybeJson(ctx, argsFrom, argsTo, result, args);
      break;
    case 'ARG':
      for (const word of parseWords(ctx, argsFrom, argsTo)) {
        result.argList.push(word.token);
        result.pairs.push(splitPair(ctx, word));
      }
      break;
    case 'ENV':
    case 'LABEL':
      nameValues(ctx, name, argsFrom, argsTo, result);
      break;
    case 'EXPOSE':
    case 'FROM':
      appendAll(result.argList, splitWhitespace(ctx, argsFrom, argsTo));
      break;
    case 'HEALTHCHECK':
      healthcheck(ctx, argsFrom, argsTo, result);
      break;
    case 'MAINTAINER':
    case 'STOPSIGNAL':
    case 'USER':
    case 'WORKDIR':
      if (args) result.argList.push(args);
      break;
    case 'ONBUILD':
      if (args && depth === 0) {
        const trigger = parseInstructionLine(line, argsFrom, argsTo, escape, depth + 1);
        result.trigger = new Instruction({
          length: 0,
          ...trigger,
          heredocs: EMPTY,
          variables: EMPTY,
          continuations: EMPTY,
          innerComments: EMPTY,
          emptyContinuationLines: EMPTY,
        });
        appendAll(ctx.errors, trigger.errors);
      }
      break;
    default:
      break;
  }

  return {
    keyword,
    name,
    flags,
    flagTerminator: terminator,
    args,
    argList: result.argList,
    json: result.json,
    pairs: result.pairs,
    healthcheckType: result.healthcheckType,
    trigger: result.trigger,
    errors: ctx.errors,
  };
}

// ---- Flags -----------------------------------------------------------------------------------

interface FlagWord {
  text: string;
  /** Logical offset of each character of `text`. */
  offsets: number[];
  start: number;
  end: number;
}

/**
 * BuildKit's extractBuilderFlags: leading words that start with `--` are flags. Quotes are
 * removed and backslashes escape inside them; a bare `--` ends the flags.
 */
function extractFlags(ctx: Context, from: number, to: number): { flags: Flag[]; terminator?: Span; argsStart: number } {
  const text = ctx.line.text;
  const flags: Flag[] = [];
  let pos = from;
  for (;;) {
    while (pos < to && isSpaceCode(text.charCodeAt(pos))) pos++;
    if (pos >= to) return { flags, argsStart: to };
    if (text.charCodeAt(pos) !== 0x2d || pos + 1 >= to || text.charCodeAt(pos + 1) !== 0x2d) return { flags, argsStart: pos };
    const word = readFlagWord(text, pos, to);
    if (word.text === '--' && word.end - word.start === 2) {
      return { flags, terminator: ctx.line.span(word.start, word.end), argsStart: word.end };
    }
    flags.push(makeFlag(ctx, word));
    pos = word.end;
  }
}

function readFlagWord(text: string, from: number, to: number): FlagWord {
  // Most flags have no quotes or backslashes: their text is a plain slice.
  let end = from;
  while (end < to) {
    const c = text.charCodeAt(end);
    if (isSpaceCode(c)) break;
    if (c === 0x27 || c === 0x22 || c === 0x5c) return readQuotedFlagWord(text, from, to);
    end++;
  }
  const offsets: number[] = new Array(end - from);
  for (let i = 0; i < offsets.length; i++) offsets[i] = from + i;
  return { text: text.slice(from, end), offsets, start: from, end };
}

/**
 * The logical offset of each character of a flag's value, quotes and escapes removed: the flag word
 * read again from the logical line at `flagStart` (the `--`).
 */
export function flagValueOffsets(text: string, flagStart: number): readonly number[] {
  const word = readFlagWord(text, flagStart, text.length);
  return word.offsets.slice(word.text.indexOf('=') + 1);
}

function readQuotedFlagWord(text: string, from: number, to: number): FlagWord {
  const word: FlagWord = { text: '', offsets: [], start: from, end: to };
  let quote = 0;
  let pos = from;
  while (pos < to) {
    const c = text.charCodeAt(pos);
    if (quote === 0) {
      if (isSpaceCode(c)) {
        word.end = pos;
        return word;
      }
      if (c === 0x27 || c === 0x22) {
        quote = c;
        pos++;
        continue;
      }
    } else if (c === quote) {
      quote = 0;
      pos++;
      continue;
    }
    if (c === 0x5c) {
      if (pos + 1 === to) {
        pos++;
        continue;
      }
      pos++;
    }
    word.text += text[pos];
    word.offsets.push(pos);
    pos++;
  }
  word.end = to;
  return word;
}

function makeFlag(ctx: Context, word: FlagWord): Flag {
  const line = ctx.line;
  const text = word.text;
  const eq = text.indexOf('=');
  const nameEndIndex = eq < 0 ? text.length : eq;
  const nameFrom = Math.min(2, text.length);
  const nameStart = nameFrom < word.offsets.length ? word.offsets[nameFrom] : word.end;
  const nameEnd = nameEndIndex > nameFrom ? word.offsets[nameEndIndex - 1] + 1 : nameStart;
  const name: Token = line.token2(nameStart, nameEnd, text.slice(nameFrom, nameEndIndex));
  const start = line.sourceStart(word.start);
  const end = line.sourceEnd(word.end);
  if (eq < 0) return new FlagNode(start, end, name, undefined, undefined, undefined);
  const equals = line.sourceStart(word.offsets[eq]);
  const valueText = text.slice(eq + 1);
  const value: Token = line.token2(word.offsets[eq] + 1, word.end, valueText);
  // Copied to its exact size: an array grown by push keeps room for 17 options.
  const mountOptions = name.text === 'mount' ? parseMountOptions(ctx, valueText, word.offsets, eq + 1, word.end).slice() : undefined;
  return new FlagNode(start, end, name, value, equals, mountOptions);
}

/**
 * A flag: one shape for every flag. Its `text` is made when asked for (the outline, the AST dump
 * and a few messages read it): the flag word is `--`, the name, and `=` with the value when it has
 * one, as both were read from it (a flag word starts with a literal `--`, and the name ends at its
 * first `=`), so it need not be kept beside them.
 */
class FlagNode implements Flag {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly name: Token,
    readonly value: Token | undefined,
    readonly equals: number | undefined,
    readonly mountOptions: readonly MountOption[] | undefined,
  ) {}

  get text(): string {
    return this.value === undefined ? '--' + this.name.text : '--' + this.name.text + '=' + this.value.text;
  }
}

/** `--mount` options: comma-separated `key=value` fields (CSV: double quotes may wrap a field). */
function parseMountOptions(ctx: Context, value: string, wordOffsets: readonly number[], skip: number, wordEnd: number): MountOption[] {
  const line = ctx.line;
  // Logical offset of character i of `value` (or just past the flag word).
  const at = (i: number): number => (i + skip < wordOffsets.length ? wordOffsets[i + skip] : wordEnd);
  const options: MountOption[] = [];
  let i = 0;
  for (;;) {
    const fieldStart = i;
    let text = '';
    let keyEnd = -1; // index in `value` just after the key
    let valueStart = -1; // index in `value` of the first value character
    let quoted = false;
    if (!value.includes('"', i)) {
      // No quotes: the field is a plain slice.
      let j = i;
      while (j < value.length && value.charCodeAt(j) !== 0x2c) j++;
      text = value.slice(i, j);
      const eq = text.indexOf('=');
      if (eq >= 0) {
        keyEnd = i + eq;
        valueStart = keyEnd + 1;
      }
      i = j;
    }
    while (i < value.length && (quoted || value.charCodeAt(i) !== 0x2c)) {
      const c = value.charCodeAt(i);
      if (c === 0x22) {
        if (quoted && value.charCodeAt(i + 1) === 0x22) {
          text += '"';
          i += 2;
          continue;
        }
        quoted = !quoted;
        i++;
        continue;
      }
      if (c === 0x3d && keyEnd < 0) {
        keyEnd = i;
        valueStart = i + 1;
        text += '=';
        i++;
        continue;
      }
      text += value[i];
      i++;
    }
    const fieldEnd = i;
    if (fieldEnd > fieldStart) {
      // From the `=` or comma before it to the comma after it or the end of the word: quotes the word's
      // reading removed around the field are the field's too (`target="."`, `"target=/x"`).
      const start = line.sourceStart(at(fieldStart - 1) + 1);
      const end = line.sourceEnd(at(fieldEnd));
      const eq = text.indexOf('=');
      if (eq < 0) {
        options.push({ start, end, key: line.token2(at(fieldStart), at(fieldEnd - 1) + 1, text), value: undefined, equals: undefined });
      } else {
        const key = line.token2(at(fieldStart), keyEnd > fieldStart ? at(keyEnd - 1) + 1 : at(fieldStart), text.slice(0, eq));
        const valueToken = line.token2(valueStart < fieldEnd ? at(valueStart) : at(keyEnd) + 1, valueStart < fieldEnd ? at(fieldEnd - 1) + 1 : at(keyEnd) + 1, text.slice(eq + 1));
        options.push({ start, end, key, value: valueToken, equals: line.sourceStart(at(keyEnd)) });
      }
    }
    if (i >= value.length) break;
    i++; // ,
  }
  return options;
}

// ---- Argument shapes -------------------------------------------------------------------------

type ArgResult = { argList: Token[]; json?: JsonArray; pairs: KeyValue[]; healthcheckType?: Token };

function json(ctx: Context, from: number, to: number, result: ArgResult): 'json' | 'fallback' | 'error' {
  const text = ctx.line.text;
  const scan = scanJsonArray(text, from, to);
  if (scan.kind === 'invalid') return 'fallback';
  if (scan.kind === 'not-strings') {
    ctx.errors.push({
      ...ctx.line.span(scan.start, scan.end),
      code: 'json-not-strings',
      message: 'when using JSON array syntax, arrays must be comprised of strings only',
    });
    return 'error';
  }
  const line = ctx.line;
  // One object per element, both the JSON string (its `value`) and the argument token (its `text`,
  // the same string); an argument list that is only the array is the array itself.
  const elements: (JsonString & Token)[] = scan.strings.map((s) => {
    const start = line.sourceStart(s.start);
    const value = intern(s.value);
    return { start, end: s.end > s.start ? line.sourceEnd(s.end) : start, text: value, value };
  });
  result.json = { start: line.sourceStart(scan.start), end: line.sourceEnd(scan.end), elements };
  if (result.argList.length === 0) result.argList = elements;
  else appendAll(result.argList, elements);
  return 'json';
}

/**
 * RUN, CMD, ENTRYPOINT, SHELL: a JSON array, or the whole text as one shell command. `whole`: the
 * token of `[from, to)` when the caller has it (the instruction's `args`), which the list then shares.
 */
function maybeJson(ctx: Context, from: number, to: number, result: ArgResult, whole?: Token): void {
  if (to <= from) return;
  if (json(ctx, from, to, result) !== 'fallback') return;
  result.argList.push(whole ?? ctx.line.token(from, to));
}

/** ADD, COPY, VOLUME: a JSON array, or words split at white space. */
function maybeJsonToList(ctx: Context, from: number, to: number, result: ArgResult): void {
  if (json(ctx, from, to, result) !== 'fallback') return;
  appendAll(result.argList, splitWhitespace(ctx, from, to));
}

/** Words separated by runs of `[\t\v\f\r ]`, quotes ignored. */
function splitWhitespace(ctx: Context, from: number, to: number): Token[] {
  const text = ctx.line.text;
  const words: Token[] = [];
  if (to <= from) return words;
  let wordStart = from;
  let i = from;
  while (i <= to) {
    if (i === to || isWordSeparator(text.charCodeAt(i))) {
      words.push(ctx.line.token(wordStart, i));
      while (i < to && isWordSeparator(text.charCodeAt(i))) i++;
      wordStart = i;
      if (i === to) break;
    } else i++;
  }
  return words;
}

/**
 * BuildKit's parseWords (ARG, ENV, LABEL): white space separates words except inside quotes;
 * quotes and escapes stay in the words.
 */
/** A word of the logical line: its logical range and its token. */
interface LogicalWord {
  readonly from: number;
  readonly to: number;
  readonly token: Token;
}

function parseWords(ctx: Context, from: number, to: number): LogicalWord[] {
  const text = ctx.line.text;
  const words: LogicalWord[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpaceCode(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const start = i;
    let end = i;
    let quote = 0;
    let blankOk = false;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (quote === 0) {
        if (isSpaceCode(c)) break;
        if (c === 0x27 || c === 0x22) {
          quote = c;
          blankOk = true;
        } else if (c === ctx.escape) {
          // An escape at the very end is dropped; otherwise it stays, with the character it escapes.
          if (i + 1 === to) {
            i++;
            continue;
          }
          i++;
        }
      } else if (c === quote) {
        quote = 0;
      } else if (c === ctx.escape && quote !== 0x27) {
        if (i + 1 === to) {
          i++;
          quote = 0;
          continue;
        }
        i++;
      }
      i++;
      end = i;
    }
    if (blankOk || end > start) words.push({ from: start, to: end, token: ctx.line.token(start, end) });
  }
  return words;
}

function splitPair(ctx: Context, word: LogicalWord): KeyValue {
  const token = word.token;
  const eq = token.text.indexOf('=');
  if (eq < 0) return { start: token.start, end: token.end, key: token, separator: '' };
  const key = ctx.line.token(word.from, word.from + eq);
  const value = ctx.line.token(word.from + eq + 1, word.to);
  return { start: token.start, end: token.end, key, value, separator: '=' };
}

/** ENV and LABEL: `k=v k2=v2` or the legacy `k v` (value = rest of the line). */
function nameValues(ctx: Context, name: string, from: number, to: number, result: ArgResult): void {
  const words = parseWords(ctx, from, to);
  if (words.length === 0) return;
  const line = ctx.line;
  const text = line.text;
  if (!words[0].token.text.includes('=')) {
    let keyEnd = from;
    while (keyEnd < to && !isWordSeparator(text.charCodeAt(keyEnd))) keyEnd++;
    let valueStart = keyEnd;
    while (valueStart < to && isWordSeparator(text.charCodeAt(valueStart))) valueStart++;
    const key = line.token(from, keyEnd);
    if (keyEnd >= to) {
      ctx.errors.push({ ...line.span(from, to), code: 'missing-value', message: `${name} must have two arguments` });
      result.pairs.push({ start: key.start, end: key.end, key, separator: ' ' });
      return;
    }
    const value = line.token(valueStart, to);
    result.argList.push(key, value, separatorToken(value.end, ''));
    result.pairs.push({ start: key.start, end: value.end, key, value, separator: ' ' });
    return;
  }
  for (const word of words) {
    const token = word.token;
    if (!token.text.includes('=')) {
      ctx.errors.push({
        start: token.start,
        end: token.end,
        code: 'missing-equals',
        message: `Syntax error - can't find = in ${goQuote(token.text)}. Must be of the form: name=value`,
      });
      result.pairs.push({ start: token.start, end: token.end, key: token, separator: '' });
      continue;
    }
    const pair = splitPair(ctx, word);
    result.pairs.push(pair);
    result.argList.push(pair.key, pair.value!, separatorToken(token.end, '='));
  }
}

/**
 * The empty token BuildKit's AST gives each ENV/LABEL pair after its value (its text `=` for the
 * `k=v` form, empty for the legacy `k v`): one object per offset and text, which every node with a
 * pair ending there shares (tokens are never changed), up to an offset few nodes reach.
 */
const SHARED_SEPARATOR_OFFSETS = 4096;
const EQUALS_TOKENS: (Token | undefined)[] = new Array<Token | undefined>(SHARED_SEPARATOR_OFFSETS).fill(undefined);
const LEGACY_TOKENS: (Token | undefined)[] = new Array<Token | undefined>(SHARED_SEPARATOR_OFFSETS).fill(undefined);
function separatorToken(offset: number, text: '=' | ''): Token {
  if (offset >= SHARED_SEPARATOR_OFFSETS) return { start: offset, end: offset, text };
  const tokens = text === '=' ? EQUALS_TOKENS : LEGACY_TOKENS;
  return (tokens[offset] ??= { start: offset, end: offset, text });
}

/** HEALTHCHECK: a type word (CMD/NONE) and then a command like CMD's. */
function healthcheck(ctx: Context, from: number, to: number, result: ArgResult): void {
  const text = ctx.line.text;
  if (to <= from) return;
  let sep = from;
  while (sep < to && !isSpaceCode(text.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < to && isSpaceCode(text.charCodeAt(next))) next++;
  const type = ctx.line.token(from, sep);
  result.healthcheckType = type;
  result.argList.push(type);
  maybeJson(ctx, next, to, result);
}

/** Go's strconv.Quote, enough for messages and the AST dump. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c === 0x07) out += '\\a';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0b) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/**
 * The `type=` option that decides a `--mount`'s type. BuildKit's parseMount reads the options in
 * turn, its keys in any case and untrimmed, and each `type=` replaces the type so far: the last one
 * wins. A bare `type` (no `=`) is refused there and sets nothing.
 */
export function mountTypeOption(flag: Flag): MountOption | undefined {
  const options = flag.mountOptions ?? [];
  for (let i = options.length - 1; i >= 0; i--) if (options[i].value && options[i].key.text.toLowerCase() === 'type') return options[i];
  return undefined;
}

/**
 * The type of a `--mount` as BuildKit reads it: the value of its last `type=` (mountTypeOption),
 * `bind` without one. Lower-cased, as BuildKit compares it; not checked against the known types.
 */
export function mountTypeText(flag: Flag): string {
  return mountTypeOption(flag)?.value?.text.toLowerCase() ?? 'bind';
}

/**
 * mountTypeText for a `--mount` value still being typed, split at its commas (quotes not read): the
 * value of the last `key=value` field whose key is `type`, as written; undefined without one.
 */
export function typedMountType(fields: readonly string[]): string | undefined {
  for (let i = fields.length - 1; i >= 0; i--) {
    const eq = fields[i].indexOf('=');
    if (eq >= 0 && fields[i].slice(0, eq).toLowerCase() === 'type') return fields[i].slice(eq + 1);
  }
  return undefined;
}
