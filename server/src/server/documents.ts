// The open documents: each version keeps its syntax tree and a text read from that tree. An
// incremental change re-parses only where it touched the tree, and the new version's text shares
// the tree's chunks, so a keystroke never copies the whole text (services/treeTextDocument.ts).

import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver';
import { treeOffsetAt, treeTextDocument } from '../services/treeTextDocument';
import { SyntaxTree } from '../syntax';
import { documentKind, type DocumentKind } from './documentKind';

export class DockerfileDocument {
  readonly text: TextDocument;

  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly tree: SyntaxTree,
    /**
     * A Dockerfile, or a `.dockerignore` (server/documentKind.ts). An ignore file is kept in a tree
     * too: the tree is the text, and it splices a keystroke in as it does for a Dockerfile.
     */
    readonly kind: DocumentKind = documentKind(uri, languageId),
  ) {
    this.text = treeTextDocument(uri, languageId, version, tree);
  }

  static create(uri: string, languageId: string, version: number, content: string): DockerfileDocument {
    return new DockerfileDocument(uri, languageId, version, SyntaxTree.parse(content));
  }

  /**
   * Applies LSP content changes in order, each to the text the one before it made: ranged ones
   * incrementally, whole-text ones by parsing again. `toUtf16` converts a ranged change's positions
   * (given in the negotiated encoding) against the text it applies to.
   */
  update(
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
    toUtf16?: (text: TextDocument, change: TextDocumentContentChangeEvent) => TextDocumentContentChangeEvent,
  ): DockerfileDocument {
    let tree = this.tree;
    let text = this.text;
    for (const given of changes) {
      const change = toUtf16 && 'range' in given ? toUtf16(text, given) : given;
      if ('range' in change) {
        const a = treeOffsetAt(tree, change.range.start);
        const b = treeOffsetAt(tree, change.range.end);
        // A range whose end comes first is taken the other way round, as the text library takes it.
        tree = tree.edit({ start: Math.min(a, b), end: Math.max(a, b), text: change.text });
      } else tree = SyntaxTree.parse(change.text);
      text = treeTextDocument(this.uri, this.languageId, version, tree);
    }
    return new DockerfileDocument(this.uri, this.languageId, version, tree, this.kind);
  }
}

export type DockerfileDocuments = TextDocuments<DockerfileDocument>;
