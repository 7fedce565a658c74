// textDocument/definition: from a variable use to the ARG or ENV it resolves to (from a stage
// `ARG NAME` to the global ARG it takes its value from), from a stage reference to the stage's
// `AS` name (or its FROM when it has none), from a heredoc terminator to its marker.

import type { Location, Position } from 'vscode-languageserver-types';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { targetAt } from './targets';

export function findDefinition(doc: AnalyzedDocument, position: Position): Location[] | null {
  const offset = offsetOf(doc, position);
  const target = targetAt(doc, offset);
  if (!target || target.definitions.length === 0) return null;
  return target.definitions.map((d) => ({ uri: doc.uri, range: rangeOf(doc, d.span.start, d.span.end) }));
}
