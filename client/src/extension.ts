// The VS Code side of dockerfile-lsp: it starts the bundled language server over stdio and
// forwards settings. All language knowledge lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind, type Location, type Position } from 'vscode-languageclient/node';
import serverNodeFlags from './serverNodeFlags.json';

let client: LanguageClient | undefined;

// Changes to the environment the server inherits from VS Code (an undefined value removes the
// variable). With NODE_EXTRA_CA_CERTS set, Node.js reads that certificate file and builds its whole
// certificate store before running any code: about 48 ms of every start on our 2-core test
// machine. The server opens no network connection, so it has no use for certificates.
const SERVER_ENVIRONMENT = { NODE_EXTRA_CA_CERTS: undefined };

// Node.js flags for the server, which Node.js reads only at start-up. By default V8 runs its
// background work (optimising compilation, garbage collection) on a pool of four threads, whatever
// the number of cores. On a 2-core machine they took the core the server's main thread needed right
// after a file opened, when most code gets optimised: with one helper thread, at 10,000 lines,
// edit -> diagnostics p95 fell from 14-15 ms to 10 and the first semantic-tokens answer from 62-68 ms
// to 44-46 (bench/lsp.bench.ts). V8's young generation grows to 16 MiB a semi-space (32 in all)
// while a large file opens; at 4 the server's peak memory at 10,000 lines fell from 113 MiB to 86
// and at 50,000 from 157 to 124-126, the open of 10,000 lines took 345 ms instead of 439, and the
// other requests took as long (the first outline of a session at 50,000 lines a few ms longer).
// The flags live in serverNodeFlags.json, which the build also reads: it writes the server's code
// cache for them (server/src/loader.cjs), since V8 rejects a cache written under other flags.
const SERVER_NODE_FLAGS: string[] = serverNodeFlags;

// Over stdio, as other editors start it, the server writes its largest answers (the full semantic
// tokens, the outline, the diagnostics) from the JSON it keeps per stage; Node's IPC channel would
// have them made as objects and written whole again. At 50,000 lines (bench/lsp.bench.ts --ipc)
// IPC took 27 ms p50 for the outline and for the full tokens against 19, and edit -> diagnostics
// 32 ms p95 against 23; IPC was about 0.2 ms quicker for small answers (hover, completion).
const SERVER_TRANSPORT = TransportKind.stdio;

// Dockerfiles, and the ignore files their builds read (`.dockerignore`, `NAME.dockerignore`), in
// whatever language VS Code gives them (`ignore`, by this extension's default files.associations).
const IGNORE_FILES = '**/{.dockerignore,*.dockerignore}';
const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'untitled', language: 'dockerfile' },
  { scheme: 'file', pattern: IGNORE_FILES },
];

/**
 * Whether the server has a use for a document. The extension also activates when an ignore file
 * opens (`onLanguage:ignore`), which a `.gitignore` is too: the server starts only once a Dockerfile
 * or a `.dockerignore` is open.
 */
function served(document: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, document) > 0;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Dockerfile LSP', { log: true });
  context.subscriptions.push(outputChannel);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: SERVER_TRANSPORT, options: { env: SERVER_ENVIRONMENT, execArgv: SERVER_NODE_FLAGS } },
    debug: {
      module: serverModule,
      transport: SERVER_TRANSPORT,
      options: { env: SERVER_ENVIRONMENT, execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // No synchronize.configurationSection: the server pulls `dockerfile-lsp.*` with
    // workspace/configuration and registers for changes of that section itself; both at once
    // would send each change twice.
    outputChannel,
    traceOutputChannel: outputChannel,
  };

  client = new LanguageClient('dockerfile-lsp', 'Dockerfile LSP', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfile-lsp.restartServer', async () => {
      outputChannel.appendLine('Restarting the Dockerfile language server.');
      await client?.restart();
    }),
    // The server's code lenses pass LSP values; VS Code's references view wants its own types.
    vscode.commands.registerCommand('dockerfile-lsp.showReferences', async (uri: string, position: Position, locations: Location[]) => {
      if (!client) return;
      const convert = client.protocol2CodeConverter;
      await vscode.commands.executeCommand('editor.action.showReferences', convert.asUri(uri), convert.asPosition(position), locations.map((l) => convert.asLocation(l)));
    }),
  );

  const started = client;
  if (vscode.workspace.textDocuments.some(served)) {
    await started.start();
    return;
  }
  const opened = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!served(document)) return;
    opened.dispose();
    void started.start();
  });
  context.subscriptions.push(opened);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
