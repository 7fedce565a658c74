// `.dockerignore` as BuildKit reads it (moby/patternmatcher's ignore-file rules) and the
// matching CopyIgnoredFile needs: is a build-context path, or one of its parent directories,
// excluded?

import type { Location } from 'vscode-languageserver-types';

/** Go's path.Clean for slash-separated paths. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? '/' + joined : joined || '.';
}

/**
 * Go's strings.TrimSpace, which moby/patternmatcher trims lines and patterns with: Unicode white
 * space, which differs from JavaScript's trim in two characters: U+0085 is trimmed, U+FEFF (a byte
 * order mark anywhere but at the start of the file) is not, so `!` then U+FEFF is an exclusion BuildKit takes.
 */
function goTrimSpace(text: string): string {
  const start = leadingGoSpace(text);
  let end = text.length;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** How many characters of Go white space `text` starts with. */
function leadingGoSpace(text: string): number {
  let start = 0;
  while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
  return start;
}

function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/**
 * A pattern of a `.dockerignore` file as BuildKit reads it, with its line (0-based), the line as
 * written, trimmed, and where that trimmed text starts in the file's text (UTF-16 offset).
 */
export interface IgnoreLine {
  readonly pattern: string;
  readonly line: number;
  readonly written: string;
  readonly offset: number;
  /** Where `written` starts on its line (UTF-16; a byte order mark before the first line not counted, as editors drop it). */
  readonly column: number;
}

/**
 * The lines of a `.dockerignore` as Go's line scanner gives them to BuildKit: split at `\n`, a `\r`
 * before it dropped, and a byte order mark at the start of the file dropped; each with the offset
 * of its first character in `text`.
 */
export function physicalLines(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    const newline = text.indexOf('\n', at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end > at && text.charCodeAt(end - 1) === 0x0d && newline >= 0 ? end - 1 : end);
    lines.push({ text: line, offset: at });
    if (newline < 0) return lines;
    at = newline + 1;
  }
}

/** Whether BuildKit reads line `text` of a `.dockerignore` as a comment: only a `#` first on the line. */
function isIgnoreComment(text: string): boolean {
  return text.startsWith('#');
}

/** The patterns of a `.dockerignore` file as BuildKit reads them (comments and blank lines left out). */
export function ignoreLines(text: string): IgnoreLine[] {
  const patterns: IgnoreLine[] = [];
  physicalLines(text).forEach(({ text: line, offset }, index) => {
    // Comments are recognised before trimming, as BuildKit does.
    if (isIgnoreComment(line)) return;
    const written = goTrimSpace(line);
    let pattern = written;
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern.replace(/\\/g, '/'));
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    const column = leadingGoSpace(line);
    patterns.push({ pattern: invert ? '!' + pattern : pattern, line: index, written, offset: offset + column, column });
  });
  return patterns;
}

/** The patterns of a `.dockerignore` file, in order; exclusions keep their leading `!`. */
export function parseDockerignore(text: string): string[] {
  return ignoreLines(text).map((l) => l.pattern);
}

/** A `.dockerignore` pattern BuildKit refuses, which stops every build that sends the build context. */
export interface RefusedIgnorePattern {
  /** 0-based. */
  readonly line: number;
  /** The line as written, trimmed. */
  readonly written: string;
  /** Where `written` starts in the file's text, and on its line. */
  readonly offset: number;
  readonly column: number;
  /** Why, in a clause that follows the pattern. */
  readonly reason: string;
  /**
   * For a pattern only refused when a path is matched against it (a character class Go's regexp
   * package cannot compile): whether a build-context path reaches it, that is, no pattern above it
   * excludes the path. Absent for a pattern refused before anything is read (every build fails).
   */
  readonly reachedBy?: (path: string) => boolean;
}

/** A `.dockerignore` as the rules read it: its patterns, and the first one BuildKit refuses, if any. */
export interface IgnoreFile {
  readonly patterns: readonly string[];
  /** The lines of `patterns`, one for one: where each is written. */
  readonly lines: readonly IgnoreLine[];
  readonly refused?: RefusedIgnorePattern;
}

