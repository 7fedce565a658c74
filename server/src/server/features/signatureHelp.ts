import { getSignatureHelp, SIGNATURE_TRIGGER_CHARACTERS } from '../../services/signatureHelp';
import type { ClientSupport, Feature } from '../feature';

function format(client: ClientSupport): 'markdown' | 'plaintext' {
  const formats = client.raw.textDocument?.signatureHelp?.signatureInformation?.documentationFormat;
  return !formats || formats.includes('markdown') ? 'markdown' : 'plaintext';
}

/** textDocument/signatureHelp: the forms of the instruction (or flag, or directive) being written. */
export const signatureHelpFeature: Feature = {
  name: 'signatureHelp',
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: [...SIGNATURE_TRIGGER_CHARACTERS], retriggerCharacters: [','] } }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onSignatureHelp((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) =>
        getSignatureHelp(doc, toServerPosition(params.textDocument.uri, params.position), format(client)),
      ),
    );
  },
};
