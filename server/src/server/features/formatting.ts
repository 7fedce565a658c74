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
  register({ connection, onDocument, toServerPosition }) {
    connection.onDocumentFormatting((params, token) =>
      onDocument(params.textDocument.uri, token, (doc, settings) => getFormattingEdits(doc, settings, params.options)),
    );
    connection.onDocumentRangeFormatting((params, token) => {
      const uri = params.textDocument.uri;
      const range = { start: toServerPosition(uri, params.range.start), end: toServerPosition(uri, params.range.end) };
      return onDocument(uri, token, (doc, settings) => getFormattingEdits(doc, settings, params.options, range));
    });
    connection.onDocumentOnTypeFormatting((params, token) => {
      const uri = params.textDocument.uri;
      const position = toServerPosition(uri, params.position);
      return onDocument(uri, token, (doc, settings) =>
        getOnTypeFormattingEdits(doc, position, params.ch, settings, params.options),
      );
    });
  },
};
