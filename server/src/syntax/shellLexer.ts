// Variable expansion and word splitting the way BuildKit's Dockerfile frontend does them
// (its "shell lexer"): quotes, the escape character, `$name`, `${name}` and the modifiers
// `:-` `-` `:+` `+` `:?` `?` `#` `##` `%` `%%` `/` `//`, nested.
//
// The same walk serves three purposes:
// - evaluating a word with known variables (hover values, `FROM` image checks, tests);
// - splitting a line into words (heredoc detection);
// - reporting each variable reference with its span, and substitution errors, to the parser.
// It never throws to its callers: errors come back as values (text nested more than MAX_DEPTH
// deep is one).

import type { Span, SubstitutionOperator } from './nodes';

/** Variables known while expanding. `undefined` means unset (which differs from empty). */
export type Environment = (name: string) => string | undefined;

export const EMPTY_ENVIRONMENT: Environment = () => undefined;

export interface LexOptions {
  /** The Dockerfile's escape character: `\` or a backtick. */
  readonly escape: string;
  /** Keep quote characters in the output. */
  readonly rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  readonly rawEscapes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to ''. */
  readonly skipUnsetEnv?: boolean;
  /** Treat quotes as ordinary characters (heredoc bodies). */
  readonly skipProcessQuotes?: boolean;
  /** Split the result into words (default true); off when only references are wanted. */
  readonly splitWords?: boolean;
  /** Collect the spans of quoted strings (`quotes` in the result). */
  readonly quoteSpans?: boolean;
  /**
   * `$` is an ordinary character: for shell text, whose substitutions the shell reads, including
   * forms BuildKit rejects (`${v:0:2}`, `${v,,}`).
   */
  readonly literalDollar?: boolean;
}

/** A variable reference met while lexing, with offsets into the lexed text. */
export interface LexedReference extends Span {
  readonly name: string;
  readonly nameSpan: Span;
  readonly braced: boolean;
  readonly operator?: SubstitutionOperator;
  readonly operatorSpan?: Span;
  readonly argument?: Span;
  readonly depth: number;
}

export interface LexError extends Span {
  readonly message: string;
}

export interface LexResult {
  /** The expanded text (empty when there is an error). */
  readonly value: string;
  /** The expanded text split into words, as BuildKit splits it. */
  readonly words: readonly string[];
  /** For each word, the span of source text it came from. */
  readonly wordSpans: readonly Span[];
  /** With `quoteSpans`: each quoted string's span, its quotes included. */
  readonly quotes?: readonly Span[];
  readonly references: readonly LexedReference[];
  /** Names that were looked up and found, and looked up and not found. */
  readonly matched: ReadonlySet<string>;
  readonly unmatched: ReadonlySet<string>;
  readonly error?: LexError;
}

const EOF = -1;

/**
 * How deep `${…}` may nest inside its own argument. Each level is a few frames of recursion: far
 * deeper, the stack would overflow. No Dockerfile nests so deep; text that does gets an error
 * instead (BuildKit's lexer, whose stack grows, would read it).
 */
const MAX_DEPTH = 500;

/** The message of the error for text nested deeper than MAX_DEPTH: our limit, not a mistake in the text. */
export const TOO_DEEP_MESSAGE = `substitutions nested more than ${MAX_DEPTH} deep`;

class LexFailure {
  constructor(
    readonly message: string,
    readonly start: number,
    readonly end: number,
  ) {}
}

/** Unicode white space as Go's unicode.IsSpace sees it. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

function isLetterCode(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}

function isDigitCode(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

function isSpecialParameter(c: number): boolean {
  // @ * # ? - $ ! 0
  return c === 0x40 || c === 0x2a || c === 0x23 || c === 0x3f || c === 0x2d || c === 0x24 || c === 0x21 || c === 0x30;
}

/** Collects the output of one level of lexing into a string and into words. */
class Output {
  text = '';
  constructor(private readonly splitWords: boolean) {}

  readonly words: string[] = [];
  readonly wordSpans: Span[] = [];
  private word = '';
  private inWord = false;
  private wordStart = 0;
  private wordEnd = 0;

  /** A character that splits words when it is white space. */
  addChar(ch: string, start: number, end: number): void {
    if (!this.splitWords) return;
    if (isSpaceCode(ch.charCodeAt(0))) {
      if (this.inWord && this.word.length > 0) this.flush();
    } else {
      this.addRaw(ch, start, end);
    }
  }