export function readIgnoreFile(text: string): IgnoreFile {
  const lines = ignoreLines(text);
  // The first pattern refused before anything is read, else the first one refused when a path reaches it.
  const first = refusedLines(lines).find((l) => !l.whenMatched);
  const refused: RefusedIgnorePattern | undefined = first ? { line: first.line, written: first.written, offset: first.offset, column: first.column, reason: first.reason } : refusedWhenMatched(lines);
  return { patterns: lines.map((l) => l.pattern), lines, ...(refused ? { refused } : {}) };
}

let lastRead: { readonly text: string; readonly file: IgnoreFile } | undefined;

/** `readIgnoreFile` of the last text asked for, kept: every diagnostics run and hover of a session reads the same one. */
export function ignoreFileOf(text: string): IgnoreFile {
  if (lastRead?.text !== text) lastRead = { text, file: readIgnoreFile(text) };
  return lastRead.file;
}

let lastMatcher: { readonly patterns: readonly string[]; readonly matcher: IgnoreMatcher | undefined } | undefined;

/** `createIgnoreMatcher` of the last pattern list asked for (the same list while the text is the same, see `ignoreFileOf`). */
export function ignoreMatcherOf(patterns: readonly string[]): IgnoreMatcher | undefined {
  if (lastMatcher?.patterns !== patterns) lastMatcher = { patterns, matcher: createIgnoreMatcher(patterns) };
  return lastMatcher.matcher;
}

/**
 * The first pattern patternmatcher accepts but cannot compile to a regexp, which it does when a path
 * is first matched against it: every path an earlier pattern does not exclude fails the build with
 * filepath.ErrBadPattern. Only before the first `!` exclusion: above one, whether a path reaches the
 * pattern depends on matching this module does not mirror, and an exclusion itself is only tried on
 * paths already excluded.
 */
function refusedWhenMatched(lines: readonly IgnoreLine[]): RefusedIgnorePattern | undefined {
  for (let i = 0; i < lines.length; i++) {
    const { pattern, line, written, offset, column } = lines[i];
    if (pattern.startsWith('!')) return undefined;
    if (written.includes('\\')) continue;
    const reason = regexpRefusal(pattern);
    if (!reason) continue;
    const earlier = createIgnoreMatcher(lines.slice(0, i).map((l) => l.pattern));
    return { line, written, offset, column, reason, reachedBy: (path) => !earlier?.excludes(path) };
  }
  return undefined;
}

/** A line of a `.dockerignore` BuildKit refuses, and why (a clause that follows the pattern). */
export interface RefusedLine extends IgnoreLine {
  readonly reason: string;
  /**
   * Refused only once a path is matched against it (a class Go's regexp package cannot compile),
   * rather than as soon as the builder asks for the context.
   */
  readonly whenMatched: boolean;
}

/** Patterns that take in every path of the context: no path reaches the lines after them. */
export const EVERYTHING = new Set(['*', '**', '**/*']);

/**
 * Every line of the file BuildKit refuses, in order: what the file's own diagnostics show (a build
 * stops at the first). A pattern refused when matched is left out below a pattern that excludes
 * everything, since no path may reach it.
 */
export function refusedLines(lines: readonly IgnoreLine[]): RefusedLine[] {
  const refused: RefusedLine[] = [];
  let everythingAbove = false;
  for (const line of lines) {
    // A backslash is an escape for a client on Linux or macOS and a separator on Windows (readIgnoreFile).
    if (!line.written.includes('\\')) {
      const reason = refusal(line.pattern);
      const late = reason || line.pattern.startsWith('!') || everythingAbove ? undefined : regexpRefusal(line.pattern);
      if (reason || late) refused.push({ ...line, reason: (reason ?? late)!, whenMatched: !reason });
    }
    if (EVERYTHING.has(line.pattern)) everythingAbove = true;
  }
  return refused;
}

/** The names Go's regexp package knows in a class as `[:name:]` (or `[:^name:]`). */
const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);

