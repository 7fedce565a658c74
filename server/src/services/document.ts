// What every feature works on: one version of a document with its syntax tree and (lazily) its
// semantic model. Positions are LSP positions in UTF-16 code units; the server converts them when
// a client negotiated another encoding.

import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, type DockerfileModel } from '../semantics';
import type { SyntaxTree } from '../syntax';

export interface AnalyzedDocument {
  readonly uri: string;
  readonly version: number;
  /** Text and the offset/position mapping. */
  readonly text: TextDocument;
  readonly tree: SyntaxTree;
  /** The semantic model, built on first use and kept for this version. */
  readonly model: DockerfileModel;
}

// For each analysed document, the newest model built for its version or an earlier one: what the
// next version's model reuses unchanged stages from. Never forces a model to be built.
const latestModels = new WeakMap<AnalyzedDocument, () => DockerfileModel | undefined>();

// One object per open document, the same for every version analysed from the one before it: what the
// answers kept from version to version (the diagnostics' caches) are keyed by, and freed with. Each
// version has its own text document, so that cannot be the key.
const lineages = new WeakMap<AnalyzedDocument, object>();

/** The object all versions of this document share, when each was analysed from the one before. */
export function documentLineage(doc: AnalyzedDocument): object {
  let lineage = lineages.get(doc);
  if (!lineage) lineages.set(doc, (lineage = {}));
  return lineage;
}

/**
 * Wraps a text document and its tree; the model is built on first use. With the analysis of an
 * earlier version of the same document, the model reuses the analysis of untouched stages.
 * `lineage` puts a version that is not the editor's next one (what Fix All makes of it) in a line
 * of its own, so the answers kept for the editor's versions are not replaced by its.
 */
export function analyzedDocument(text: TextDocument, tree: SyntaxTree, previous?: AnalyzedDocument, lineage?: object): AnalyzedDocument {
  let model: DockerfileModel | undefined;
  let earlier = previous && latestModels.get(previous)?.();
  const doc: AnalyzedDocument = {
    uri: text.uri,
    version: text.version,
    text,
    tree,
    get model(): DockerfileModel {
      if (!model) {
        model = analyze(tree, earlier);
        earlier = undefined;
      }
      return model;
    },
  };
  latestModels.set(doc, () => model ?? earlier);
  if (lineage) lineages.set(doc, lineage);
  else if (previous) lineages.set(doc, documentLineage(previous));
  return doc;
}

/**
 * The offset where each line of this version starts (the first is 0), for the features that walk
 * the whole document (outline, folds, semantic tokens): the tree keeps it per version, copied from
 * line tables its chunks share with other versions.
 */
export function documentLineStarts(doc: AnalyzedDocument): Int32Array {
  return doc.tree.lineStarts();
}

/**
 * Whether this version's text has a carriage return anywhere: an editor's line break that BuildKit
 * reads inside a line (unless a line feed follows), so passes over a text without one take shortcuts.
 */
export function documentHasCarriageReturns(doc: AnalyzedDocument): boolean {
  return doc.tree.hasCarriageReturns();
}

export function rangeOf(doc: AnalyzedDocument, start: number, end: number): Range {
  return { start: doc.text.positionAt(start), end: doc.text.positionAt(end) };
}

export function offsetOf(doc: AnalyzedDocument, position: Position): number {
  return doc.text.offsetAt(position);
}
