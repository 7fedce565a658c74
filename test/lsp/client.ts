// A small LSP client for tests: it spawns the *bundled* server (dist/server.js) on stdio and
// speaks real JSON-RPC to it, the way an editor does.
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import {
  ClientCapabilities,
  CompletionItemKind,
  createProtocolConnection,
  Diagnostic,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

export const SERVER_PATH = path.resolve(__dirname, '../../dist/server.js');

export interface StartOptions {
  /** Client capabilities merged over a typical editor's. */
  capabilities?: ClientCapabilities;
  /** Answers to workspace/configuration, by section; missing sections answer null. */
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  /** Extra arguments for the server process. */
  args?: string[];
  /** Options for node itself (e.g. --expose-gc). */
  nodeArgs?: string[];
}

export const DEFAULT_CAPABILITIES: ClientCapabilities = {
  general: { positionEncodings: ['utf-16'] },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, semanticTokens: { refreshSupport: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        resolveSupport: { properties: ['documentation', 'detail'] },
        insertReplaceSupport: false,
        tagSupport: { valueSet: [1] },
      },
      // Every kind of LSP 3.17, as VS Code lists them (without a list a client knows kinds 1 to 18 only).
      completionItemKind: { valueSet: Array.from({ length: 25 }, (_, i) => (i + 1) as CompletionItemKind) },
      contextSupport: true,
    },
    signatureHelp: { signatureInformation: { documentationFormat: ['markdown', 'plaintext'], activeParameterSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } }, isPreferredSupport: true },
    rename: { prepareSupport: true },
    foldingRange: { lineFoldingOnly: false },
    semanticTokens: {
      requests: { full: { delta: true }, range: true },
      tokenTypes: [],
      tokenModifiers: [],
      formats: ['relative'],
    },
  },
};

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  /** The messages of window/logMessage, in order. */
  readonly logs: string[] = [];
  /** What the server registered with client/registerCapability, in order. */
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  private readonly diagnosticWaiters: Array<() => void> = [];
  private versions = new Map<string, number>();
  private stderr = '';
  initializeResult!: InitializeResult;

  private constructor(
    readonly process: ChildProcessWithoutNullStreams,
    readonly connection: ProtocolConnection,
    private readonly settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_PATH, '--stdio', ...(options.args ?? [])], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspTestClient(child, connection, { ...(options.settings ?? {}) });
    child.stderr.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = client.diagnostics.get(params.uri) ?? [];
      list.push(params);
      client.diagnostics.set(params.uri, list);
      for (const wake of client.diagnosticWaiters.splice(0)) wake();
    });
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section !== undefined ? (client.settings[item.section] ?? null) : client.settings)),
    );
    connection.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      for (const { method, registerOptions } of params.registrations) client.registrations.push({ method, registerOptions });
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/semanticTokens/refresh', () => null);
    connection.onRequest('workspace/inlayHint/refresh', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
    });
    connection.listen();
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: mergeDeep(DEFAULT_CAPABILITIES, options.capabilities ?? {}),
      initializationOptions: options.initializationOptions,
      workspaceFolders: null,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Changes what the client answers to workspace/configuration and tells the server. */
  async setSettings(settings: Record<string, unknown>): Promise<void> {
    for (const key of Object.keys(this.settings)) delete this.settings[key];
    Object.assign(this.settings, settings);
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async open(uri: string, text: string, version = 1, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Sends one didChange and returns the document's new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[], version?: number): Promise<number> {
    const next = version ?? (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, next);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: next }, contentChanges: changes });
    return next;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Resolves with the first diagnostics published for `uri` that satisfy `accept`. */
  async waitForDiagnostics(
    uri: string,
    accept: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.diagnostics.get(uri)?.find(accept);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const seen = JSON.stringify(this.diagnostics.get(uri) ?? [], null, 1).slice(0, 2000);
        throw new Error(`No matching diagnostics for ${uri} within ${timeoutMs} ms. Published so far: ${seen}\nServer stderr: ${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.diagnosticWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The diagnostics published for exactly this version of the document. */
  async diagnosticsFor(uri: string, version: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return (await this.waitForDiagnostics(uri, (p) => p.version === version, timeoutMs)).diagnostics;
  }

  get serverStderr(): string {
    return this.stderr;
  }

  /** Shuts the server down the polite way and waits for the process to exit. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}

function mergeDeep<T>(base: T, extra: unknown): T {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return (extra ?? base) as T;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries((extra ?? {}) as Record<string, unknown>)) {
    const current = result[key];
    result[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null
        ? mergeDeep(current, value)
        : value;
  }
  return result as T;
}
