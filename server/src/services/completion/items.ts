// Building completion items: every item replaces the text typed so far (an exact range), or the
// whole word when the cursor is inside one, sorts by the order its context gives, and carries a
// small `data` key that completionItem/resolve turns into documentation from the facts.

import { CompletionItemTag, InsertTextFormat, type CompletionItem, type CompletionItemKind, type MarkupContent } from 'vscode-languageserver-types';
import { rangeOf, type AnalyzedDocument } from '../document';
import type { DocFormat } from '../markup';

/** What completionItem/resolve needs to find an item's documentation again. */
export type ResolveData =
  | { readonly k: 'instruction'; readonly key: string }
  | { readonly k: 'flag'; readonly i: string; readonly key: string }
  | { readonly k: 'flag-value'; readonly i: string; readonly f: string; readonly key: string }
  | { readonly k: 'mount-type'; readonly key: string }
  | { readonly k: 'mount-option'; readonly t: string; readonly key: string }
  | { readonly k: 'mount-value'; readonly t: string; readonly o: string; readonly key: string }
  | { readonly k: 'directive'; readonly key: string }
  | { readonly k: 'directive-value'; readonly d: string; readonly key: string }
  | { readonly k: 'check-option'; readonly key: string }
  | { readonly k: 'check-rule'; readonly key: string }
  | { readonly k: 'hadolint-code'; readonly key: string }
  | { readonly k: 'arg'; readonly key: string }
  | { readonly k: 'signal'; readonly key: string }
  | { readonly k: 'image'; readonly key: string }
  | { readonly k: 'label'; readonly key: string }
  | { readonly k: 'protocol'; readonly key: string }
  | { readonly k: 'git-query'; readonly key: string };

export interface CompletionRequest {
  readonly doc: AnalyzedDocument;
  readonly offset: number;
  /** The client inserts snippets (`${1:name}`). */
  readonly snippets: boolean;
  /** Asked for explicitly (Ctrl+Space), not because a trigger character was typed. */
  readonly invoked: boolean;
  /** The format of documentation filled in directly (not through resolve). */
  readonly format: DocFormat;
  /** The client takes InsertReplaceEdits. */
  readonly insertReplace?: boolean;
}

export interface ItemOptions {
  /** What the word being completed is made of, for the replace range: a variable name stops at `-`, `.`, `/`. */
  readonly word?: WordKind;
  readonly snippet?: boolean;
  readonly detail?: string;
  readonly documentation?: MarkupContent;
  readonly data?: ResolveData;
  readonly deprecated?: boolean;
  readonly filterText?: string;
}

/** An item replacing document text [from, request.offset) with `newText`; `rank` orders the list. */
export function item(
  request: CompletionRequest,
  label: string,
  kind: CompletionItemKind,
  from: number,
  newText: string,
  rank: number,
  options: ItemOptions = {},
): CompletionItem {
  const insert = rangeOf(request.doc, from, request.offset);
  // Completing inside a word: clients that can choose insert the item up to the cursor, or
  // replace the whole word (VS Code's editor.suggest.insertMode). Others get the whole word, as
  // inserting would leave its tail after the item (`CO|PY` giving `COPYPY`); the range stays on
  // the line and contains the cursor, as the protocol asks.
  const wordRest = restOfWordLength(request, options.word ?? 'word');
  const replace = wordRest > 0 ? rangeOf(request.doc, from, request.offset + wordRest) : undefined;
  const result: CompletionItem = {
    label,
    kind,
    sortText: String(rank).padStart(4, '0'),
    textEdit: replace === undefined ? { range: insert, newText } : request.insertReplace ? { newText, insert, replace } : { range: replace, newText },
  };
  if (options.filterText !== undefined) result.filterText = options.filterText;
  if (options.snippet) result.insertTextFormat = InsertTextFormat.Snippet;
  if (options.detail !== undefined) result.detail = options.detail;
  if (options.documentation !== undefined) result.documentation = options.documentation;
  if (options.deprecated) result.tags = [CompletionItemTag.Deprecated];
  if (options.data !== undefined) result.data = options.data;
  return result;
}

/**
 * `name`: a variable name. `word`: most of what completion offers, whose words also hold `.` (label
 * keys, stage names), `/` and `:` (platforms, image references), `+` and `@`. `text`: a directive
 * value, which runs to white space (the escape directive's value is `\` or a backtick).
 */
export type WordKind = 'word' | 'name' | 'text';

const WORD_REST: Readonly<Record<WordKind, RegExp>> = { word: /^[A-Za-z0-9_.\-/:+@]*/, name: /^[A-Za-z0-9_]*/, text: /^\S*/ };

/** restOfWordAt's length, read once per request and word kind: every item of a list asks. */
const restLengths = new WeakMap<CompletionRequest, Partial<Record<WordKind, number>>>();

function restOfWordLength(request: CompletionRequest, kind: WordKind): number {
  let lengths = restLengths.get(request);
  if (!lengths) restLengths.set(request, (lengths = {}));
  return (lengths[kind] ??= restOfWordAt(request, kind).length);
}

/** The rest of the word being completed, right after the cursor: what a "replace" edit also covers. */
export function restOfWordAt(request: CompletionRequest, kind: WordKind = 'word'): string {
  return WORD_REST[kind].exec(request.doc.tree.slice(request.offset, request.offset + 200))![0];
}

/**
 * The character right after the word being completed. An item whose text would end with what is
 * already there (`=` after a flag or key, `}` after a variable name) leaves that part out.
 */
export function charAfterWord(request: CompletionRequest, kind: WordKind = 'word'): string {
  const at = request.offset + restOfWordAt(request, kind).length;
  return request.doc.tree.slice(at, at + 1);
}

/** Escapes text for use inside an LSP snippet. */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/**
 * The text after the cursor up to the next white space (the rest of the word being edited), without
 * the escape character of a line continuation that ends it.
 */
export function restOfWord(doc: AnalyzedDocument, offset: number): string {
  const line = doc.tree.slice(offset, offset + 400);
  const word = /^[^\s]*/.exec(line)![0];
  const escape = doc.tree.escape;
  return word.endsWith(escape) && /^[^\S\r\n]*(\r?\n|$)/.test(line.slice(word.length)) ? word.slice(0, -1) : word;
}
