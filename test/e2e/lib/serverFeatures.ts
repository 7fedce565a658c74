// What the language server can do today, asked the way an editor asks: spawn `dist/server.js
// --stdio`, send `initialize`, read the capabilities it advertises. Push diagnostics have no
// capability, so they are probed: open a document with a typo and see whether anything is
// published. The e2e, extension-host and Neovim tests gate each feature step on this, so a step
// whose feature has not landed yet is reported as SKIPPED instead of failing, and runs
// automatically once the server advertises it.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  InitializeResult,
  PublishDiagnosticsParams,
  ServerCapabilities,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

export type Feature =
  | 'hover'
  | 'completion'
  | 'diagnostics'
  | 'codeAction'
  | 'formatting'
  | 'documentSymbol'
  | 'signatureHelp'
  | 'linkedEditing'
  | 'codeLens'
  | 'inlayHint'
  | 'semanticTokens'
  | 'foldingRange';

export interface ServerFeatures {
  capabilities: ServerCapabilities;
  /** Whether each feature is on, and why not when it is off. */
  has: Record<Feature, boolean>;
  /** The capability (or probe) each feature is gated on, for SKIPPED messages. */
  gate: Record<Feature, string>;
}

export const FEATURE_GATES: Record<Feature, string> = {
  hover: 'hoverProvider',
  completion: 'completionProvider',
  diagnostics: 'diagnostics (diagnosticProvider, or diagnostics published for a document with a typo)',
  codeAction: 'codeActionProvider',
  formatting: 'documentFormattingProvider',
  documentSymbol: 'documentSymbolProvider',
  signatureHelp: 'signatureHelpProvider',
  linkedEditing: 'linkedEditingRangeProvider',
  codeLens: 'codeLensProvider',
  inlayHint: 'inlayHintProvider',
  semanticTokens: 'semanticTokensProvider',
  foldingRange: 'foldingRangeProvider',
};

export const TYPO_DOCUMENT = 'FROM alpine:3.20\nRUNN echo hello\n';

export interface ProbeOptions {
  serverPath?: string;
  /** The Node binary; in an Electron extension host pass process.execPath with ELECTRON_RUN_AS_NODE. */
  nodePath?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for pushed diagnostics. */
  diagnosticsTimeoutMs?: number;
}

export async function probeServerFeatures(options: ProbeOptions = {}): Promise<ServerFeatures> {
  const serverPath = options.serverPath ?? path.resolve(__dirname, '../../../dist/server.js');
  const child = spawn(options.nodePath ?? process.execPath, [serverPath, '--stdio'], { stdio: 'pipe', env: options.env ?? process.env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published: PublishDiagnosticsParams | undefined;
  let wake: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.diagnostics.length > 0) {
      published = params;
      wake?.();
    }
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  let initTimer: NodeJS.Timeout | undefined;
  try {
    const init = (await Promise.race([
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true } },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          },
          workspace: { configuration: true },
        },
      }),
      spawnError,
      new Promise<never>((_, reject) => {
        initTimer = setTimeout(() => reject(new Error(`no initialize result within 15 s; stderr: ${stderr}`)), 15_000);
      }),
    ])) as InitializeResult;
    clearTimeout(initTimer);
    await connection.sendNotification('initialized', {});
    const caps = init.capabilities;
    let diagnostics = Boolean(caps.diagnosticProvider);
    if (!diagnostics) {
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///probe/Dockerfile', languageId: 'dockerfile', version: 1, text: TYPO_DOCUMENT },
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.diagnosticsTimeoutMs ?? 4000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (published) wake();
      });
      diagnostics = published !== undefined;
    }
    const has: Record<Feature, boolean> = {
      hover: Boolean(caps.hoverProvider),
      completion: Boolean(caps.completionProvider),
      diagnostics,
      codeAction: Boolean(caps.codeActionProvider),
      formatting: Boolean(caps.documentFormattingProvider),
      documentSymbol: Boolean(caps.documentSymbolProvider),
      signatureHelp: Boolean(caps.signatureHelpProvider),
      linkedEditing: Boolean(caps.linkedEditingRangeProvider),
      codeLens: Boolean(caps.codeLensProvider),
      inlayHint: Boolean(caps.inlayHintProvider),
      semanticTokens: Boolean(caps.semanticTokensProvider),
      foldingRange: Boolean(caps.foldingRangeProvider),
    };
    return { capabilities: caps, has, gate: FEATURE_GATES };
  } finally {
    clearTimeout(initTimer);
    try {
      let shutdownTimer: NodeJS.Timeout | undefined;
      await Promise.race([connection.sendRequest('shutdown'), new Promise((resolve) => (shutdownTimer = setTimeout(resolve, 2000)))]);
      clearTimeout(shutdownTimer);
      await connection.sendNotification('exit');
    } catch {
      // The process may already be gone.
    }
    setTimeout(() => child.kill('SIGKILL'), 2000).unref();
    connection.dispose();
  }
}

/** One line per feature: what is tested and what is skipped, and why. */
export function describeFeatures(features: ServerFeatures): string {
  return (Object.keys(features.has) as Feature[])
    .map((feature) => `  ${features.has[feature] ? 'on ' : 'off'}  ${feature.padEnd(15)} gated on ${features.gate[feature]}`)
    .join('\n');
}

export function skippedLine(feature: Feature, step: string): string {
  return `SKIPPED (server does not advertise ${FEATURE_GATES[feature]} yet): ${step}`;
}
