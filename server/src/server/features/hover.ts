import { getHover } from '../../services/hover';
import type { Feature } from '../feature';

/** textDocument/hover: Markdown documentation, or plain text when the client asks for it. */
export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onHover((params, token) =>
      onDocument(params.textDocument.uri, token, (doc, settings) =>
        settings.hover.enable
          ? getHover(doc, toServerPosition(params.textDocument.uri, params.position), client.markdown ? 'markdown' : 'plaintext')
          : null,
      ),
    );
  },
};
