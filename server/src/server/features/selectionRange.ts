import { getSelectionRanges } from '../../services/selectionRange';
import type { Feature } from '../feature';

/** textDocument/selectionRange: word → flag or argument → instruction → stage → document. */
export const selectionRangeFeature: Feature = {
  name: 'selectionRange',
  capabilities: () => ({ selectionRangeProvider: true }),
  register({ connection, onDocument, toServerPosition }) {
    connection.onSelectionRanges((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) =>
        getSelectionRanges(
          doc,
          params.positions.map((p) => toServerPosition(params.textDocument.uri, p)),
        ),
      ),
    );
  },
};
