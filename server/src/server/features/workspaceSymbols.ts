import type { SymbolInformation } from 'vscode-languageserver/node';
import { getWorkspaceSymbols } from '../../services/workspaceSymbols';
import { appendAll } from '../../syntax';
import type { Feature } from '../feature';

/** workspace/symbol over the open documents: named stages and ARGs, fuzzy-matched by name. */
export const workspaceSymbolsFeature: Feature = {
  name: 'workspaceSymbols',
  capabilities: () => ({ workspaceSymbolProvider: true }),
  register({ connection, documents, onDocument }) {
    connection.onWorkspaceSymbol((params, token) => {
      const symbols: SymbolInformation[] = [];
      for (const document of documents.all()) {
        // onDocument converts positions for each document and keeps one failing document from
        // hiding the others' symbols.
        const result = onDocument(document.uri, token, (doc) => getWorkspaceSymbols(doc, params.query));
        if (Array.isArray(result)) appendAll(symbols, result);
        else if (result && token.isCancellationRequested) return result;
      }
      return symbols;
    });
  },
};
