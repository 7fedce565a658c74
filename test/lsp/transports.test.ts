// The server speaks LSP over stdio, a TCP socket, a pipe and Node IPC, with the same answers over
// each (stream writers splice prepared JSON in, server/preparedJson.ts), and answers --version and
// --help.
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { generateDockerfile } from '../../bench/generate';
import { DEFAULT_CAPABILITIES, SERVER_PATH } from './client';

const INITIALIZE = { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null };

/**
 * A file of many stages, and a keystroke in its middle. The last stage has characters of two, three
 * and four UTF-8 bytes in its name, detail and diagnostics, as the prepared answers write their
 * pieces' bytes one after another. (The generated text ends in a RUN's continuation.)
 */
const TEXT = `${generateDockerfile(600, { errors: true })}    true\n\nFROM alpine:3.20 AS ünïcode\nLABEL note="café ☕ 😀"\nRUN cd /tmp/ü && echo "naïve"\nUSER $ÿ\n`;
const KEYSTROKE = (() => {
  const lines = TEXT.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.startsWith('WORKDIR'));
  return { start: { line, character: 0 }, end: { line, character: 0 } };
})();

describe('transports and command line', () => {
  it('--version and --help', () => {
    const version = spawnSync(process.execPath, [SERVER_PATH, '--version'], { encoding: 'utf8' });
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = spawnSync(process.execPath, [SERVER_PATH, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--stdio');
    expect(help.stdout).toContain('--socket=PORT');
  });

  it('without a transport it explains and exits with 2', () => {
    const result = spawnSync(process.execPath, [SERVER_PATH], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('no transport given');
  });

  it('--clientProcessId or a --socket without a port is no transport either', () => {
    for (const args of [['--clientProcessId=1'], ['--clientProcessId', '1'], ['--socket=http'], ['--pipe']]) {
      const result = spawnSync(process.execPath, [SERVER_PATH, ...args], { encoding: 'utf8', timeout: 10_000 });
      expect([args, result.status, result.stderr.split('\n')[0]]).toEqual([args, 2, 'dockerfile-lsp: no transport given.']);
    }
  });

  /**
   * One editor session over `connection`: initialize, open a file of many stages, take its
   * diagnostics, ask for the full semantic tokens and the outline twice (the second answers join kept
   * JSON), type a keystroke, take the new diagnostics and ask again, then shut down. Returns the
   * diagnostics and answers in that order, and the server's exit code.
   */
  async function session(connection: ProtocolConnection, child: ChildProcess): Promise<{ answers: unknown[]; exitCode: number | null; logs: string[] }> {
    const logs: string[] = [];
    connection.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.listen();
    const result = (await connection.sendRequest('initialize', { ...INITIALIZE, capabilities: DEFAULT_CAPABILITIES })) as InitializeResult;
    expect(result.serverInfo?.name).toBe('dockerfile-lsp');
    await connection.sendNotification('initialized', {});
    const uri = 'file:///transport/Dockerfile';
    // The diagnostics of each version, as published.
    const published = new Map<number, Promise<unknown>>();
    const waiting = new Map<number, (p: unknown) => void>();
    for (const version of [1, 2]) published.set(version, new Promise((resolve) => waiting.set(version, resolve)));
    connection.onNotification('textDocument/publishDiagnostics', (p: { version?: number }) => waiting.get(p.version ?? 0)?.(p));
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: TEXT } });
    const answers: unknown[] = [];
    const ask = async (): Promise<void> => {
      answers.push(await connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }));
      answers.push(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }));
    };
    answers.push(await published.get(1));
    await ask();
    await ask();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: KEYSTROKE, text: 'x' }] });
    answers.push(await published.get(2));
    await ask();
    await connection.sendRequest('shutdown');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    const exitCode = await exited;
    connection.dispose();
    return { answers, exitCode, logs };
  }

  /** The answers over Node IPC, where the library writes every message itself (no prepared JSON). */
  async function ipcAnswers(): Promise<unknown[]> {
    const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      const { answers, exitCode } = await session(createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
      expect(exitCode).toBe(0);
      return answers;
    } finally {
      child.kill();
    }
  }

  /** A session with a server that connects to `listen`'s socket server (--socket and --pipe). */
  async function socketSession(listen: (server: net.Server) => Promise<string[]>): Promise<{ answers: unknown[]; exitCode: number | null }> {
    const server = net.createServer();
    const args = await listen(server);
    const connected = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const child = spawn(process.execPath, [SERVER_PATH, ...args], { stdio: 'ignore' });
    try {
      const socket = await connected;
      return await session(createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket)), child);
    } finally {
      child.kill();
      server.close();
    }
  }

  it('gives the same answers over Node IPC, stdio, a TCP socket and a pipe (prepared JSON where the writer takes it)', async () => {
    const expected = await ipcAnswers();
    // The answers are real: diagnostics, tokens, stages in the outline, and the keystroke shows in the
    // diagnostics and the last tokens.
    const [diagnostics1, tokens1, outline1, , , diagnostics2, tokens3] = expected as [
      { diagnostics: { message: string }[] },
      { data: number[] },
      { kind: number; name: string; children?: { detail?: string }[] }[],
      unknown,
      unknown,
      { diagnostics: { message: string }[] },
      { data: number[] },
    ];
    expect(diagnostics1.diagnostics.length).toBeGreaterThan(10);
    expect(diagnostics2.diagnostics).not.toEqual(diagnostics1.diagnostics);
    expect(tokens1.data.length).toBeGreaterThan(1000);
    expect(outline1.filter((s) => s.kind === 5).length).toBeGreaterThan(10);
    expect(outline1.at(-1)?.name).toBe('ünïcode');
    expect(outline1.at(-1)?.children?.[1].detail).toBe('note="café ☕ 😀"');
    expect(tokens3.data).not.toEqual(tokens1.data);
    const withoutIds = (answers: unknown[]) => answers.map((a) => (a && typeof a === 'object' && 'resultId' in a ? { ...a, resultId: undefined } : a));

    const stdio = spawn(process.execPath, [SERVER_PATH, '--stdio'], { stdio: 'pipe' });
    try {
      const overStdio = await session(createProtocolConnection(new StreamMessageReader(stdio.stdout), new StreamMessageWriter(stdio.stdin)), stdio);
      expect(overStdio.exitCode).toBe(0);
      expect(withoutIds(overStdio.answers)).toEqual(withoutIds(expected));
    } finally {
      stdio.kill();
    }

    const overSocket = await socketSession(async (server) => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      // The library's other spelling: the port as the next argument.
      return ['--socket', String((server.address() as net.AddressInfo).port)];
    });
    expect(overSocket.exitCode).toBe(0);
    expect(withoutIds(overSocket.answers)).toEqual(withoutIds(expected));

    // A name with '=' in it is the whole rest of the argument.
    const pipePath = path.join(mkdtempSync(path.join(tmpdir(), 'lsp=')), 'pipe.sock');
    const overPipe = await socketSession(async (server) => {
      await new Promise<void>((resolve) => server.listen(pipePath, resolve));
      return [`--pipe=${pipePath}`];
    });
    expect(overPipe.exitCode).toBe(0);
    expect(withoutIds(overPipe.answers)).toEqual(withoutIds(expected));
  }, 60_000);

  it('over stdio, console output goes to the client as log messages, not into the protocol stream', async () => {
    // A module loaded before the server writes to the console once the server is running.
    const dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-'));
    const preload = path.join(dir, 'console.cjs');
    writeFileSync(preload, "setTimeout(() => { console.log('from console.log', 1); console.error('from console.error'); }, 0);\n");
    const child = spawn(process.execPath, ['--require', preload, SERVER_PATH, '--stdio'], { stdio: 'pipe' });
    try {
      const { answers, exitCode, logs } = await session(createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)), child);
      expect(exitCode).toBe(0);
      expect(logs).toEqual(expect.arrayContaining(['from console.log 1', 'from console.error']));
      expect((answers[1] as { data: number[] }).data.length).toBeGreaterThan(1000);
    } finally {
      child.kill();
    }
  }, 30_000);
});
