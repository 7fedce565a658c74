import type { SignatureHelp } from 'vscode-languageserver/node';
import { getSignatureHelp, SIGNATURE_TRIGGER_CHARACTERS, type SignatureOptions } from '../../services/signatureHelp';
import { listed, prefersMarkdown, type ClientSupport, type Feature } from '../feature';

function options(client: ClientSupport): SignatureOptions {
  const information = client.raw.textDocument?.signatureHelp?.signatureInformation;
  const formats = listed(information?.documentationFormat);
  return { format: prefersMarkdown(formats) ? 'markdown' : 'plaintext', noActiveParameter: information?.noActiveParameterSupport === true };
}

/**
 * The help as the client reads it: a client without activeParameterSupport (LSP 3.16) takes the
 * active parameter from the SignatureHelp alone, which says the same for the active signature.
 */
function forClient(help: SignatureHelp | null, client: ClientSupport): SignatureHelp | null {
  if (!help || client.raw.textDocument?.signatureHelp?.signatureInformation?.activeParameterSupport === true) return help;
  return { ...help, signatures: help.signatures.map(({ activeParameter: _, ...signature }) => signature) };
}

/** textDocument/signatureHelp: the forms of the instruction (or flag, or directive) being written. */
export const signatureHelpFeature: Feature = {
  name: 'signatureHelp',
  capabilities: () => ({ signatureHelpProvider: { triggerCharacters: [...SIGNATURE_TRIGGER_CHARACTERS], retriggerCharacters: [','] } }),
  register({ connection, onDocument, toServerPosition, client }) {
    connection.onSignatureHelp((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) =>
        forClient(getSignatureHelp(doc, toServerPosition(params.textDocument.uri, params.position), options(client)), client),
      ),
    );
  },
};
