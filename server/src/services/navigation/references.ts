// textDocument/references: every occurrence of the variable, stage or heredoc delimiter at the
// cursor (see targets.ts for what counts as one variable).

import type { Location, Position } from 'vscode-languageserver-types';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { targetAt } from './targets';

export function findReferences(doc: AnalyzedDocument, position: Position, includeDeclaration: boolean): Location[] | null {
  const target = targetAt(doc, offsetOf(doc, position));
  if (!target) return null;
  return target.occurrences
    .filter((o) => includeDeclaration || o.role !== 'definition')
    .map((o) => ({ uri: doc.uri, range: rangeOf(doc, o.span.start, o.span.end) }));
}
