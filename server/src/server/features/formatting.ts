import { getFormattingEdits, getOnTypeFormattingEdits, ON_TYPE_TRIGGER } from '../../services/formatting';
import type { Feature } from '../feature';

/** textDocument/formatting, rangeFormatting and onTypeFormatting (the newline after an escape). */
export const formattingFeature: Feature = {
  name: 'formatting',
  capabilities: () => ({
    documentFormattingProvider: true,
    documentRangeFormattingProvider: true,
    documentOnTypeFormattingProvider: { firstTriggerCharacter: ON_TYPE_TRIGGER },
  }),
  // Edits are written into the file, so they wait for the document's own settings (keywordCase,
  // enable): a format request may come right after didOpen, before the editor has answered for them.
  register({ connection, onDocument, toServerPosition, settingsReady }) {
    connection.onDocumentFormatting(async (params, token) => {
      await settingsReady(params.textDocument.uri);
      return onDocument(params.textDocument.uri, token, (doc, settings) => getFormattingEdits(doc, settings, params.options));
    });
    connection.onDocumentRangeFormatting(async (params, token) => {
      const uri = params.textDocument.uri;
      await settingsReady(uri);
      const range = { start: toServerPosition(uri, params.range.start), end: toServerPosition(uri, params.range.end) };
      return onDocument(uri, token, (doc, settings) => getFormattingEdits(doc, settings, params.options, range));
    });
    connection.onDocumentOnTypeFormatting(async (params, token) => {
      const uri = params.textDocument.uri;
      await settingsReady(uri);
      const position = toServerPosition(uri, params.position);
      return onDocument(uri, token, (doc, settings) =>
        getOnTypeFormattingEdits(doc, position, params.ch, settings, params.options),
      );
    });
  },
};
