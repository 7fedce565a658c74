// The LSP server: negotiates capabilities, keeps the open documents and hands each request to
// the language service. No language knowledge lives here.
import {
  Connection,
  InitializeParams,
  InitializeResult,
  TextDocumentSyncKind,
  TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from './version';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  connection.onInitialize((_params: InitializeParams): InitializeResult => {
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      },
      serverInfo: { name: 'dockerfile-lsp', version: VERSION },
    };
  });

  documents.listen(connection);
  connection.listen();
}
