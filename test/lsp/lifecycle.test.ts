import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createProtocolConnection, ProtocolConnection, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient, SERVER_PATH } from './client';

const SERVER_NOT_INITIALIZED = -32002;
const INVALID_REQUEST = -32600;

interface BareServer {
  child: ChildProcessWithoutNullStreams;
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  exited: Promise<number | null>;
}

/** A server on stdio that has not been sent initialize, and what it published; workspace/configuration answers null. */
function spawnBare(configuration: () => Promise<null> = () => Promise.resolve(null)): BareServer {
  const child = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => void published.push(params));
  connection.onRequest('workspace/configuration', async (params: { items: unknown[] }) => Promise.all(params.items.map(configuration)));
  connection.listen();
  return { child, connection, published, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends exit and resolves with the server's exit code (null if it had to be killed). */
async function exitCode(client: LspTestClient): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => client.process.once('exit', (code) => resolve(code)));
  await client.connection.sendNotification('exit');
  const timer = setTimeout(() => client.process.kill('SIGKILL'), 5000);
  const code = await exited;
  clearTimeout(timer);
  client.connection.dispose();
  return code;
}

describe('server lifecycle over stdio', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('answers initialize with its name, version and incremental sync', async () => {
    client = await LspTestClient.start();
    expect(client.initializeResult.serverInfo?.name).toBe('dockerfile-lsp');
    expect(client.initializeResult.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
  });

  it('shuts down and exits with code 0', async () => {
    client = await LspTestClient.start();
    const code = await client.stop();
    client = undefined;
    expect(code).toBe(0);
  });
});

// LSP 3.17, the initialize, shutdown and exit messages.
describe('lifecycle enforced by the server', () => {
  let client: LspTestClient | undefined;
  let bare: ReturnType<typeof spawnBare> | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    bare?.child.kill();
    bare?.connection.dispose();
    bare = undefined;
  });

  it('answers a request before initialize with ServerNotInitialized and drops notifications', async () => {
    bare = spawnBare();
    const uri = 'file:///early/Dockerfile';
    const { connection } = bare;
    await expect(connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).rejects.toMatchObject({
      code: SERVER_NOT_INITIALIZED,
      message: 'textDocument/documentSymbol: the server is not initialized yet',
    });
    await expect(connection.sendRequest('shutdown')).rejects.toMatchObject({ code: SERVER_NOT_INITIALIZED });
    // Dropped: the document is not open once the session starts, and nothing is published for it.
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\nRUNN x\n' } });
    const init = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    expect(init.serverInfo?.name).toBe('dockerfile-lsp');
    await connection.sendNotification('initialized', {});
    expect(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })).toBeNull();
    expect(bare.published).toEqual([]);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await bare.exited).toBe(0);
  });

  it('refuses an initialize without capabilities with InvalidParams, and starts on the next one that has them', async () => {
    bare = spawnBare();
    const { connection } = bare;
    await expect(connection.sendRequest('initialize', { processId: null, rootUri: null })).rejects.toMatchObject({
      code: -32602,
      message: 'initialize: params.capabilities is missing',
    });
    await expect(connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: 5 })).rejects.toMatchObject({
      code: -32602,
      message: 'initialize: params.capabilities must be an object',
    });
    // Still not started: other requests wait for a proper initialize.
    await expect(connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: 'file:///x/Dockerfile' } })).rejects.toMatchObject({ code: SERVER_NOT_INITIALIZED });
    const init = await connection.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(init.serverInfo?.name).toBe('dockerfile-lsp');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await bare.exited).toBe(0);
  });

  it('exits on exit before initialize, with 1 as no shutdown came', async () => {
    bare = spawnBare();
    await bare.connection.sendNotification('exit');
    expect(await bare.exited).toBe(1);
  });

  it('refuses a second initialize with InvalidRequest and keeps the negotiated encoding', async () => {
    client = await LspTestClient.start();
    expect(client.initializeResult.capabilities.positionEncoding).toBe('utf-16');
    await expect(
      client.request('initialize', { processId: null, rootUri: null, capabilities: { general: { positionEncodings: ['utf-8'] } } }),
    ).rejects.toMatchObject({ code: INVALID_REQUEST, message: 'initialize: the server is already initialized' });
    const uri = 'file:///twice/Dockerfile';
    await client.open(uri, 'FROM alpine AS éstage\n');
    // In UTF-16 "é" is one unit: the name ends at 21, not at byte 22.
    const symbols = await client.request<{ selectionRange: unknown }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols[0].selectionRange).toEqual({ start: { line: 0, character: 15 }, end: { line: 0, character: 21 } });
  });

  it('after shutdown answers requests with InvalidRequest, publishes nothing, and exits 0 on exit', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///after/Dockerfile';
    await client.open(uri, 'FROM alpine\n');
    await client.diagnosticsFor(uri, 1);
    expect(await client.request('shutdown', null)).toBeNull();
    await expect(client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })).rejects.toMatchObject({
      code: INVALID_REQUEST,
      message: 'textDocument/hover: the server has been shut down',
    });
    await expect(client.request('shutdown', null)).rejects.toMatchObject({ code: INVALID_REQUEST });
    await expect(client.request('initialize', { processId: null, rootUri: null, capabilities: {} })).rejects.toMatchObject({ code: INVALID_REQUEST });
    await client.change(uri, [{ text: 'FROM alpine\nRUNN x\n' }]);
    await sleep(300);
    expect(client.diagnostics.get(uri)?.map((p) => p.version)).toEqual([1]);
    const running = client;
    client = undefined;
    expect(await exitCode(running)).toBe(0);
  });

  it('goes on without the settings of a client that never answers workspace/configuration, and says so', async () => {
    const server = spawnBare(() => new Promise<null>(() => undefined));
    bare = server;
    const { connection } = server;
    const logged: string[] = [];
    connection.onNotification('window/logMessage', (params: { message: string }) => void logged.push(params.message));
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const uri = 'file:///silent/Dockerfile';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine:3\nRUNN x\n' } });
    while (server.published.length === 0) await sleep(100);
    expect(server.published[0].diagnostics.map((d) => d.code)).toEqual(['unknown-instruction']);
    expect(logged).toContain(
      `The client did not answer workspace/configuration within 3 s (first for ${uri}): using the defaults and initializationOptions until the settings change.`,
    );
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    expect(await server.exited).toBe(0);
  });

  it('does not publish a run that was waiting for settings when shutdown came', async () => {
    let answerSettings = (): void => undefined;
    let settingsAsked = (): void => undefined;
    const asked = new Promise<void>((resolve) => (settingsAsked = resolve));
    const server = spawnBare(
      () =>
        new Promise((resolve) => {
          answerSettings = () => resolve(null);
          settingsAsked();
        }),
    );
    bare = server;
    const { connection } = server;
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const uri = 'file:///pending/Dockerfile';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM alpine\n' } });
    // The diagnostics run waits for the document's settings; shutdown comes before they do.
    await asked;
    expect(await connection.sendRequest('shutdown')).toBeNull();
    answerSettings();
    await sleep(300);
    expect(server.published).toEqual([]);
    await connection.sendNotification('exit');
    expect(await server.exited).toBe(0);
  });
});