/**
 * Why Go's regexp.Compile refuses the regexp patternmatcher makes of a pattern filepath.Match
 * accepts: a range whose end comes before its start (`[z-a]`, or `[a-.]`, whose `.` is escaped
 * and compared as a character), or a `[:name:]` Go does not know. The classes are read as Go's
 * parser reads the regexp, which differs from filepath.Match's reading.
 */
function regexpRefusal(pattern: string): string | undefined {
  const source = Array.from(translate(pattern).source);
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] !== '[') continue;
    let j = i + 1;
    if (source[j] === '^') j++;
    for (let first = true; j < source.length && (source[j] !== ']' || first); first = false) {
      if (source[j] === '[' && source[j + 1] === ':') {
        // Go looks for the `:]` anywhere after, even past the class.
        let end = j + 2;
        while (end + 1 < source.length && !(source[end] === ':' && source[end + 1] === ']')) end++;
        if (end + 1 < source.length) {
          const name = source.slice(j + 2, end).join('');
          if (!POSIX_CLASSES.has(name.startsWith('^') ? name.slice(1) : name)) {
            return `names a character class Go does not have, \`[:${name}:]\` ${SYNTAX_ERROR}`;
          }
          j = end + 2;
          continue;
        }
      }
      const lo = classChar(source, j);
      j = lo.next;
      if (source[j] === '-' && j + 1 < source.length && source[j + 1] !== ']') {
        const hi = classChar(source, j + 1);
        if (hi.char.codePointAt(0)! < lo.char.codePointAt(0)!) {
          return `has a character range that runs backwards, \`${lo.char}-${hi.char}\`, which Go's regular expressions refuse ${SYNTAX_ERROR}`;
        }
        j = hi.next;
      }
    }
    i = j;
  }
  return undefined;
}

/** The character of a class at `at` (after a `\\`, the one escaped) and where the next one starts. */
function classChar(source: readonly string[], at: number): { char: string; next: number } {
  return source[at] === '\\' && at + 1 < source.length ? { char: source[at + 1], next: at + 2 } : { char: source[at] ?? '', next: at + 1 };
}

/**
 * Why moby/patternmatcher.New refuses a pattern (as the ignore file gave it): a bare `!` (also what
 * `!/` cleans to), or a pattern Go's filepath.Match calls malformed, which it checks whole: a
 * character class `[…]` that is never closed, empty, or starts with `-` or `]` (`[]a]` too, unlike
 * a shell), or a range without its end (`[a-]`). Patterns without backslashes only (readIgnoreFile).
 */
function refusal(given: string): string | undefined {
  const pattern = cleanPath(given);
  if (pattern === '!') return 'excludes nothing: an exclusion needs a pattern after its `!` (BuildKit: "illegal exclusion pattern")';
  const chars = Array.from(pattern.startsWith('!') ? pattern.slice(1) : pattern);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '[') continue;
    let j = i + 1;
    if (chars[j] === '^') j++;
    for (let ranges = 0; ; ranges++) {
      if (chars[j] === ']' && ranges > 0) break;
      if (j >= chars.length) return UNCLOSED;
      if (chars[j] === '-' || chars[j] === ']') return MALFORMED_CLASS;
      j++;
      if (chars[j] === '-') {
        j++;
        if (j >= chars.length) return UNCLOSED;
        if (chars[j] === '-' || chars[j] === ']') return MALFORMED_CLASS;
        j++;
      }
      if (j >= chars.length) return UNCLOSED;
    }
    i = j;
  }
  return undefined;
}

const SYNTAX_ERROR = '(BuildKit: "syntax error in pattern")';
const UNCLOSED = `opens a character class with \`[\` and never closes it with \`]\` ${SYNTAX_ERROR}`;
const MALFORMED_CLASS = `has a character class that Go's patterns cannot read: it is empty, or a \`-\` or \`]\` stands where a character should ${SYNTAX_ERROR}`;

type Matcher = (path: string) => boolean;

/** What patternmatcher escapes (`^` is not: in a class it negates it, as in filepath.Match). */
const REGEXP_SPECIAL = new Set(['.', '$', '+', '(', ')', '|', '{', '}']);

