// Definition, references, document highlight and rename (with prepareRename) for variables,
// stage names and heredoc delimiters; linked editing of a heredoc's two delimiter words.

import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { ErrorCodes, ResponseError, TextDocumentEdit } from '../lsp';
import type { AnalyzedDocument } from '../../services/document';
import { findDefinition } from '../../services/navigation/definition';
import { getDocumentHighlights } from '../../services/navigation/highlight';
import { getLinkedEditingRanges } from '../../services/navigation/linkedEditing';
import { findReferences } from '../../services/navigation/references';
import { prepareRename, rename, type RenameRefusal } from '../../services/navigation/rename';
import type { Feature } from '../feature';

function isRefusal(value: unknown): value is RenameRefusal {
  return typeof value === 'object' && value !== null && 'refusal' in value;
}

/** A refused rename answers an error the editor shows to the user. */
function refused(value: RenameRefusal): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, value.refusal);
}

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: (client) => ({
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: client.prepareRename ? { prepareProvider: true } : true,
    linkedEditingRangeProvider: true,
  }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onDefinition((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) => findDefinition(doc, toServerPosition(doc.uri, params.position))),
    );
    connection.onReferences((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) =>
        findReferences(doc, toServerPosition(doc.uri, params.position), params.context?.includeDeclaration !== false),
      ),
    );
    connection.onDocumentHighlight((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) => getDocumentHighlights(doc, toServerPosition(doc.uri, params.position))),
    );
    connection.languages.onLinkedEditingRange((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) => getLinkedEditingRanges(doc, toServerPosition(doc.uri, params.position))),
    );
    connection.onPrepareRename((params, token) => {
      const result = onDocument(params.textDocument.uri, token, (doc) => prepareRename(doc, toServerPosition(doc.uri, params.position)));
      return isRefusal(result) ? refused(result) : result;
    });
    connection.onRenameRequest((params, token) => {
      const result = onDocument(params.textDocument.uri, token, (doc) => {
        const edits = rename(doc, toServerPosition(doc.uri, params.position), params.newName);
        return Array.isArray(edits) ? workspaceEdit(doc, edits, client.documentChanges) : edits;
      });
      return isRefusal(result) ? refused(result) : result;
    });
  },
};

function workspaceEdit(doc: AnalyzedDocument, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  if (documentChanges) return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits)] };
  return { changes: { [doc.uri]: edits } };
}
