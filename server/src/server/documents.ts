// The open documents: each keeps its text (vscode-languageserver-textdocument) and its syntax
// tree, and applies every incremental change to both, so the tree is re-parsed only where the
// change touched it.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver';
import { SyntaxTree } from '../syntax';

export class DockerfileDocument {
  private constructor(
    readonly text: TextDocument,
    readonly tree: SyntaxTree,
  ) {}

  static create(uri: string, languageId: string, version: number, content: string): DockerfileDocument {
    return new DockerfileDocument(TextDocument.create(uri, languageId, version, content), SyntaxTree.parse(content));
  }

  /** Applies LSP content changes in order: ranged ones incrementally, whole-text ones by re-parsing. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): DockerfileDocument {
    let tree = this.tree;
    for (const change of changes) {
      if ('range' in change) {
        const start = this.text.offsetAt(change.range.start);
        const end = this.text.offsetAt(change.range.end);
        tree = tree.edit({ start, end, text: change.text });
        TextDocument.update(this.text, [change], version);
      } else {
        TextDocument.update(this.text, [change], version);
        tree = SyntaxTree.parse(change.text);
      }
    }
    // The text library joins the old text and the change lazily; V8 then keeps the whole previous
    // text alive until something reads the new one. Reading a character joins it now (the next
    // update would have paid the same copy), so an idle document never holds two texts.
    this.text.getText().charCodeAt(0);
    return new DockerfileDocument(this.text, tree);
  }

  get uri(): string {
    return this.text.uri;
  }
  get languageId(): string {
    return this.text.languageId;
  }
  get version(): number {
    return this.text.version;
  }
}

export const DOCUMENTS_CONFIGURATION: TextDocumentsConfiguration<DockerfileDocument> = {
  create: DockerfileDocument.create,
  update: (document, changes, version) => document.update(changes, version),
};

export type DockerfileDocuments = TextDocuments<DockerfileDocument>;
