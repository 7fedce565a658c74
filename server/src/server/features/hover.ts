import { getHover } from '../../services/hover';
import { getIgnoreFileHover } from '../../services/ignoreFile';
import type { Feature } from '../feature';

/** textDocument/hover: Markdown documentation, or plain text when the client asks for it; on a `.dockerignore`, what a pattern matches. */
export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register({ connection, onDocument, onIgnoreFile, toServerPosition, client, dockerignore }) {
    connection.onHover((params, token) => {
      const uri = params.textDocument.uri;
      const format = client.markdown ? 'markdown' : 'plaintext';
      const ignoreFile = onIgnoreFile(uri, token, (text, settings) => (settings.hover.enable ? getIgnoreFileHover(text, toServerPosition(uri, params.position), format) : null));
      if (ignoreFile !== undefined) return ignoreFile;
      // With the .dockerignore the document's diagnostics were computed with, a context source says what it does to it.
      return onDocument(uri, token, (doc, settings) => (settings.hover.enable ? getHover(doc, toServerPosition(uri, params.position), format, { dockerignore: dockerignore(uri) }) : null));
    });
  },
};
