import { getInlayHints } from '../../services/inlayHints';
import type { Feature } from '../feature';

/** textDocument/inlayHint: variable values and the indexes of unnamed stages (settings: inlayHints.*). */
export const inlayHintsFeature: Feature = {
  name: 'inlayHints',
  capabilities: () => ({ inlayHintProvider: true }),
  register({ connection, onDocument, toServerPosition }) {
    connection.languages.inlayHint.on((params, token) =>
      onDocument(params.textDocument.uri, token, (doc, settings) => {
        const range = { start: toServerPosition(doc.uri, params.range.start), end: toServerPosition(doc.uri, params.range.end) };
        return getInlayHints(doc, range, settings.inlayHints);
      }),
    );
  },
  settingsChanged({ connection, client }) {
    if (client.raw.workspace?.inlayHint?.refreshSupport) connection.languages.inlayHint.refresh().catch(() => undefined);
  },
};