  /** Text that never splits words (quoted text, escaped characters). */
  addRaw(str: string, start: number, end: number): void {
    if (!this.splitWords) return;
    if (this.word.length === 0) this.wordStart = start;
    this.word += str;
    this.inWord = true;
    this.wordEnd = end;
  }

  /** Expanded variable text: white space inside it splits words. */
  addExpansion(str: string, start: number, end: number): void {
    if (!this.splitWords) return;
    for (const ch of str) this.addChar(ch, start, end);
  }

  finish(): void {
    if (this.word.length > 0) this.flush();
  }

  private flush(): void {
    this.words.push(this.word);
    this.wordSpans.push({ start: this.wordStart, end: this.wordEnd });
    this.word = '';
    this.inWord = false;
  }
}

class Lexer {
  private pos = 0;
  private depth = 0;
  readonly references: LexedReference[] = [];
  matched: Set<string> | undefined;
  unmatched: Set<string> | undefined;
  readonly quotes: Span[] | undefined;
  /** The code of `$`, or one no character has when `$` is ordinary. */
  private readonly dollarCode: number;
  private rawEscapes: boolean;
  private readonly escapeCode: number;
  /** Only references and errors are wanted: no text is built. */
  private readonly scanOnly: boolean;

  constructor(
    private readonly src: string,
    private readonly env: Environment,
    private readonly options: LexOptions,
  ) {
    this.rawEscapes = options.rawEscapes ?? false;
    this.quotes = options.quoteSpans ? [] : undefined;
    this.dollarCode = options.literalDollar ? -2 : 0x24;
    this.escapeCode = options.escape.charCodeAt(0);
    this.scanOnly = options.splitWords === false && options.skipUnsetEnv === true && env === EMPTY_ENVIRONMENT;
  }

  private peek(): number {
    return this.pos < this.src.length ? this.src.codePointAt(this.pos)! : EOF;
  }

  /** Consumes one code point and returns it. */
  private next(): number {
    if (this.pos >= this.src.length) return EOF;
    const c = this.src.codePointAt(this.pos)!;
    this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private fail(message: string, start: number): never {
    throw new LexFailure(message, start, Math.max(this.pos, start + 1));
  }

  run(): Output {
    return this.until(EOF, this.rawEscapes);
  }

  /** Lexes up to (and consuming) `stop`, or to the end of the text when stop is EOF. */
  private until(stop: number, rawEscapes: boolean): Output {
    const out = new Output(this.options.splitWords !== false && stop === EOF);
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      const quotesSpecial = !this.options.skipProcessQuotes;
      for (;;) {
        const c = this.peek();
        if (c === EOF) break;
        const start = this.pos;
        if (stop !== EOF && c === stop) {
          this.next();
          out.finish();
          return out;
        }
        if (c === this.dollarCode) {
          const value = this.dollar();
          if (this.scanOnly) continue;
          out.text += value;
          out.addExpansion(value, start, this.pos);
        } else if (quotesSpecial && c === 0x27 /* ' */) {
          const value = this.singleQuoted();
          this.quotes?.push({ start, end: this.pos });
          out.text += value;
          out.addRaw(value, start, this.pos);
        } else if (quotesSpecial && c === 0x22 /* " */) {
          const value = this.doubleQuoted();
          this.quotes?.push({ start, end: this.pos });
          out.text += value;
          out.addRaw(value, start, this.pos);
        } else if (this.scanOnly) {
          if (this.next() === this.escapeCode && this.next() === EOF) break;
        } else {
          let ch = this.next();
          if (ch === this.escapeCode) {
            if (this.rawEscapes) {
              const esc = String.fromCodePoint(ch);
              out.text += esc;
              out.addRaw(esc, start, this.pos);
            }
            ch = this.next();
            if (ch === EOF) break;
            const s = String.fromCodePoint(ch);
            out.text += s;
            out.addRaw(s, start, this.pos);
          } else {
            const s = String.fromCodePoint(ch);
            out.text += s;
            out.addChar(s, start, this.pos);
          }
        }
      }
      if (stop !== EOF) {
        this.fail(`unexpected end of statement while looking for matching ${String.fromCodePoint(stop)}`, this.pos);
      }
      out.finish();
      return out;
    } finally {
      this.rawEscapes = saved;
    }
  }

