// textDocument/documentHighlight: the occurrences of what is under the cursor; declarations,
// stage names and heredoc markers are writes, everything else reads.

import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver-types';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { targetAt } from './targets';

export function getDocumentHighlights(doc: AnalyzedDocument, position: Position): DocumentHighlight[] | null {
  const target = targetAt(doc, offsetOf(doc, position));
  if (!target) return null;
  return target.occurrences.map((o) => ({
    range: rangeOf(doc, o.span.start, o.span.end),
    kind: o.role === 'definition' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
  }));
}
