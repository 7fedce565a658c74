// The VS Code side of dockerfile-lsp: it starts the bundled language server over IPC and
// forwards settings. All language knowledge lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Dockerfile LSP', { log: true });
  context.subscriptions.push(outputChannel);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'dockerfile' },
      { scheme: 'untitled', language: 'dockerfile' },
    ],
    // The server pulls `dockerfile-lsp.*` with workspace/configuration; this makes VS Code
    // tell it when that section changes.
    synchronize: { configurationSection: 'dockerfile-lsp' },
    outputChannel,
    traceOutputChannel: outputChannel,
  };

  client = new LanguageClient('dockerfile-lsp', 'Dockerfile LSP', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfile-lsp.restartServer', async () => {
      outputChannel.appendLine('Restarting the Dockerfile language server.');
      await client?.restart();
    }),
  );

  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