  private singleQuoted(): string {
    const start = this.pos;
    this.next();
    let result = this.options.rawQuotes ? "'" : '';
    for (;;) {
      const c = this.next();
      if (c === EOF) this.fail('unexpected end of statement while looking for matching single-quote', start);
      if (c === 0x27) return this.options.rawQuotes ? result + "'" : result;
      result += String.fromCodePoint(c);
    }
  }

  private doubleQuoted(): string {
    const start = this.pos;
    this.next();
    let result = this.options.rawQuotes ? '"' : '';
    for (;;) {
      const c = this.peek();
      if (c === EOF) this.fail('unexpected end of statement while looking for matching double-quote', start);
      if (c === 0x22) {
        this.next();
        return this.options.rawQuotes ? result + '"' : result;
      }
      if (c === this.dollarCode) {
        result += this.dollar();
        continue;
      }
      let ch = this.next();
      if (ch === this.escapeCode) {
        if (this.rawEscapes) result += String.fromCodePoint(ch);
        const following = this.peek();
        if (following === EOF) continue;
        if (following === 0x22 || following === 0x24 || following === this.escapeCode) ch = this.next();
      }
      result += String.fromCodePoint(ch);
    }
  }

  private lookup(name: string): string | undefined {
    const value = this.env(name);
    if (value === undefined) (this.unmatched ??= new Set()).add(name);
    else (this.matched ??= new Set()).add(name);
    return value;
  }

