// Protocol abuse: the server answers every bad message properly or ignores it, and keeps serving
// correct answers afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { readCorpusFile, readExpected } from '../unit/syntax/corpus';
import { LspTestClient } from './client';
import { range } from './fixture';

const names = (symbols: DocumentSymbol[]) => symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]);

describe('robustness over the protocol', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  async function stillServes(c: LspTestClient): Promise<void> {
    const uri = `file:///alive/${Math.random()}/Dockerfile`;
    await c.open(uri, 'FROM alpine AS base\nRUN true\n');
    const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(names(symbols)).toEqual([['base', ['FROM', 'RUN']]]);
  }

  it('malformed JSON and broken headers are skipped', async () => {
    client = await LspTestClient.start();
    const body = '{"jsonrpc": "2.0", "id": 99, "method": ';
    client.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const notJson = 'this is not json';
    client.process.stdin.write(`Content-Length: ${notJson.length}\r\n\r\n${notJson}`);
    await stillServes(client);
  });

  it('changes before open, for unknown documents, and past the end of the text', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///edge/Dockerfile';
    await client.change(uri, [{ range: range(0, 0, 0, 0), text: 'FROM x\n' }], 1);
    expect(await client.request('textDocument/documentSymbol', { textDocument: { uri } })).toBeNull();
    await client.open(uri, 'FROM a AS one\n', 2);
    const version = await client.change(uri, [{ range: range(50, 3, 60, 0), text: 'FROM b AS two\n' }]);
    await client.diagnosticsFor(uri, version);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(names(symbols)).toEqual([
      ['one', ['FROM']],
      ['two', ['FROM']],
    ]);
  });

  it('a flood of 10,000 changes ends in the right text, and diagnostics carry the last version', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///flood/Dockerfile';
    await client.open(uri, 'FROM alpine\nRUN echo \n', 1);
    let text = 'FROM alpine\nRUN echo \n';
    let version = 1;
    for (let i = 0; i < 10_000; i++) {
      const ch = String.fromCharCode(97 + (i % 26));
      const column = 9 + i;
      version = await client.change(uri, [{ range: range(1, column, 1, column), text: ch }]);
      text = text.slice(0, 12 + column) + ch + text.slice(12 + column);
    }
    await client.diagnosticsFor(uri, version, 50_000);
    const fresh = await LspTestClient.start();
    try {
      await fresh.open('file:///flood/fresh/Dockerfile', text);
      const expected = await fresh.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: 'file:///flood/fresh/Dockerfile' } });
      const actual = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(actual).toEqual(expected);
      expect(actual[0].children![1].detail).toBe(('echo ' + 'abcdefghijklmnopqrstuvwxyz'.repeat(400)).slice(0, 59) + '…');
    } finally {
      await fresh.stop();
    }
  }, 60_000);

  it('a line nested 20,000 deep opens and answers (found by fuzzing: the stack overflowed)', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///deep/Dockerfile';
    const text = `FROM alpine AS base\nENV A=${'${a:-'.repeat(20_000)}x${'}'.repeat(20_000)}\nRUN ${'$('.repeat(20_000)}cd /x${')'.repeat(20_000)} | cat\n`;
    await client.open(uri, text, 1);
    const codes = (await client.diagnosticsFor(uri, 1)).map((d) => d.code);
    expect(codes).not.toContain('bad-substitution'); // BuildKit reads any depth
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(names(symbols)).toEqual([['base', ['FROM', 'ENV', 'RUN']]]);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 50 } });
    // An answer about `a`, not just a response (a null result would be one too).
    expect(hover?.contents.value).toMatch(/^\*\*`a`\*\*/);
    expect(client.logs.filter((l) => /failed/i.test(l))).toEqual([]);
  });

  it('an instruction of 200,000 words and a heredoc of 200,000 commands open and answer (found by review: the stack overflowed)', async () => {
    // V8 overflows its stack at a little over 100,000 spread arguments (`push(...words)`).
    client = await LspTestClient.start();
    const uri = 'file:///wide/Dockerfile';
    const words = Array.from({ length: 200_000 }, (_, i) => `a${i}`);
    const text = `FROM alpine:3.20 AS base\nRUN <<EOF\n${'sudo true\n'.repeat(200_000)}EOF\nCOPY ${words.join(' \\\n  ')} /dst/\nWORKDIR app\n`;
    await client.open(uri, text, 1);
    // A few seconds on an idle machine; the test's own bound (below) catches a hang.
    const diagnostics = await client.diagnosticsFor(uri, 1, 110_000);
    // The checks still run: the relative WORKDIR and a best practice in the heredoc are found.
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['WorkdirRelativePath', 'DL3004']));
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(names(symbols)).toEqual([['base', ['FROM', 'RUN', 'COPY', 'WORKDIR']]]);
    const tokens = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    // The last token is on the WORKDIR line, after the heredoc and the COPY's 200,000 lines.
    let lastLine = 0;
    for (let i = 0; i < tokens.data.length; i += 5) lastLine += tokens.data[i];
    expect(lastLine).toBe(text.split('\n').length - 2);
    expect(client.logs.filter((l) => /failed|exceeded/i.test(l))).toEqual([]);
    await stillServes(client);
  }, 120_000);

  it('a 5 MB document opens, answers and edits', async () => {
    client = await LspTestClient.start();
    const unit = readCorpusFile('real-world', readExpected('real-world')[0].file);
    const text = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const uri = 'file:///huge/Dockerfile';
    await client.open(uri, text, 1);
    // A bound on the wait, not on speed: the open of 5 MB takes seconds, many more on a busy machine.
    await client.diagnosticsFor(uri, 1, 100_000);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.length).toBeGreaterThan(100);
    const version = await client.change(uri, [{ range: range(0, 0, 0, 0), text: '# edited\n' }]);
    await client.diagnosticsFor(uri, version, 100_000);
    await stillServes(client);
  }, 240_000);
});
