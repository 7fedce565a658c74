// What several best-practice rules share: reporting a span of words of a RUN, and the quick
// fixes that edit a word the diagnostic covers.

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
  const text = doc.text.getText();
  if (text.slice(end - expected.length, end) !== expected) return [];
  const entry = doc.tree.instructionAt(end - 1);
  const run = entry?.node.name === 'ONBUILD' ? entry.node.trigger : entry?.node;
  if (!run || run.json) return [];
  return [quickFix(title, doc, diagnostic, [{ start: end, end, text: insert }], true)];
}