type MatchKind = 'exact' | 'prefix' | 'suffix' | 'regexp';

/** patternmatcher's translation of a pattern: how it matches, and the regexp (without `^`, `$`) when by one. */
function translate(pattern: string): { kind: MatchKind; source: string } {
  let source = '';
  let kind: MatchKind = 'exact';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        const atStart = i === 0;
        i++;
        if (chars[i + 1] === '/') i++;
        if (i + 1 >= chars.length) {
          if (kind === 'exact') kind = 'prefix';
          else {
            source += '.*';
            kind = 'regexp';
          }
        } else {
          source += '(.*/)?';
          kind = 'regexp';
        }
        if (atStart) kind = 'suffix';
      } else {
        source += '[^/]*';
        kind = 'regexp';
      }
    } else if (ch === '?') {
      source += '[^/]';
      kind = 'regexp';
    } else if (REGEXP_SPECIAL.has(ch)) {
      source += '\\' + ch;
    } else if (ch === '\\') {
      if (i + 1 < chars.length) {
        i++;
        source += /[A-Za-z0-9_]/.test(chars[i]) ? chars[i] : '\\' + chars[i];
        kind = 'regexp';
      } else {
        source += '\\\\';
      }
    } else if (ch === '[' || ch === ']') {
      source += ch;
      kind = 'regexp';
    } else {
      source += ch;
    }
  }
  return { kind, source };
}

/** One pattern as a predicate on slash-separated paths (patternmatcher's translation to a regexp). */
function compilePattern(pattern: string): Matcher | undefined {
  const { kind, source } = translate(pattern);
  switch (kind) {
    case 'exact':
      return (path) => path === pattern;
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return (path) => path.startsWith(prefix);
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      return (path) => path.endsWith(suffix) || (suffix.startsWith('/') && path === suffix.slice(1));
    }
    case 'regexp': {
      let regexp: RegExp;
      try {
        regexp = new RegExp(`^${source}$`);
      } catch {
        return undefined;
      }
      return (path) => regexp.test(path);
    }
  }
}

export interface IgnoreMatcher {
  /** Whether a build-context path (as written in COPY/ADD) is excluded, itself or through a parent. */
  excludes(source: string): boolean;
  /** The index (among the patterns given) of the first pattern that excludes the path, if one does. */
  excludedBy(source: string): number | undefined;
}

/**
 * A matcher for the patterns, or undefined when the check cannot be decided: a `!` exclusion
 * makes BuildKit skip the check entirely, and so do we.
 */
export function createIgnoreMatcher(patterns: readonly string[]): IgnoreMatcher | undefined {
  const compiled: { matches: Matcher; pattern: string; index: number }[] = [];
  for (let index = 0; index < patterns.length; index++) {
    const pattern = goTrimSpace(patterns[index]);
    if (pattern === '') continue;
    if (pattern.startsWith('!')) return undefined;
    const matches = compilePattern(cleanPath(pattern));
    if (matches) compiled.push({ matches, pattern: cleanPath(pattern), index });
  }
  if (!compiled.length) return undefined;
  const excludedBy = (source: string): number | undefined => {
    const path = cleanPath(source.replace(/^\/+/, '')).replace(/^\.\//, '');
    // The whole context is only excluded by a pattern that matches everything.
    if (path === '.' || path === '') return compiled.find(({ pattern }) => EVERYTHING.has(pattern))?.index;
    const parents = path.split('/').slice(0, -1);
    for (const { matches, index } of compiled) {
      if (matches(path)) return index;
      for (let i = 1; i <= parents.length; i++) if (matches(parents.slice(0, i).join('/'))) return index;
    }
    return undefined;
  };
  return { excludedBy, excludes: (source) => excludedBy(source) !== undefined };
}

/** Where a line of the `.dockerignore` at `uri` is written: the pattern's text on its line. */
export function ignoreLineLocation(uri: string, line: Pick<IgnoreLine, 'line' | 'column' | 'written'>): Location {
  return { uri, range: { start: { line: line.line, character: line.column }, end: { line: line.line, character: line.column + line.written.length } } };
}
