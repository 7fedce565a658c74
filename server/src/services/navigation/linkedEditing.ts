// textDocument/linkedEditingRange: a heredoc's delimiter word after `<<` and on its terminator line
// edit together, as an HTML tag's opening and closing names do (VS Code: `editor.linkedEditing`).
// Only where both read the same text: a plain or wholly quoted marker (`<<EOF`, `<<-"EOF"`); a
// partly quoted or escaped marker (`<<E"O"F`) is written differently from its terminator, and an
// unterminated heredoc has nothing to link.

import type { Position, Range } from 'vscode-languageserver-types';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { targetAt } from './targets';

/**
 * What the delimiter may become while the two stay linked. Unquoted, a word the shell reads as
 * one plain word, not starting with `-` (after `<<` that makes `<<-`, whose terminator has no
 * dash); inside quotes, anything but that quote. (VS Code stops linking the ranges once an edit
 * leaves the pattern, so typing a space ends a plain marker's link, as it ends the word.)
 */
const PLAIN_WORD = String.raw`[^\s"'\\<>|&;()$\x60-][^\s"'\\<>|&;()$\x60]*`;
const IN_QUOTES: Record<string, string> = { '"': String.raw`[^"\\\n]+`, "'": String.raw`[^'\n]+` };

/** LSP's LinkedEditingRanges (a protocol type; the services read only vscode-languageserver-types). */
export interface LinkedRanges {
  readonly ranges: Range[];
  readonly wordPattern?: string;
}

export function getLinkedEditingRanges(doc: AnalyzedDocument, position: Position): LinkedRanges | null {
  const target = targetAt(doc, offsetOf(doc, position));
  if (target?.kind !== 'heredoc' || target.occurrences.length !== 2) return null;
  const [marker, terminator] = target.occurrences;
  const written = doc.tree.slice(marker.span.start, marker.span.end);
  if (written !== doc.tree.slice(terminator.span.start, terminator.span.end)) return null;
  const before = doc.tree.slice(marker.span.start - 1, marker.span.start);
  return {
    ranges: [rangeOf(doc, marker.span.start, marker.span.end), rangeOf(doc, terminator.span.start, terminator.span.end)],
    wordPattern: IN_QUOTES[before] ?? PLAIN_WORD,
  };
}
