import type { ClientCapabilities, CompletionItem, CompletionItemKind, CompletionItemTag, CompletionList } from 'vscode-languageserver/node';
import { CompletionTriggerKind } from '../lsp';
import { getCompletions, resolveCompletionItem, TRIGGER_CHARACTERS } from '../../services/completion';
import { getIgnoreFileCompletions } from '../../services/ignoreFile';
import { listed, type Feature } from '../feature';

/** LSP 3.17: a client that lists no completion item kinds knows Text (1) to Reference (18), the kinds of LSP 1. */
const FIRST_KINDS: readonly number[] = Array.from({ length: 18 }, (_, i) => i + 1);
const KIND_VALUE = 12 as CompletionItemKind;
const KIND_FILE = 17 as CompletionItemKind;
const KIND_FOLDER = 19 as CompletionItemKind;
const KIND_ENUM_MEMBER = 20 as CompletionItemKind;
/** The kinds of LSP 3 and the nearest kind of LSP 1 that stands for them. */
const OLDER_KIND = new Map<number, CompletionItemKind>([
  [KIND_ENUM_MEMBER, KIND_VALUE],
  [KIND_FOLDER, KIND_FILE],
]);
const TAG_DEPRECATED = 1 as CompletionItemTag;

/**
 * What the client's completion capability lets an item carry, as a function that makes an item fit
 * it, or undefined when every item fits as it is. Kinds the client does not list are replaced by the
 * nearest kind of LSP 1 (an enum member is a value, a folder a file) or left out; tags it does not list are left out,
 * a deprecated item then saying so with `deprecated` where the client reads that instead.
 */
export function completionItemFit(capabilities: ClientCapabilities): ((item: CompletionItem) => CompletionItem) | undefined {
  const completion = capabilities.textDocument?.completion;
  const kinds = new Set<number>(listed(completion?.completionItemKind?.valueSet) ?? FIRST_KINDS);
  const tags = new Set<number>(listed(completion?.completionItem?.tagSupport?.valueSet) ?? []);
  const deprecatedField = completion?.completionItem?.deprecatedSupport === true;
  if (kinds.has(KIND_ENUM_MEMBER) && kinds.has(KIND_FOLDER) && tags.has(TAG_DEPRECATED)) return undefined;
  return (item) => {
    const kindFits = item.kind === undefined || kinds.has(item.kind);
    const keptTags = item.tags?.filter((tag) => tags.has(tag));
    if (kindFits && keptTags?.length === item.tags?.length) return item;
    const fitted: CompletionItem = { ...item };
    if (!kindFits) {
      const older = OLDER_KIND.get(item.kind!);
      if (older !== undefined && kinds.has(older)) fitted.kind = older;
      else delete fitted.kind;
    }
    if (keptTags?.length) fitted.tags = keptTags;
    else delete fitted.tags;
    if (deprecatedField && item.tags?.includes(TAG_DEPRECATED) && !keptTags?.includes(TAG_DEPRECATED)) fitted.deprecated = true;
    return fitted;
  };
}

/**
 * textDocument/completion with completionItem/resolve, which adds the documentation of an item; in a
 * `.dockerignore`, the common entries, documented at once.
 */
export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({ completionProvider: { triggerCharacters: [...TRIGGER_CHARACTERS], resolveProvider: true } }),
  register({ connection, onDocument, onIgnoreFile, toServerPosition, client }) {
    connection.onCompletion((params, token) => {
      const uri = params.textDocument.uri;
      const format = client.completionMarkdown ? 'markdown' : 'plaintext';
      const ignoreFile = onIgnoreFile(uri, token, (text, settings) => (settings.completion.enable ? getIgnoreFileCompletions(text, toServerPosition(uri, params.position), format) : null));
      if (ignoreFile !== undefined) return ignoreFile;
      return onDocument(uri, token, (doc, settings) => {
        if (!settings.completion.enable) return null;
        const context = params.context;
        const list: CompletionList = getCompletions(doc, toServerPosition(uri, params.position), {
          snippets: client.snippets,
          format,
          triggerCharacter: context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? context.triggerCharacter : undefined,
          insertReplace: client.raw.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
        });
        const fit = completionItemFit(client.raw);
        return fit ? { ...list, items: list.items.map(fit) } : list;
      });
    });
    connection.onCompletionResolve((item) => resolveCompletionItem(item, client.completionMarkdown ? 'markdown' : 'plaintext'));
  },
};
