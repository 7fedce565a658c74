// An open document as the server keeps it, for the incremental property tests: one TextDocument,
// and a new tree and analysis per version, each analysed from the previous one (so every cache that
// keys on nodes or model parts is reused where the server would reuse it).
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument, type AnalyzedDocument } from '../../server/src/services/document';
import { SyntaxTree, type TextEdit } from '../../server/src/syntax';

export class OpenDocument {
  readonly text: TextDocument;
  tree: SyntaxTree;
  doc: AnalyzedDocument;

  constructor(source: string) {
    this.text = TextDocument.create('file:///open/Dockerfile', 'dockerfile', 1, source);
    this.tree = SyntaxTree.parse(source);
    this.doc = analyzedDocument(this.text, this.tree);
  }

  /** Applied through positions, as the server gets edits: an offset inside a CRLF moves to its start. */
  edit(offsets: TextEdit): void {
    const range = { start: this.text.positionAt(offsets.start), end: this.text.positionAt(offsets.end) };
    const edit = { start: this.text.offsetAt(range.start), end: this.text.offsetAt(range.end), text: offsets.text };
    this.tree = this.tree.edit(edit);
    TextDocument.update(this.text, [{ range, text: edit.text }], this.text.version + 1);
    this.doc = analyzedDocument(this.text, this.tree, this.doc);
  }
}
