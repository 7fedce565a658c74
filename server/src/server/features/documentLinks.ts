import { getDocumentLinks } from '../../services/documentLinks';
import type { Feature } from '../feature';

/** textDocument/documentLink: images to registry pages, ADD URLs, check rule docs (targets known up front). */
export const documentLinksFeature: Feature = {
  name: 'documentLinks',
  capabilities: () => ({ documentLinkProvider: { resolveProvider: false } }),
  register({ connection, onDocument }) {
    connection.onDocumentLinks((params, token) => onDocument(params.textDocument.uri, token, (doc) => getDocumentLinks(doc)));
  },
};
