import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { range } from './fixture';

describe('documentSymbol and syntax diagnostics over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('advertises document symbols', () => {
    expect(client.initializeResult.capabilities.documentSymbolProvider).toBe(true);
    expect(client.initializeResult.capabilities.positionEncoding).toBe('utf-16');
  });

  it('returns stages with their instructions as children', async () => {
    const uri = 'file:///symbols/Dockerfile';
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG VERSION=3.20',
      'FROM alpine:${VERSION} AS build',
      'RUN apk add \\',
      '    curl',
      '',
      'FROM scratch',
      'COPY --from=build /bin/sh /sh',
      '',
    ].join('\n');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (list: DocumentSymbol[]): unknown[] =>
      list.map((s) => ({ name: s.name, detail: s.detail, kind: s.kind, range: s.range, selection: s.selectionRange, children: s.children ? shape(s.children) : undefined }));
    expect(shape(symbols)).toEqual([
      {
        name: 'ARG',
        detail: 'VERSION=3.20',
        kind: 13,
        range: range(1, 0, 1, 16),
        selection: range(1, 0, 1, 3),
        children: [{ name: 'VERSION', detail: '3.20', kind: 13, range: range(1, 4, 1, 16), selection: range(1, 4, 1, 11), children: undefined }],
      },
      {
        name: 'build',
        detail: 'alpine:3.20 · stage 0',
        kind: 5,
        range: range(2, 0, 4, 8),
        selection: range(2, 26, 2, 31),
        children: [
          { name: 'FROM', detail: 'alpine:${VERSION} AS build', kind: 12, range: range(2, 0, 2, 31), selection: range(2, 0, 2, 4), children: undefined },
          { name: 'RUN', detail: 'apk add curl', kind: 12, range: range(3, 0, 4, 8), selection: range(3, 0, 3, 3), children: undefined },
        ],
      },
      {
        name: 'scratch',
        detail: 'stage 1',
        kind: 5,
        range: range(6, 0, 7, 29),
        selection: range(6, 0, 6, 4),
        children: [
          { name: 'FROM', detail: 'scratch', kind: 12, range: range(6, 0, 6, 12), selection: range(6, 0, 6, 4), children: undefined },
          { name: 'COPY', detail: '--from=build /bin/sh /sh', kind: 12, range: range(7, 0, 7, 29), selection: range(7, 0, 7, 4), children: undefined },
        ],
      },
    ]);
  });

  it('names a stage by its resolved image when it has no name, with platform and index in the detail', async () => {
    const uri = 'file:///symbols/platform/Dockerfile';
    await client.open(uri, 'ARG BASE=debian:12\nFROM --platform=$BUILDPLATFORM ${BASE}\nFROM --platform=linux/arm64 alpine AS arm\n');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.detail, s.kind])).toEqual([
      ['ARG', 'BASE=debian:12', 13],
      ['debian:12', '--platform=$BUILDPLATFORM · stage 0', 5],
      ['arm', 'alpine · --platform=linux/arm64 · stage 1', 5],
    ]);
  });

  it('calls an unnamed stage built on an earlier stage by its index, not by that stage\'s name', async () => {
    const uri = 'file:///symbols/onstage/Dockerfile';
    await client.open(uri, 'FROM golang:1.22 AS build\nFROM build\nFROM --platform=linux/arm64 build AS test\n');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(symbols.map((s) => [s.name, s.detail, s.kind])).toEqual([
      ['build', 'golang:1.22 · stage 0', 5],
      ['stage 1', 'from stage build', 5],
      ['test', 'build · --platform=linux/arm64 · stage 2', 5],
    ]);
    // Renaming the base makes `FROM build` an image again; the outline follows.
    await client.change(uri, [{ range: { start: { line: 0, character: 25 }, end: { line: 0, character: 25 } }, text: 'er' }]);
    const after = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(after.map((s) => [s.name, s.detail])).toEqual([
      ['builder', 'golang:1.22 · stage 0'],
      ['build', 'stage 1'],
      ['test', 'build · --platform=linux/arm64 · stage 2'],
    ]);
  });

  it('limits the outline to outline.maxItems symbols, stages first, and logs it once per document', async () => {
    const limited = await LspTestClient.start({ settings: { 'dockerfile-lsp': { outline: { maxItems: 4 } } } });
    try {
      const uri = 'file:///symbols/limited/Dockerfile';
      await limited.open(uri, 'FROM alpine:3 AS one\nENV X=1\nFROM alpine:3 AS two\nRUN true\n');
      await limited.diagnosticsFor(uri, 1); // the document's settings have arrived by then
      for (let i = 0; i < 2; i++) {
        const symbols = await limited.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols.map((s) => [s.name, s.children?.map((c) => c.name)])).toEqual([
          ['one', ['FROM', 'ENV']],
          ['two', []],
        ]);
      }
      expect(limited.logs.filter((m) => m.includes('outline'))).toEqual([
        `The outline of ${uri} lists 4 symbols and leaves out 3 (setting dockerfile-lsp.outline.maxItems).`,
      ]);
    } finally {
      await limited.stop();
    }
  });

  it('publishes syntax errors with the version of the edit, and clears them when fixed', async () => {
    const uri = 'file:///errors/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nRUN <<EOF\necho hi\n', 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      { range: range(1, 4, 1, 9), severity: 1, code: 'unterminated-heredoc', source: 'dockerfile-lsp', message: 'unterminated heredoc: no line "EOF" ends it' },
    ]);
    const version = await client.change(uri, [{ range: range(3, 0, 3, 0), text: 'EOF\n' }]);
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);
  });
});
