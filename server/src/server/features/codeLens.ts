import { CodeLensRefreshRequest } from '../lsp';
import { getCodeLenses } from '../../services/codeLens';
import type { Feature } from '../feature';

/** textDocument/codeLens: per stage, its name, index and users (setting: codeLens.enable). */
export const codeLensFeature: Feature = {
  name: 'codeLens',
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register({ connection, onDocument }) {
    connection.onCodeLens((params, token) => onDocument(params.textDocument.uri, token, (doc, settings) => getCodeLenses(doc, settings.codeLens.enable)));
  },
  settingsChanged({ connection, client }) {
    if (client.raw.workspace?.codeLens?.refreshSupport) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  },
};
