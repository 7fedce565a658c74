// The server speaks LSP over stdio (the other tests), a TCP socket and Node IPC, and answers
// --version and --help.
import { fork, spawn, spawnSync } from 'node:child_process';
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, SocketMessageReader, SocketMessageWriter, type InitializeResult } from 'vscode-languageserver-protocol/node';
import { SERVER_PATH } from './client';

const INITIALIZE = { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null };

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

  it('serves over --socket=PORT (the client listens, the server connects)', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    const connected = new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    const child = spawn(process.execPath, [SERVER_PATH, `--socket=${port}`], { stdio: 'ignore' });
    try {
      const socket = await connected;
      const connection = createProtocolConnection(new SocketMessageReader(socket), new SocketMessageWriter(socket));
      connection.listen();
      const result = (await connection.sendRequest('initialize', INITIALIZE)) as InitializeResult;
      expect(result.serverInfo?.name).toBe('dockerfile-lsp');
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
      connection.dispose();
    } finally {
      child.kill();
      server.close();
    }
  });

  it('serves over --node-ipc', async () => {
    const child = fork(SERVER_PATH, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    try {
      const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
      connection.listen();
      const result = (await connection.sendRequest('initialize', INITIALIZE)) as InitializeResult;
      expect(result.capabilities.textDocumentSync).toMatchObject({ change: 2 });
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await connection.sendNotification('exit');
      expect(await exited).toBe(0);
      connection.dispose();
    } finally {
      child.kill();
    }
  });
});
