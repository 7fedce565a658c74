import { CompletionTriggerKind } from '../lsp';
import { getCompletions, resolveCompletionItem, TRIGGER_CHARACTERS } from '../../services/completion';
import type { Feature } from '../feature';

/** textDocument/completion with completionItem/resolve, which adds the documentation of an item. */
export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: [...TRIGGER_CHARACTERS], resolveProvider: true } }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onCompletion((params, token) =>
      onDocument(params.textDocument.uri, token, (doc, settings) => {
        if (!settings.completion.enable) return null;
        const context = params.context;
        return getCompletions(doc, toServerPosition(params.textDocument.uri, params.position), {
          snippets: client.snippets,
          format: client.completionMarkdown ? 'markdown' : 'plaintext',
          triggerCharacter: context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? context.triggerCharacter : undefined,
          insertReplace: client.raw.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
        });
      }),
    );
    connection.onCompletionResolve((item) => resolveCompletionItem(item, client.completionMarkdown ? 'markdown' : 'plaintext'));
  },
};
