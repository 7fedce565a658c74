// An open document as the server keeps it, for the incremental property tests: a DockerfileDocument
// per version (its tree, and a text read from that tree), each analysed from the previous one, so
// every cache that keys on nodes, model parts or the document's lineage is reused where the server
// would reuse it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DockerfileDocument } from '../../server/src/server/documents';
import { analyzedDocument, type AnalyzedDocument } from '../../server/src/services/document';
import type { SyntaxTree, TextEdit } from '../../server/src/syntax';

export class OpenDocument {
  private document: DockerfileDocument;
  doc: AnalyzedDocument;

  constructor(source: string) {
    this.document = DockerfileDocument.create('file:///open/Dockerfile', 'dockerfile', 1, source);
    this.doc = analyzedDocument(this.document.text, this.document.tree);
  }

  get text(): TextDocument {
    return this.document.text;
  }

  get tree(): SyntaxTree {
    return this.document.tree;
  }

  /** Applied through positions, as the server gets edits: an offset inside a CRLF moves to its start. */
  edit(offsets: TextEdit): void {
    const range = { start: this.text.positionAt(offsets.start), end: this.text.positionAt(offsets.end) };
    this.document = this.document.update([{ range, text: offsets.text }], this.document.version + 1);
    this.doc = analyzedDocument(this.document.text, this.document.tree, this.doc);
  }
}
