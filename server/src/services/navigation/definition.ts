// textDocument/definition: from a variable use to the ARG or ENV it resolves to (from a stage
// `ARG NAME` to the global ARG it takes its value from), from a stage reference to the stage's
// `AS` name (or its FROM when it has none), from a heredoc terminator to its marker.

import type { Location, Position } from 'vscode-languageserver-types';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { laterStageNamedBy } from '../../rules/errors/stageGraph';
import { stageDefinition, targetAt } from './targets';

export function findDefinition(doc: AnalyzedDocument, position: Position): Location[] | null {
  const offset = offsetOf(doc, position);
  const target = targetAt(doc, offset);
  if (!target || target.definitions.length === 0) return laterStageDefinition(doc, offset);
  return target.definitions.map((d) => ({ uri: doc.uri, range: rangeOf(doc, d.span.start, d.span.end) }));
}

/** A `--from` naming a stage further down (an error for COPY, fine for a mount) still leads to that stage. */
function laterStageDefinition(doc: AnalyzedDocument, offset: number): Location[] | null {
  const reference = doc.model.stageReferenceAt(offset);
  const stage = reference && !reference.stage ? laterStageNamedBy(doc.model, reference) : undefined;
  if (!stage) return null;
  const { span } = stageDefinition(stage);
  return [{ uri: doc.uri, range: rangeOf(doc, span.start, span.end) }];
}
