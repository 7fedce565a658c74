// The `check` configuration of BuildKit's build checks: the `# check=` parser directive (whole
// file) and, since frontend 1.21, `# check=` comments above an instruction (that instruction
// only, merged with the file's). Parsing follows BuildKit's rules exactly:
// - options are `skip=<Rule>[,<Rule>]|all`, `error=<bool>`, `experimental=<Rule>[,<Rule>]|all`,
//   separated by `;` into at most three parts (a fourth `;` stays in the third value);
// - keys and rule names are trimmed; rule names are case-sensitive;
// - an unknown key, a part without `=` or a non-boolean `error` is an error;
// - the value is read up to the first space, so `# check=skip=X // reason` works.
// Frontends 1.8 and 1.9 know only `skip` and `error` and split into at most two parts (the
// `experimental` option of 1.10 added the third), so there `experimental=` is an unknown key.

import type { SyntaxTree } from '../syntax';

export interface CheckConfig {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  readonly experimentalAll: boolean;
  readonly experimental: ReadonlySet<string>;
  /** `error=true`: every check that fires fails the build. */
  readonly error: boolean;
}

const NONE: ReadonlySet<string> = new Set();

export const DEFAULT_CHECK_CONFIG: CheckConfig = { skipAll: false, skip: NONE, experimentalAll: false, experimental: NONE, error: false };

/** A problem in a check value, with offsets into the value. */
export interface CheckOptionError {
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/** What a frontend's check parser accepts. */
export interface CheckOptionSyntax {
  /** The `experimental` option (frontend 1.10 on), and with it a third `;`-separated part. */
  readonly experimental: boolean;
}

export const NEWEST_CHECK_SYNTAX: CheckOptionSyntax = { experimental: true };

export type CheckOptionsResult = { readonly ok: true; readonly config: CheckConfig } | { readonly ok: false; readonly error: CheckOptionError };

// Go's strconv.ParseBool.
const TRUE_WORDS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

function isGoSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
}

function trimmedSpan(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && isGoSpace(text.charCodeAt(start))) start++;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function ruleList(text: string): Set<string> {
  return new Set(text.split(',').map((rule) => rule.trim()));
}

/** The part of a directive or comment value BuildKit reads: up to the first space. */
export function effectiveCheckValue(value: string): string {
  const space = value.indexOf(' ');
  return space < 0 ? value : value.slice(0, space);
}

/** Parses a check value (already cut at the first space) as a frontend with `syntax` does. */
export function parseCheckOptions(value: string, syntax: CheckOptionSyntax = NEWEST_CHECK_SYNTAX): CheckOptionsResult {
  const whole = trimmedSpan(value, 0, value.length);
  if (whole.start === whole.end) return { ok: true, config: DEFAULT_CHECK_CONFIG };
  // Split into at most three parts (two before 1.10), like Go's strings.SplitN(s, ";", n).
  const maxParts = syntax.experimental ? 3 : 2;
  const parts: { start: number; end: number }[] = [];
  let from = whole.start;
  while (parts.length < maxParts - 1) {
    const semicolon = value.indexOf(';', from);
    if (semicolon < 0 || semicolon >= whole.end) break;
    parts.push({ start: from, end: semicolon });
    from = semicolon + 1;
  }
  parts.push({ start: from, end: whole.end });

  let skipAll = false;
  let skip: ReadonlySet<string> = NONE;
  let experimentalAll = false;
  let experimental: ReadonlySet<string> = NONE;
  let error = false;
  for (const part of parts) {
    const text = value.slice(part.start, part.end);
    const equals = text.indexOf('=');
    if (equals < 0) return { ok: false, error: { message: `invalid check option "${text}": expected key=value`, ...part } };
    const keySpan = trimmedSpan(value, part.start, part.start + equals);
    const key = value.slice(keySpan.start, keySpan.end);
    const rawValue = text.slice(equals + 1);
    const optionValue = rawValue.trim();
    switch (key) {
      case 'skip':
        if (optionValue === 'all') skipAll = true;
        else skip = ruleList(optionValue);
        break;
      case 'experimental':
        if (!syntax.experimental) return unknownKey(key, keySpan, part, syntax);
        if (optionValue === 'all') experimentalAll = true;
        else experimental = ruleList(optionValue);
        break;
      case 'error':
        if (TRUE_WORDS.has(optionValue)) error = true;
        else if (FALSE_WORDS.has(optionValue)) error = false;
        else {
          const span = trimmedSpan(value, part.start + equals + 1, part.end);
          return { ok: false, error: { message: `invalid check option "${text.trim()}": error must be true or false`, ...span } };
        }
        break;
      default:
        return unknownKey(key, keySpan, part, syntax);
    }
  }
  return { ok: true, config: { skipAll, skip, experimentalAll, experimental, error } };
}