describe('protocol details', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('a client that speaks only UTF-8 gets UTF-8 positions, both ways', async () => {
    client = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    expect(client.initializeResult.capabilities.positionEncoding).toBe('utf-8');
    const uri = 'file:///utf8/Dockerfile';
    // "é" is two bytes in UTF-8 but one UTF-16 unit: the stage name starts at byte 22, unit 21.
    await client.open(uri, 'FROM alpine AS éstage\n');
    const symbols = await client.request<{ selectionRange: unknown }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols[0].selectionRange).toEqual({ start: { line: 0, character: 15 }, end: { line: 0, character: 22 } });
    // An edit given in UTF-8: insert "x" after "é" (byte 17).
    await client.change(uri, [{ range: { start: { line: 0, character: 17 }, end: { line: 0, character: 17 } }, text: 'x' }]);
    const after = await client.request<{ name: string; selectionRange: unknown }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(after[0].name).toBe('éxstage');
    expect(after[0].selectionRange).toEqual({ start: { line: 0, character: 15 }, end: { line: 0, character: 23 } });
  });

  it('a batch of UTF-8 changes converts each one against the text the one before it made', async () => {
    client = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    const uri = 'file:///utf8/batch/Dockerfile';
    await client.open(uri, 'FROM alpine AS stage\n');
    // The first change puts "éé" (four bytes, two UTF-16 units) before "stage"; the second then
    // replaces byte 19, the "s" after them, which is UTF-16 unit 17 only in the text the first made.
    await client.change(uri, [
      { range: { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } }, text: 'éé' },
      { range: { start: { line: 0, character: 19 }, end: { line: 0, character: 20 } }, text: 'S' },
    ]);
    const after = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(after[0].name).toBe('ééStage');
  });

  it('requests for documents that are not open answer null', async () => {
    client = await LspTestClient.start();
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///nowhere/Dockerfile' } })).toBeNull();
  });

  it('unknown methods get MethodNotFound and the server keeps serving', async () => {
    client = await LspTestClient.start();
    await expect(client.request('dockerfile/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    const uri = 'file:///still/Dockerfile';
    await client.open(uri, 'FROM a\n');
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri } })).toHaveLength(1);
  });
});
