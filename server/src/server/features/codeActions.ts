import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { CodeActionKind } from '../lsp';
import { asksForFixAll, getCodeActions } from '../../services/codeActions';
import { getIgnoreFileCodeActions } from '../../services/ignoreFile';
import type { Feature } from '../feature';

/**
 * textDocument/codeAction: quick fixes for our diagnostics, dispatched to the rule that reported
 * each one (Rule.fixes), plus "skip this check" for BuildKit's checks, the RUN-as-heredoc
 * refactoring (refactor.rewrite) at the cursor, and Fix All (source.fixAll) when asked for by kind. The rule is run again on the
 * current version (with the `.dockerignore` its diagnostics were computed with), so a diagnostic
 * the editor still shows from an older version gets nothing. Offered only to clients
 * that take CodeAction literals; the edits use documentChanges (with the version they were
 * computed for) when the client supports them. On a `.dockerignore`, the fixes of its own rules and
 * "Match in every folder" (services/ignoreFile/codeActions.ts).
 */
export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: (client) => (client.codeActionLiterals ? { codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.SourceFixAll] } } : {}),
  register({ connection, onDocument, onIgnoreFile, toServerPosition, client, dockerignore, settingsReady }) {
    // Features register before initialize, so the handler cannot depend on the client's
    // capabilities; clients without CodeAction literals are not offered the capability at all.
    connection.onCodeAction(async (params, token) => {
      const uri = params.textDocument.uri;
      // Fix All fixes what the document's diagnostics report, under its own settings, and its edit is
      // written unseen (on save): like formatting, it waits for them when asked for right after didOpen.
      if (asksForFixAll(params.context.only)) await settingsReady(uri);
      const toServer = (diagnostic: Diagnostic): Diagnostic => ({
        ...diagnostic,
        range: { start: toServerPosition(uri, diagnostic.range.start), end: toServerPosition(uri, diagnostic.range.end) },
      });
      const range = { start: toServerPosition(uri, params.range.start), end: toServerPosition(uri, params.range.end) };
      const ignoreFile = onIgnoreFile(uri, token, (text) => {
        const actions = getIgnoreFileCodeActions(text, params.context.diagnostics.map(toServer), params.context.only, range);
        return client.documentChanges ? actions.map((action) => withDocumentChanges(action, text.version)) : actions;
      });
      if (ignoreFile !== undefined) return ignoreFile;
      return onDocument(uri, token, (doc, settings) => {
        const actions = getCodeActions(doc, { diagnostics: params.context.diagnostics.map(toServer), only: params.context.only, range, dockerignore: dockerignore(uri), settings });
        return client.documentChanges ? actions.map((action) => withDocumentChanges(action, doc.version)) : actions;
      });
    });
  },
};

/** The action's edit as versioned documentChanges, so a client applies it only to that version. */
function withDocumentChanges(action: CodeAction, version: number): CodeAction {
  const changes = action.edit?.changes;
  if (!changes) return action;
  return {
    ...action,
    edit: { documentChanges: Object.entries(changes).map(([uri, edits]) => ({ textDocument: { uri, version }, edits })) },
  };
}