type Span = { readonly start: number; readonly end: number };

function unknownKey(key: string, keySpan: Span, part: Span, syntax: CheckOptionSyntax): CheckOptionsResult {
  const expected = syntax.experimental ? 'skip, error or experimental' : 'skip or error (experimental needs frontend 1.10)';
  return { ok: false, error: { message: `invalid check option "${key}": expected ${expected}`, ...(key ? keySpan : part) } };
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

/** The file's configuration with an instruction's `# check=` comment added to it. */
export function mergeCheckConfigs(file: CheckConfig, local: CheckConfig): CheckConfig {
  return {
    skipAll: file.skipAll || local.skipAll,
    skip: union(file.skip, local.skip),
    experimentalAll: file.experimentalAll || local.experimentalAll,
    experimental: union(file.experimental, local.experimental),
    error: file.error || local.error,
  };
}

/** Whether a check runs under `config`. Experimental checks run only when opted in, and ignore skip. */
export function isCheckEnabled(config: CheckConfig, name: string, experimental: boolean): boolean {
  if (experimental) return config.experimentalAll || config.experimental.has(name);
  return !(config.skipAll || config.skip.has(name));
}

/** A `check=` option found in a comment or directive, in document offsets. */
export interface CheckComment {
  /** Index of the comment or directive node. */
  readonly nodeIndex: number;
  /** The value as BuildKit reads it (cut at the first space), and where it is. */
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly result: CheckOptionsResult;
}

// `key = value` after the `#`, as BuildKit's directive parser matches it.
const COMMENT_OPTION = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(\S.*?)\s*$/;

/** The `check=` option of a comment's text (the part after `#`), if it is one. */
export function checkOptionOfComment(text: string): { value: string; offset: number } | undefined {
  const hash = text.indexOf('#');
  if (hash < 0 || text.slice(0, hash).trim() !== '') return undefined;
  const body = text.slice(hash + 1);
  const lead = body.length - body.trimStart().length;
  const match = COMMENT_OPTION.exec(body.slice(lead));
  if (!match || match[1].toLowerCase() !== 'check') return undefined;
  const valueOffset = hash + 1 + lead + match[0].indexOf(match[2], match[1].length);
  return { value: effectiveCheckValue(match[2]), offset: valueOffset };
}

/**
 * The comments BuildKit attaches to each instruction (its `PrevComment`): every comment line
 * since the previous instruction, blank lines included, restarted by an empty `#` line. Parser
 * directives are not among them. Calls `visit` for each instruction with the check comments
 * among them; instructions without any are not visited. Linear in the number of comments and the
 * nodes between them and the next instruction.
 */
export function forEachInstructionCheckComments(tree: SyntaxTree, visit: (instructionIndex: number, comments: readonly CheckComment[]) => void): void {
  // Only the runs of nodes from a comment to the next instruction matter; the tree lists its comments.
  let scanned = -1;
  for (const first of tree.commentIndexes()) {
    if (first <= scanned) continue;
    let pending: CheckComment[] = [];
    tree.forEach((node, start, index) => {
      scanned = index;
      if (node.kind === 'instruction') {
        if (pending.length) visit(index, pending);
        return false;
      }
      if (node.kind !== 'comment') return;
      if (node.content === '') {
        pending = [];
        return;
      }
      const lineText = tree.nodeText(index).slice(node.span.start, node.span.end);
      const option = checkOptionOfComment(lineText);
      if (option) {
        const valueStart = start + node.span.start + option.offset;
        pending.push({ nodeIndex: index, value: option.value, valueStart, valueEnd: valueStart + option.value.length, result: parseCheckOptions(option.value) });
      }
    }, first);
  }
}

/** The file-level `# check=` directive, if there is one, parsed as a frontend with `syntax` does. */
export function fileCheckDirective(tree: SyntaxTree, syntax: CheckOptionSyntax = NEWEST_CHECK_SYNTAX): CheckComment | undefined {
  const directive = tree.directives().find((entry) => entry.node.name === 'check');
  if (!directive) return undefined;
  const value = effectiveCheckValue(directive.node.value.text);
  const valueStart = directive.start + directive.node.value.start;
  return { nodeIndex: directive.index, value, valueStart, valueEnd: valueStart + value.length, result: parseCheckOptions(value, syntax) };
}
