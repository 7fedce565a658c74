import type { DocumentSymbol } from 'vscode-languageserver/node';
import { SymbolInformation } from '../lsp';
import { documentSymbolsJsonOf, getDocumentSymbols, type SymbolOptions } from '../../services/symbols';
import type { Feature } from '../feature';
import { prepared } from '../preparedJson';

/**
 * textDocument/documentSymbol: the stage tree (flat SymbolInformation for clients without
 * hierarchy), limited to `outline.maxItems` symbols. A limited outline is logged once per document,
 * so a user who misses symbols can find out why.
 */
export const symbolsFeature: Feature = {
  name: 'documentSymbol',
  capabilities: () => ({ documentSymbolProvider: true }),
  register({ connection, documents, onDocument, client, preparedJson }) {
    const told = new Set<string>();
    documents.onDidClose((event) => told.delete(event.document.uri));
    connection.onDocumentSymbol((params, token) =>
      onDocument(params.textDocument.uri, token, (doc, settings) => {
        const maxItems = settings.outline.maxItems;
        const options: SymbolOptions = {
          maxItems,
          onLimited: (countOmitted) => {
            if (told.has(doc.uri)) return;
            told.add(doc.uri);
            // Counted after the answer is out: the count walks the whole document, the answer does not.
            setImmediate(() =>
              connection.console.info(
                `The outline of ${doc.uri} lists ${maxItems} symbols and leaves out ${countOmitted()} (setting dockerfile-lsp.outline.maxItems).`,
              ),
            );
          },
        };
        // Where the writer takes it, the answer joins the JSON kept for each stage.
        if (client.hierarchicalSymbols && preparedJson()) return prepared<DocumentSymbol[]>(documentSymbolsJsonOf(doc, options));
        const symbols = getDocumentSymbols(doc, options);
        if (client.hierarchicalSymbols) return symbols;
        const flat: SymbolInformation[] = [];
        const visit = (list: readonly DocumentSymbol[], container?: string): void => {
          for (const s of list) {
            flat.push(SymbolInformation.create(s.name, s.kind, s.range, doc.uri, container));
            if (s.children) visit(s.children, s.name);
          }
        };
        visit(symbols);
        return flat;
      }),
    );
  },
};
