import type { DocumentSymbol } from 'vscode-languageserver/node';
import { SymbolInformation } from '../lsp';
import { getDocumentSymbols } from '../../services/symbols';
import type { Feature } from '../feature';

/** textDocument/documentSymbol: the stage tree (flat SymbolInformation for clients without hierarchy). */
export const symbolsFeature: Feature = {
  name: 'documentSymbol',
  capabilities: () => ({ documentSymbolProvider: true }),
  register({ connection, onDocument, client }) {
    connection.onDocumentSymbol((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) => {
        const symbols = getDocumentSymbols(doc);
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
