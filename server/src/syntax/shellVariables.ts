// Finds `$name` and `${name…}` references in shell text (RUN, CMD, ENTRYPOINT, RUN heredocs).
// The builder leaves that text to the shell, so this scan is lenient: it knows single quotes,
// backslash escapes, comments and shell-only forms (`${#v}`, `${!v}`, `${v:0:2}`, `$(…)`), and never
// fails. A here-document's body is data, not script: the shell expands `$` in it but reads no quotes
// or comments there (`# for $HOST` in a config file written with `cat <<EOF` is expanded).

import type { Span, SubstitutionOperator } from './nodes';
import type { LexedReference } from './shellLexer';

function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39);
}

/** `$`, `!`, `?`, `#`, `@`, `*`, `-` and digits: the shell's special and positional parameters. */
function isSpecialParameter(c: number): boolean {
  return c === 0x24 || c === 0x21 || c === 0x3f || c === 0x23 || c === 0x40 || c === 0x2a || c === 0x2d || (c >= 0x30 && c <= 0x39);
}

const OPERATORS: readonly SubstitutionOperator[] = [':-', ':+', ':?', '##', '%%', '//', '-', '+', '?', '#', '%', '/'];

interface ShellScanOptions {
  /** The text is a here-document body the shell reads as data (`cat <<EOF`), not as script. */
  readonly heredocData?: boolean;
  /**
   * Receives the `$name` and `${name}` written inside single quotes this shell does not expand (not
   * the script of a `sh -c '…'`): text passed on as written, which hover explains.
   */
  readonly singleQuoted?: LexedReference[];
}

/** Scans `text[from, to)`; spans in the result are offsets into `text`. */
export function scanShellVariables(text: string, from: number, to: number, options: ShellScanOptions = {}): LexedReference[] {
  const refs: LexedReference[] = [];
  scan(text, from, to, 0, refs, false, options.heredocData === true, options.singleQuoted);
  return refs;
}

/** The plain `$name` and `${name}` in `text[from, to)`, single-quoted text the shell keeps as written. */
function literalReferences(text: string, from: number, to: number, out: LexedReference[]): void {
  for (let i = text.indexOf('$', from); i >= 0 && i < to; i = text.indexOf('$', i + 1)) {
    const braced = text.charCodeAt(i + 1) === 0x7b; /* { */
    const nameStart = braced ? i + 2 : i + 1;
    if (nameStart >= to || !isNameStart(text.charCodeAt(nameStart))) continue;
    let end = nameStart + 1;
    while (end < to && isNameChar(text.charCodeAt(end))) end++;
    if (braced && (end >= to || text.charCodeAt(end) !== 0x7d)) continue;
    out.push({ start: i, end: braced ? end + 1 : end, name: text.slice(nameStart, end), nameSpan: { start: nameStart, end }, braced, depth: 0 });
  }
}

/** Blanks and operators, after which a `#` starts a comment (it must begin a word). */
function endsWord(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e;
}

/** In here-document data a backslash escapes only `$`, `` ` ``, `\` and a line break. */
function escapedInData(c: number): boolean {
  return c === 0x24 || c === 0x60 || c === 0x5c || c === 0x0a || c === 0x0d;
}

/** Returns where scanning stopped (at a `}` that closes an enclosing `${` when `inBraces`). */
function scan(text: string, from: number, to: number, depth: number, refs: LexedReference[], inBraces: boolean, data: boolean, literal?: LexedReference[]): number {
  let i = from;
  let inDouble = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i += data && !escapedInData(text.charCodeAt(i + 1)) ? 1 : 2;
      continue;
    }
    // Quotes and `#` are plain characters in here-document data.
    if (!data && c === 0x23 /* # */ && !inDouble && !inBraces && (i === from || endsWord(text.charCodeAt(i - 1)))) {
      // A comment runs to the end of the line; an instruction's continued lines are one line by now.
      const newline = text.indexOf('\n', i);
      i = newline < 0 || newline >= to ? to : newline;
      continue;
    }
    if (!data && c === 0x27 /* ' */ && !inDouble) {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 || close >= to ? to : close;
      // `sh -c '…'`: the quotes keep the text from this shell, and the shell they start reads it.
      if (!inBraces && isShellScriptArgument(text, from, i)) scan(text, i + 1, end, depth, refs, false, false, literal);
      else if (literal && !inBraces && depth === 0) literalReferences(text, i + 1, end, literal);
      i = end === to ? to : end + 1;
      continue;
    }
    if (c === 0x22 /* " */ && !data) {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c === 0x7d /* } */ && inBraces && !inDouble) return i;
    if (c !== 0x24 /* $ */) {
      i++;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (isNameStart(next)) {
      let end = i + 2;
      while (end < to && isNameChar(text.charCodeAt(end))) end++;
      refs.push({ start: i, end, name: text.slice(i + 1, end), nameSpan: { start: i + 1, end }, braced: false, depth });
      i = end;
      continue;
    }
    if (next === 0x7b /* { */ && i + 1 < to) {
      i = braced(text, i, to, depth, refs, data);
      continue;
    }
    // A special parameter (`$$`, `$?`, `$#`, `$1`, …) is one character: in `$$NAME` the name is text.
    i += i + 1 < to && isSpecialParameter(next) ? 2 : 1;
  }
  return to;
}

