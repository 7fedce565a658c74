import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './client';

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
