import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Range, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture } from './fixture';

// Two open Dockerfiles; `$[ ... $]` marks each symbol's name, in document order.
const APP = parseFixture(
  ['ARG $[NODE_VERSION$]=20', 'FROM node:${NODE_VERSION} AS $[deps$]', 'ARG NODE_VERSION', 'ARG $[NPM_FLAGS$]', 'FROM deps AS $[build$]', 'FROM nginx', ''].join('\n'),
);
const TOOLS = parseFixture(['FROM golang AS $[builder$]', 'ARG $[GO_FLAGS$]=-trimpath', 'FROM scratch', ''].join('\n'));
const APP_URI = 'file:///workspace/app/Dockerfile';
const TOOLS_URI = 'file:///workspace/tools/Dockerfile';

let client: LspTestClient;

beforeAll(async () => {
  client = await LspTestClient.start();
  await client.open(APP_URI, APP.text);
  await client.open(TOOLS_URI, TOOLS.text);
});
afterAll(async () => client.stop());

async function checkSymbols(query: string, expected: [name: string, kind: number, uri: string, rangeIndex: number, container?: string][]): Promise<void> {
  const result = await client.request<SymbolInformation[]>('workspace/symbol', { query });
  const ranges: Record<string, Range[]> = { [APP_URI]: APP.ranges, [TOOLS_URI]: TOOLS.ranges };
  expect(result).toEqual(
    expected.map(([name, kind, uri, index, containerName]) => ({
      name,
      kind,
      location: { uri, range: ranges[uri][index] },
      ...(containerName !== undefined ? { containerName } : {}),
    })),
  );
}

describe('workspace/symbol over LSP', () => {
  it('advertises workspace symbols', () => {
    expect(client.initializeResult.capabilities.workspaceSymbolProvider).toBe(true);
  });

  it('lists named stages and ARGs of every open document, leaving out re-declarations', async () => {
    await checkSymbols('', [
      ['deps', 5, APP_URI, 1],
      ['build', 5, APP_URI, 3],
      ['NODE_VERSION', 13, APP_URI, 0, 'global'],
      ['NPM_FLAGS', 13, APP_URI, 2, 'deps'],
      ['builder', 5, TOOLS_URI, 0],
      ['GO_FLAGS', 13, TOOLS_URI, 1, 'builder'],
    ]);
  });

  it('matches the query fuzzily and case-insensitively', async () => {
    await checkSymbols('bld', [
      ['build', 5, APP_URI, 3],
      ['builder', 5, TOOLS_URI, 0],
    ]);
    await checkSymbols('FLAGS', [
      ['NPM_FLAGS', 13, APP_URI, 2, 'deps'],
      ['GO_FLAGS', 13, TOOLS_URI, 1, 'builder'],
    ]);
    await checkSymbols('nothing-matches', []);
  });

  it('forgets a closed document', async () => {
    const uri = 'file:///workspace/closed/Dockerfile';
    await client.open(uri, 'FROM alpine AS ephemeral\n');
    expect((await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ephemeral' })).map((s) => s.location.uri)).toEqual([uri]);
    await client.close(uri);
    expect(await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ephemeral' })).toEqual([]);
  });
});
