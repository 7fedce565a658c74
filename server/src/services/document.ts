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

/** Wraps a text document and its tree; the model is built on first use. */
export function analyzedDocument(text: TextDocument, tree: SyntaxTree): AnalyzedDocument {
  let model: DockerfileModel | undefined;
  return {
    uri: text.uri,
    version: text.version,
    text,
    tree,
    get model(): DockerfileModel {
      return (model ??= analyze(tree));
    },
  };
}

export function rangeOf(doc: AnalyzedDocument, start: number, end: number): Range {
  return { start: doc.text.positionAt(start), end: doc.text.positionAt(end) };
}

export function offsetOf(doc: AnalyzedDocument, position: Position): number {
  return doc.text.offsetAt(position);
}