  private dollar(): string {
    const start = this.pos;
    this.next(); // $
    if (this.peek() !== 0x7b /* { */) {
      const nameStart = this.pos;
      const name = this.name();
      if (name === '') return '$';
      this.references.push({
        start,
        end: this.pos,
        name,
        nameSpan: { start: nameStart, end: this.pos },
        braced: false,
        depth: this.depth,
      });
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next(); // {
    const first = this.peek();
    if (first === EOF) this.fail("syntax error: missing '}'", start);
    if (first === 0x7b || first === 0x7d || first === 0x3a) this.fail('syntax error: bad substitution', start);
    const nameStart = this.pos;
    const name = this.name();
    const nameSpan = { start: nameStart, end: this.pos };
    const operatorStart = this.pos;
    let c = this.next();
    if (c === 0x7d /* } */) {
      this.references.push({ start, end: this.pos, name, nameSpan, braced: true, depth: this.depth });
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return '${' + name + '}';
      return value ?? '';
    }
    let nullIsUnset = false;
    let operatorText = c === EOF ? '' : String.fromCodePoint(c);
    if (c === 0x3a /* : */) {
      nullIsUnset = true;
      c = this.next();
      operatorText += c === EOF ? '' : String.fromCodePoint(c);
    }
    if (c === EOF) this.fail("syntax error: missing '}'", start);
    const isColonForm = nullIsUnset;
    if (isColonForm || c === 0x2b || c === 0x2d || c === 0x3f || c === 0x23 || c === 0x25) {
      // + - ? # %
      const patternLike = c === 0x23 || c === 0x25;
      if (nullIsUnset && patternLike) this.fail(`unsupported modifier (${operatorText}) in substitution`, operatorStart);
      if (!(c === 0x2b || c === 0x2d || c === 0x3f || c === 0x23 || c === 0x25)) {
        this.fail(`unsupported modifier (${operatorText}) in substitution`, operatorStart);
      }
      let greedy = false;
      if (patternLike && this.peek() === c) {
        // ## and %%: the doubled character belongs to the operator for reporting purposes.
        greedy = true;
      }
      const operatorEnd = this.pos + (greedy ? 1 : 0);
      const argStart = this.pos;
      const ref: LexedReference = {
        start,
        end: start,
        name,
        nameSpan,
        braced: true,
        operator: (operatorText + (greedy ? operatorText : '')) as SubstitutionOperator,
        operatorSpan: { start: operatorStart, end: operatorEnd },
        depth: this.depth,
      };
      const index = this.references.push(ref) - 1;
      if (this.depth >= MAX_DEPTH) this.fail(TOO_DEEP_MESSAGE, start);
      this.depth++;
      let word: string;
      try {
        word = this.until(0x7d, patternLike).text;
      } catch (error) {
        // An unterminated reference still names its variable: it runs to the end of the text.
        this.references[index] = { ...ref, end: this.src.length, argument: { start: greedy ? argStart + 1 : argStart, end: this.src.length } };
        if (error instanceof LexFailure && this.peek() === EOF) this.fail("syntax error: missing '}'", start);
        throw error;
      } finally {
        this.depth--;
      }
      this.references[index] = { ...ref, end: this.pos, argument: { start: greedy ? argStart + 1 : argStart, end: this.pos - 1 } };
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return '${' + name + operatorText + word + '}';
      const set = value !== undefined;
      const current = value ?? '';
      switch (c) {
        case 0x2d: // -
          return !set || (nullIsUnset && current === '') ? word : current;
        case 0x2b: // +
          return !set || (nullIsUnset && current === '') ? '' : word;
        case 0x3f: // ?
          if (!set) this.fail(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`, start);
          if (nullIsUnset && current === '') this.fail(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`, start);
          return current;
        default: {
          const pattern = greedy ? word.slice(1) : word;
          return c === 0x25 ? trimSuffix(current, pattern, greedy, start) : trimPrefix(current, pattern, greedy, start);
        }
      }
    }
    if (c === 0x2f /* / */) {
      const replaceAll = this.peek() === 0x2f;
      if (replaceAll) this.next();
      const ref: LexedReference = {
        start,
        end: start,
        name,
        nameSpan,
        braced: true,
        operator: replaceAll ? '//' : '/',
        operatorSpan: { start: operatorStart, end: this.pos },
        depth: this.depth,
      };
      const index = this.references.push(ref) - 1;
      const argStart = this.pos;
      if (this.depth >= MAX_DEPTH) this.fail(TOO_DEEP_MESSAGE, start);
      this.depth++;
      let pattern: string;
      let replacement: string;
      try {
        try {
          pattern = this.until(0x2f, true).text;
        } catch (error) {
          if (error instanceof LexFailure && this.peek() === EOF) this.fail("syntax error: missing '/' in ${}", start);
          throw error;
        }
        try {
          replacement = this.until(0x7d, true).text;
        } catch (error) {
          if (error instanceof LexFailure && this.peek() === EOF) this.fail("syntax error: missing '}'", start);
          throw error;
        }
      } finally {
        this.depth--;
      }
      this.references[index] = { ...ref, end: this.pos, argument: { start: argStart, end: this.pos - 1 } };
      const value = this.lookup(name);
      if (value === undefined && this.options.skipUnsetEnv) return '${' + name + '/' + pattern + '/' + replacement + '}';
      return replacePattern(value ?? '', pattern, replacement, replaceAll, start);
    }
    this.fail(`unsupported modifier (${operatorText}) in substitution`, operatorStart);
  }

  /** A variable name: letters, digits and `_`; or all leading digits; or one special parameter. */
  private name(): string {
    const start = this.pos;
    const first = this.peek();
    if (first !== EOF && isDigitCode(first)) {
      while (this.peek() !== EOF && isDigitCode(this.peek())) this.next();
      return this.src.slice(start, this.pos);
    }
    if (first !== EOF && isSpecialParameter(first)) {
      this.next();
      return this.src.slice(start, this.pos);
    }
    for (;;) {
      const c = this.peek();
      if (c === EOF || !(isLetterCode(c) || isDigitCode(c) || c === 0x5f)) break;
      this.next();
    }
    return this.src.slice(start, this.pos);
  }
}

// ---- Shell patterns for # ## % %% / // -------------------------------------------------------

interface PatternPart {
  readonly kind: 'star' | 'any' | 'literal';
  readonly text?: string;
}

function compilePattern(pattern: string, at: number): PatternPart[] {
  const parts: PatternPart[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') parts.push({ kind: 'star' });
    else if (ch === '?') parts.push({ kind: 'any' });
    else if (ch === '\\') {
      const following = chars[i + 1];
      if (following === '}' || following === '/') continue;
      if (following !== '*' && following !== '?' && following !== '\\') {
        throw new LexFailure(`invalid pattern (${pattern}) in substitution: invalid escape '\\${following ?? ''}'`, at, at + 1);
      }
      parts.push({ kind: 'literal', text: following });
      i++;
    } else parts.push({ kind: 'literal', text: ch });
  }
  return parts;
}

/** Whether `parts` matches all of `chars[from, to)`. Linear in practice, quadratic at worst. */
function matchesAll(parts: readonly PatternPart[], chars: readonly string[], from: number, to: number): boolean {
  let p = 0;
  let i = from;
  let starP = -1;
  let starI = 0;
  while (i < to) {
    const part = parts[p];
    if (p < parts.length && (part.kind === 'any' || (part.kind === 'literal' && part.text === chars[i]))) {
      p++;
      i++;
    } else if (p < parts.length && part.kind === 'star') {
      starP = p++;
      starI = i;
    } else if (starP >= 0) {
      p = starP + 1;
      i = ++starI;
    } else return false;
  }
  while (p < parts.length && parts[p].kind === 'star') p++;
  return p === parts.length;
}

const MAX_PATTERN_SUBJECT = 4096;

function trimPrefix(value: string, pattern: string, longest: boolean, at: number): string {
  const parts = compilePattern(pattern, at);
  const chars = Array.from(value);
  if (chars.length > MAX_PATTERN_SUBJECT) return value;
  if (longest) {
    for (let n = chars.length; n >= 0; n--) if (matchesAll(parts, chars, 0, n)) return chars.slice(n).join('');
  } else {
    for (let n = 0; n <= chars.length; n++) if (matchesAll(parts, chars, 0, n)) return chars.slice(n).join('');
  }
  return value;
}

function trimSuffix(value: string, pattern: string, longest: boolean, at: number): string {
  const parts = compilePattern(pattern, at);
  const chars = Array.from(value);
  if (chars.length > MAX_PATTERN_SUBJECT) return value;
  const total = chars.length;
  if (longest) {
    for (let n = total; n >= 0; n--) if (matchesAll(parts, chars, total - n, total)) return chars.slice(0, total - n).join('');
  } else {
    for (let n = 0; n <= total; n++) if (matchesAll(parts, chars, total - n, total)) return chars.slice(0, total - n).join('');
  }
  return value;
}

/** The longest match starting exactly at `from`, or -1. */
function longestMatchAt(parts: readonly PatternPart[], chars: readonly string[], from: number): number {
  for (let end = chars.length; end >= from; end--) if (matchesAll(parts, chars, from, end)) return end;
  return -1;
}

function replacePattern(value: string, pattern: string, replacement: string, all: boolean, at: number): string {
  const parts = compilePattern(pattern, at);
  const chars = Array.from(value);
  if (chars.length > MAX_PATTERN_SUBJECT) return value;
  let out = '';
  let i = 0;
  let lastMatchEnd = -1;
  while (i <= chars.length) {
    const end = longestMatchAt(parts, chars, i);
    if (end >= 0 && !(end === i && i === lastMatchEnd)) {
      out += replacement;
      lastMatchEnd = end;
      if (!all) return out + chars.slice(end).join('');
      if (end === i) {
        if (i < chars.length) out += chars[i];
        i++;
      } else i = end;
    } else {
      if (i < chars.length) out += chars[i];
      i++;
    }
  }
  return out;
}

const NO_NAMES: ReadonlySet<string> = new Set();

// ---- Public API ------------------------------------------------------------------------------

/** Expands `text` with `env` and splits it into words, as BuildKit's lexer does. */
export function lex(text: string, env: Environment, options: LexOptions): LexResult {
  const lexer = new Lexer(text, env, options);
  try {
    const out = lexer.run();
    return {
      value: out.text,
      words: out.words,
      wordSpans: out.wordSpans,
      ...(lexer.quotes ? { quotes: lexer.quotes } : {}),
      references: lexer.references,
      matched: lexer.matched ?? NO_NAMES,
      unmatched: lexer.unmatched ?? NO_NAMES,
    };
  } catch (error) {
    if (!(error instanceof LexFailure)) throw error;
    return {
      value: '',
      words: [],
      wordSpans: [],
      references: lexer.references,
      matched: lexer.matched ?? NO_NAMES,
      unmatched: lexer.unmatched ?? NO_NAMES,
      error: { start: error.start, end: Math.min(Math.max(error.end, error.start + 1), text.length || 1), message: error.message },
    };
  }
}

/** BuildKit's ProcessWord: the expanded text, or an error message. */
export function expandWord(text: string, env: Environment, escape = '\\'): { value: string } | { error: string } {
  const result = lex(text, env, { escape });
  return result.error ? { error: result.error.message } : { value: result.value };
}

/** BuildKit's ProcessWords: the expanded text split into words, or an error message. */
export function expandWords(text: string, env: Environment, escape = '\\'): { words: readonly string[] } | { error: string } {
  const result = lex(text, env, { escape });
  return result.error ? { error: result.error.message } : { words: result.words };
}
