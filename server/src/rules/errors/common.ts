// Helpers shared by the error rules: documentation links, spans inside tokens, and the quick
// fixes every error rule offers the same way (a replacement of the diagnostic's range, described
// in Diagnostic.data so the fix needs no second analysis).

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { getFlag, getInstruction, type FlagFact } from '../../facts';
import type { AnalyzedDocument } from '../../services/document';
import type { Flag, InstructionNode, Span, Token } from '../../syntax';
import { TYPOGRAPHIC_QUOTE_CLOSERS } from '../pasted';

export const DOCKERFILE_REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** The reference section of an instruction (the page itself for unknown ones). */
export function instructionUrl(name: string): string {
  return getInstruction(name)?.referenceUrl ?? DOCKERFILE_REFERENCE;
}

/** Whether the builder would substitute variables in this text; values we cannot know are not judged. */
export function hasVariable(text: string): boolean {
  return text.includes('$');
}

/**
 * The span of text[from, to) of a token, when the token maps one to one onto the source (no line
 * continuation or removed quote inside it); otherwise the whole token, which is still right.
 */
export function spanInToken(node: InstructionNode, token: Token, from: number, to: number): Span {
  const direct = token.end - token.start === token.text.length && !node.continuations.some((c) => c.start >= token.start && c.start < token.end);
  if (!direct) return { start: token.start, end: token.end };
  // An empty span widens to the character at `from`, so the diagnostic stays visible.
  const end = to > from ? to : Math.min(from + 1, token.text.length);
  return { start: token.start + from, end: token.start + Math.max(end, from) };
}

/** A quick fix described in Diagnostic.data: replace the diagnostic's range with `newText`. */
export interface FixSpec {
  readonly title: string;
  readonly newText: string;
  /** The fix is the obvious one; editors may apply it with one keystroke. */
  readonly preferred?: boolean;
  /** Also remove the white space after the range (for deleting a word). */
  readonly eatSpace?: boolean;
  /** Replace only part of the range: `length` characters from `offset` after its start. */
  readonly offset?: number;
  readonly length?: number;
}

/** Diagnostic.data carrying quick fixes. */
export function withFixes(...fixes: (FixSpec | undefined)[]): { fixes: FixSpec[] } | undefined {
  const list = fixes.filter((f): f is FixSpec => f !== undefined);
  return list.length ? { fixes: list } : undefined;
}

function isFixSpec(value: unknown): value is FixSpec {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.title === 'string' && typeof v.newText === 'string';
}

/** The `fixes` hook of every error rule: the code actions described in the diagnostic's data. */
export function fixesFromData(diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const data = diagnostic.data as { fixes?: unknown } | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  const tree = doc.tree;
  return data.fixes.filter(isFixSpec).map((fix) => {
    let start = doc.text.offsetAt(diagnostic.range.start);
    let end = doc.text.offsetAt(diagnostic.range.end);
    if (typeof fix.offset === 'number' && typeof fix.length === 'number') {
      start += fix.offset;
      end = start + fix.length;
    }
    if (fix.eatSpace) while (tree.charCodeAt(end) === 0x20 || tree.charCodeAt(end) === 0x09) end++;
    const range = { start: doc.text.positionAt(start), end: doc.text.positionAt(end) };
    const edit: TextEdit = { range, newText: fix.newText };
    const action: CodeAction = {
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [doc.uri]: [edit] } },
    };
    if (fix.preferred) action.isPreferred = true;
    return action;
  });
}

/** `a`, `a or b`, `a, b or c`, for messages. */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * Whether BuildKit reads this instruction's flags at all. ARG and STOPSIGNAL never look at them,
 * and `HEALTHCHECK NONE` stops before it does, so flags there are silently ignored.
 */
export function flagsAreChecked(node: InstructionNode): boolean {
  if (!getInstruction(node.name)) return false;
  if (node.name === 'ARG' || node.name === 'STOPSIGNAL') return false;
  return !(node.name === 'HEALTHCHECK' && node.healthcheckType?.text.toUpperCase() === 'NONE');
}

const NO_CHECKED_FLAGS: readonly { flag: Flag; fact: FlagFact }[] = Object.freeze([]);

/**
 * The flags of an instruction that BuildKit reads, each with its fact; unknown flags are left out.
 * A list, not a generator: six rules ask for every instruction, and most instructions have no flags.
 */
export function checkedFlags(node: InstructionNode): readonly { flag: Flag; fact: FlagFact }[] {
  if (node.flags.length === 0 || !flagsAreChecked(node)) return NO_CHECKED_FLAGS;
  const checked: { flag: Flag; fact: FlagFact }[] = [];
  for (const flag of node.flags) {
    const fact = getFlag(node.name, flag.name.text);
    if (fact && fact.name === flag.name.text) checked.push({ flag, fact });
  }
  return checked;
}

/** The quotes a string may open with in an array written almost as JSON, each with what closes it. */
const ALMOST_QUOTES: ReadonlyMap<string, string> = new Map([['"', '"'], ["'", "'"], ...TYPOGRAPHIC_QUOTE_CLOSERS]);

/**
 * The strings of an array written almost as JSON: strings in single, double or typographic quotes
 * (`ALMOST_QUOTES`), separated by commas or only by white space, maybe with a comma after the last.
 * Undefined when the text is something else, or when its meaning is unclear: a double-quoted string
 * with a backslash, or strings with nothing between them (the shell reads `['it''s']` as one word, `[its]`).
 */
export function lenientStringArray(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return undefined;
  const out: string[] = [];
  let i = 1;
  const end = trimmed.length - 1;
  const skipSpace = (): void => {
    while (i < end && /\s/.test(trimmed[i])) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= end) return out;
    const closers = ALMOST_QUOTES.get(trimmed[i]);
    if (closers === undefined) return undefined;
    let close = i + 1;
    while (close < end && !closers.includes(trimmed[close])) close++;
    if (close >= end) return undefined;
    const value = trimmed.slice(i + 1, close);
    if (value.includes('\\')) return undefined;
    out.push(value);
    i = close + 1;
    const afterString = i;
    skipSpace();
    if (trimmed[i] === ',') i++;
    else if (i < end && (i === afterString || !ALMOST_QUOTES.has(trimmed[i]))) return undefined;
  }
}
