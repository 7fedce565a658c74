// What several best-practice rules share: reporting a span of words of a RUN, and the quick
// fixes that insert an option into a shell-form RUN.

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import { quickFix } from '../checks/support/fixes';
import type { Span } from '../../syntax';

/** From the start of the first word to the end of the last. */
export function spanOf(first: Span, last: Span = first): Span {
  return { start: first.start, end: last.end };
}

/**
 * A fix that inserts `insert` right after the diagnostic's range, offered only while the range
 * still covers `expected` at its end in the current text, outside a JSON (exec-form) RUN.
 */
export function insertAfterRange(title: string, insert: string, expected: string, diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const end = doc.text.offsetAt(diagnostic.range.end);
  if (doc.tree.slice(end - expected.length, end) !== expected) return [];
  return insertInShellRun(title, insert, end, diagnostic, doc);
}

/** A fix that inserts `insert` at `offset`, inside a shell-form RUN (exec form has no words to add to). */
export function insertInShellRun(title: string, insert: string, offset: number, diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const entry = doc.tree.instructionAt(Math.max(0, offset - 1));
  const run = entry?.node.name === 'ONBUILD' ? entry.node.trigger : entry?.node;
  if (!run || run.json) return [];
  return [quickFix(title, doc, diagnostic, [{ start: offset, end: offset, text: insert }], true)];
}