/** Shells whose `-c` option takes the script as its next word. */
const SCRIPT_SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Whether the word starting at `at` (a quote) is the script of a shell started in the same command:
 * the word after an option cluster with `c` (`-c`, `-ec`, `-lc`), after the shell's name and its
 * other options (`bash -o pipefail -c '…'`, `/bin/sh -e -c '…'`). A heuristic over the words
 * before it: a shell reading text it was given is found, nothing more.
 */
function isShellScriptArgument(text: string, from: number, at: number): boolean {
  // The words before the quote, nearest first, back to the start of its simple command.
  const before: string[] = [];
  let i = at;
  while (before.length < 8) {
    const wordEnd = i;
    while (i > from && isBlank(text.charCodeAt(i - 1))) i--;
    if (i === wordEnd) break; // glued to the word before (`x'…'`), or the start of the text
    const end = i;
    while (i > from && !isBlank(text.charCodeAt(i - 1)) && !endsWord(text.charCodeAt(i - 1))) i--;
    if (i === end) break; // an operator
    before.push(text.slice(i, end).replace(/["']/g, ''));
  }
  if (before.length < 2 || !/^-[A-Za-z]*c[A-Za-z]*$/.test(before[0])) return false;
  for (let k = 1; k < before.length; k++) {
    const word = before[k];
    if (/^[-+]/.test(word) || /^[-+]o$/.test(before[k + 1] ?? '')) continue;
    // The first word that is neither an option nor an option's argument names the program.
    return SCRIPT_SHELLS.has(word.slice(word.lastIndexOf('/') + 1));
  }
  return false;
}

/**
 * How deep `${…}` is read inside its own argument: each level is a recursion, and far deeper the
 * stack would overflow. Deeper text is skipped to its closing brace, its references unreported.
 */
const MAX_DEPTH = 500;

/** The `}` that closes the `${` whose text starts at `from` (or `to`), without recursion. */
function closingBrace(text: string, from: number, to: number): number {
  let open = 0;
  let inDouble = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x27 /* ' */ && !inDouble) {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close;
    } else if (c === 0x22 /* " */) inDouble = !inDouble;
    else if (c === 0x24 /* $ */ && text.charCodeAt(i + 1) === 0x7b /* { */) {
      open++;
      i++;
    } else if (c === 0x7d /* } */ && !inDouble && open-- === 0) return i;
  }
  return to;
}

function braced(text: string, dollar: number, to: number, depth: number, refs: LexedReference[], data: boolean): number {
  if (depth >= MAX_DEPTH) return Math.min(closingBrace(text, dollar + 2, to) + 1, to);
  let i = dollar + 2;
  // ${#name} (length) and ${!name} (indirection) still name a variable.
  const prefix = text.charCodeAt(i);
  if ((prefix === 0x23 || prefix === 0x21) && isNameStart(text.charCodeAt(i + 1))) i++;
  const nameStart = i;
  while (i < to && isNameChar(text.charCodeAt(i))) i++;
  const nameSpan: Span = { start: nameStart, end: i };
  if (nameSpan.end === nameSpan.start || !isNameStart(text.charCodeAt(nameStart))) {
    // Not a variable we know (`${1}`, `${@}`): skip to the closing brace.
    const close = scan(text, i, to, depth + 1, [], true, data);
    return Math.min(close + 1, to);
  }
  const name = text.slice(nameStart, i);
  if (text.charCodeAt(i) === 0x7d) {
    refs.push({ start: dollar, end: i + 1, name, nameSpan, braced: true, depth });
    return i + 1;
  }
  const operator = OPERATORS.find((op) => text.startsWith(op, i));
  const operatorSpan = operator ? { start: i, end: i + operator.length } : undefined;
  const index = refs.push({ start: dollar, end: to, name, nameSpan, braced: true, depth, operator, operatorSpan }) - 1;
  const argStart = operatorSpan ? operatorSpan.end : i;
  const close = scan(text, argStart, to, depth + 1, refs, true, data);
  const end = Math.min(close + 1, to);
  refs[index] = { ...refs[index], end, argument: operator ? { start: argStart, end: close } : undefined };
  return end;
}
