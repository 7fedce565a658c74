import { getSignatureHelp, SIGNATURE_TRIGGER_CHARACTERS, type SignatureOptions } from '../../services/signatureHelp';
import type { ClientSupport, Feature } from '../feature';

function options(client: ClientSupport): SignatureOptions {
  const information = client.raw.textDocument?.signatureHelp?.signatureInformation;
  const formats = information?.documentationFormat;
  return { format: !formats || formats.includes('markdown') ? 'markdown' : 'plaintext', noActiveParameter: information?.noActiveParameterSupport === true };
}

/** textDocument/signatureHelp: the forms of the instruction (or flag, or directive) being written. */
export const signatureHelpFeature: Feature = {
  name: 'signatureHelp',
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: [...SIGNATURE_TRIGGER_CHARACTERS], retriggerCharacters: [','] } }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onSignatureHelp((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) =>
        getSignatureHelp(doc, toServerPosition(params.textDocument.uri, params.position), options(client)),
      ),
    );
  },
};
