// Variable references in the text a Windows shell runs: PowerShell's and cmd.exe's, whose syntax
// is not the POSIX shell's. BuildKit expands nothing in that text either; the shell does, and in
// these languages the environment (where ARG and ENV values are) is read with `$env:NAME` or
// `${env:NAME}` (PowerShell) and `%NAME%` (cmd). A PowerShell `$name` is a variable of the script,
// never the environment's; cmd reads no `$` at all. Lenient scans that never fail.

import type { Span, WindowsShell } from './nodes';
import type { LexedReference } from './shellLexer';

export interface WindowsShellReference extends LexedReference {
  /** A PowerShell variable of the script itself (`$name`, `$script:name`), not an environment variable. */
  readonly local?: true;
}

function isNameChar(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Characters after which a `#` starts a PowerShell comment (it must begin a token). */
function endsToken(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b || c === 0x7c || c === 0x26 || c === 0x28 || c === 0x7b || c === 0x7d;
}

function endOfLine(text: string, from: number, to: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 || newline >= to ? to : newline;
}

const HERE_STRING_OPENING = /['"][ \t]*\r?\n/y;

/** Whether `@` at `at - 1` opens a here-string: a quote, then the end of the line. */
function opensHereString(text: string, at: number): boolean {
  HERE_STRING_OPENING.lastIndex = at;
  return HERE_STRING_OPENING.test(text);
}

/** Where a here-string that opens at `from` (`@'` or `@"` and a line break) ends: after its closing `'@` or `"@` line. */
function hereStringEnd(text: string, from: number, to: number, quote: string): number {
  const close = text.indexOf(`\n${quote}@`, from + 2);
  return close < 0 || close + 3 > to ? to : close + 3;
}

/** Scans PowerShell text `text[from, to)`; spans in the result are offsets into `text`. */
export function scanPowerShellVariables(text: string, from: number, to: number): WindowsShellReference[] {
  const refs: WindowsShellReference[] = [];
  scanPowerShell(text, from, to, false, refs);
  return refs;
}

/** `expandableOnly`: inside a `@"…"@` here-string, where quotes are text and variables expand. */
function scanPowerShell(text: string, from: number, to: number, expandableOnly: boolean, refs: WindowsShellReference[]): void {
  let i = from;
  let inDouble = false;
  while (i < to) {
    const c = text.charCodeAt(i);
    // The backtick is PowerShell's escape character, in strings too.
    if (c === 0x60 /* ` */) {
      i += 2;
      continue;
    }
    if (!inDouble && !expandableOnly) {
      if (c === 0x27 /* ' */) {
        // Verbatim text; `''` inside is an escaped quote, which reads as a close and a reopen.
        const close = text.indexOf("'", i + 1);
        i = close < 0 || close >= to ? to : close + 1;
        continue;
      }
      if (c === 0x40 /* @ */ && opensHereString(text, i + 1)) {
        const quote = text[i + 1];
        const end = hereStringEnd(text, i, to, quote);
        if (quote === '"') scanPowerShell(text, i + 2, end, true, refs);
        i = end;
        continue;
      }
      if (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x23 /* # */) {
        const close = text.indexOf('#>', i + 2);
        i = close < 0 || close >= to ? to : close + 2;
        continue;
      }
      if (c === 0x23 /* # */ && (i === from || endsToken(text.charCodeAt(i - 1)))) {
        i = endOfLine(text, i, to);
        continue;
      }
    }
    if (c === 0x22 /* " */ && !expandableOnly) {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c !== 0x24 /* $ */) {
      i++;
      continue;
    }
    i = text.charCodeAt(i + 1) === 0x7b /* { */ ? bracedVariable(text, i, to, refs) : plainVariable(text, i, to, refs);
  }
}

/** `${name}`, `${env:NAME}`: any text up to the `}` (a backtick escapes one). Returns where scanning goes on. */
function bracedVariable(text: string, dollar: number, to: number, refs: WindowsShellReference[]): number {
  let close = dollar + 2;
  while (close < to && text.charCodeAt(close) !== 0x7d /* } */) close += text.charCodeAt(close) === 0x60 ? 2 : 1;
  if (close >= to) return to;
  const content = text.slice(dollar + 2, close);
  if (content.length > 4 && content.slice(0, 4).toLowerCase() === 'env:') {
    refs.push(reference(text, dollar, close + 1, { start: dollar + 6, end: close }, true, false));
  } else if (content.length > 0) {
    refs.push(reference(text, dollar, close + 1, { start: dollar + 2, end: close }, true, true));
  }
  return close + 1;
}

/** `$name`, `$scope:name`, `$env:NAME`; any other `$` (`$(`, `$$`, `$?`) is passed over. */
function plainVariable(text: string, dollar: number, to: number, refs: WindowsShellReference[]): number {
  let end = dollar + 1;
  while (end < to && isNameChar(text.charCodeAt(end))) end++;
  if (end === dollar + 1) return dollar + 1;
  if (text.charCodeAt(end) === 0x3a /* : */ && end + 1 < to && isNameChar(text.charCodeAt(end + 1))) {
    const scope = text.slice(dollar + 1, end);
    let nameEnd = end + 1;
    while (nameEnd < to && isNameChar(text.charCodeAt(nameEnd))) nameEnd++;
    // `$env:NAME` reads the environment; other scopes (`$script:x`, `$global:x`) name the script's variables.
    const environment = scope.toLowerCase() === 'env';
    refs.push(reference(text, dollar, nameEnd, environment ? { start: end + 1, end: nameEnd } : { start: dollar + 1, end: nameEnd }, false, !environment));
    return nameEnd;
  }
  refs.push(reference(text, dollar, end, { start: dollar + 1, end }, false, true));
  return end;
}

function reference(text: string, start: number, end: number, nameSpan: Span, braced: boolean, local: boolean): WindowsShellReference {
  const name = text.slice(nameSpan.start, nameSpan.end);
  return local ? { start, end, name, nameSpan, braced, depth: 0, local: true } : { start, end, name, nameSpan, braced, depth: 0 };
}

/** A name cmd expands between percent signs (`%ProgramFiles(x86)%` included); `%X:~0,3%` and `%X:a=b%` are left out. */
const CMD_NAME = /^[A-Za-z_][A-Za-z0-9_()]*$/;

/**
 * Scans cmd.exe text `text[from, to)` for `%NAME%`. cmd replaces percent references before it reads
 * quotes or carets, so both are ignored here. Where the text between two `%` is no name, the second
 * one may open a reference, as in cmd, which leaves an unknown `%` where it is.
 */
export function scanCmdVariables(text: string, from: number, to: number): WindowsShellReference[] {
  const refs: WindowsShellReference[] = [];
  let i = from;
  while (i < to) {
    const open = text.indexOf('%', i);
    if (open < 0 || open >= to) break;
    const close = text.indexOf('%', open + 1);
    if (close < 0 || close >= to) break;
    const name = text.slice(open + 1, close);
    if (CMD_NAME.test(name)) {
      refs.push({ start: open, end: close + 1, name, nameSpan: { start: open + 1, end: close }, braced: true, depth: 0 });
      i = close + 1;
    } else i = close;
  }
  return refs;
}

export function scanWindowsShellVariables(shell: WindowsShell, text: string, from: number, to: number): WindowsShellReference[] {
  return shell === 'powershell' ? scanPowerShellVariables(text, from, to) : scanCmdVariables(text, from, to);
}

/** The program an argument names: its last path component, without `.exe`. */
export function programName(value: string): string {
  return value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1).replace(/\.exe$/i, '');
}

/** The Windows shell a program is (`powershell`, `pwsh`, `cmd`, with any path and `.exe`), if it is one. */
export function windowsShellOf(program: string): WindowsShell | undefined {
  const name = programName(program).toLowerCase();
  return name === 'powershell' || name === 'pwsh' ? 'powershell' : name === 'cmd' ? 'cmd' : undefined;
}
