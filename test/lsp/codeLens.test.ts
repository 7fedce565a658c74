import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture, range } from './fixture';

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

async function lenses(source: string, on: LspTestClient = client) {
  const fixture = parseFixture(source);
  const uri = `file:///lens/${++count}/Dockerfile`;
  await on.open(uri, fixture.text);
  await on.diagnosticsFor(uri, 1); // the document's settings are known from here on
  return { fixture, uri, lenses: await on.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } }) };
}

describe('codeLens over LSP', () => {
  it('advertises code lenses resolved up front', () => {
    expect(client.initializeResult.capabilities.codeLensProvider).toEqual({ resolveProvider: false });
  });

  it('names each stage, counts the later stages that use it, and links to those uses', async () => {
    const { fixture, uri, lenses: result } = await lenses(
      [
        'FROM golang:1.22 AS build',
        'RUN go build -o /app',
        'FROM $[build$] AS test',
        'RUN go test ./...',
        'FROM alpine',
        'RUN --mount=from=$[build$],target=/src true',
        'FROM gcr.io/distroless/static',
        'COPY --from=$[build$] /app /app',
        'COPY --from=$[0$] /etc/ssl /etc/ssl',
        '',
      ].join('\n'),
    );
    expect(result).toEqual([
      {
        range: range(0, 0, 0, 4),
        command: {
          title: 'build (stage 0) · used by 3 later stages',
          command: 'dockerfile-lsp.showReferences',
          arguments: [uri, { line: 0, character: 0 }, fixture.ranges.map((r) => ({ uri, range: r }))],
        },
      },
      { range: range(2, 0, 2, 4), command: { title: 'test (stage 1) · not used by later stages · built only with --target test', command: '' } },
      { range: range(4, 0, 4, 4), command: { title: 'stage 2 · not used by later stages · not built by default', command: '' } },
      { range: range(6, 0, 6, 4), command: { title: 'stage 3 · final stage, built by default', command: '' } },
    ]);
  });

  it('follows shared names as BuildKit resolves them, and counts no use from a stage above (BuildKit builds stages in file order)', async () => {
    // a copies from c further down, which fails, so c is not counted as used; b is never built. Of the
    // two stages named x, --from=x (and --target x) means the last and FROM x the nearest earlier.
    const { lenses: result } = await lenses(
      'FROM alpine AS a\nCOPY --from=c /x /y\nFROM alpine AS b\nFROM alpine AS c\nFROM alpine AS x\nFROM x AS y\nFROM alpine AS x\nFROM scratch\nCOPY --from=a /x /y\nCOPY --from=x /x /y\n',
    );
    expect(result.map((lens) => lens.command?.title)).toEqual([
      'a (stage 0) · used by 1 later stage',
      'b (stage 1) · not used by later stages · built only with --target b',
      'c (stage 2) · not used by later stages · built only with --target c',
      'x (stage 3) · used by 1 later stage · not built by default',
      'y (stage 4) · not used by later stages · built only with --target y',
      'x (stage 5) · used by 1 later stage',
      'stage 6 · final stage, built by default',
    ]);
  });

  it('a FROM whose variable the file does not decide may name any stage its text fits: those are not said to be unused or built only with --target (found by audit)', async () => {
    // TARGETOS depends on the platform, so the final stage is built from bin-linux or bin-windows,
    // and with them from build; other is the one stage that no default build can need.
    const { lenses: result } = await lenses(
      [
        'FROM golang AS build',
        'FROM scratch AS bin-linux',
        'COPY --from=build /out/app /app',
        'FROM scratch AS bin-windows',
        'COPY --from=build /out/app.exe /app.exe',
        'FROM scratch AS other',
        'FROM bin-$TARGETOS',
        '',
      ].join('\n'),
    );
    expect(result.map((lens) => lens.command?.title)).toEqual([
      'build (stage 0) · used by 2 later stages',
      'bin-linux (stage 1) · may be used by 1 later stage, whose FROM has a variable',
      'bin-windows (stage 2) · may be used by 1 later stage, whose FROM has a variable',
      'other (stage 3) · not used by later stages · built only with --target other',
      'stage 4 · final stage, built by default',
    ]);
  });

  it('a FROM that picks a stage through an ARG default may name any other stage its text fits, as --build-arg picks it', async () => {
    // The reference's way to choose a stage by argument: V=b builds variant-b instead of variant-a.
    // A default that names an image leaves the stages alone: the variable is meant for images.
    const { lenses: result } = await lenses(
      [
        'ARG V=a',
        'ARG BASE=alpine:3.20',
        'FROM alpine AS variant-a',
        'FROM alpine AS variant-b',
        'FROM alpine AS other',
        'FROM variant-${V} AS chosen',
        'FROM ${BASE}',
        'COPY --from=chosen /x /y',
        '',
      ].join('\n'),
    );
    expect(result.map((lens) => lens.command?.title)).toEqual([
      'variant-a (stage 0) · used by 1 later stage',
      'variant-b (stage 1) · may be used by 1 later stage, whose FROM has a variable',
      'other (stage 2) · not used by later stages · built only with --target other',
      'chosen (stage 3) · used by 1 later stage',
      'stage 4 · final stage, built by default',
    ]);
  });

  it('counts the stages an ONBUILD trigger names as used by the stage that runs it, as BuildKit builds them for it', async () => {
    // FROM base runs base's triggers in child: tools (above it) is built for it, late (below it) cannot be,
    // and the last stage, built FROM child, does not run them again (triggers skip grandchildren).
    const { fixture, uri, lenses: result } = await lenses(
      [
        'FROM alpine AS tools',
        'FROM alpine AS base',
        'ONBUILD COPY --from=$[tools$] /x /y',
        'ONBUILD RUN --mount=from=late,target=/l true',
        'FROM base AS child',
        'FROM alpine AS late',
        'FROM child',
        '',
      ].join('\n'),
    );
    expect(result[0].command).toEqual({
      title: 'tools (stage 0) · used by 1 later stage',
      command: 'dockerfile-lsp.showReferences',
      arguments: [uri, { line: 0, character: 0 }, [{ uri, range: fixture.ranges[0] }]],
    });
    expect(result.slice(1).map((lens) => lens.command?.title)).toEqual([
      'base (stage 1) · used by 1 later stage',
      'child (stage 2) · used by 1 later stage',
      'late (stage 3) · not used by later stages · built only with --target late',
      'stage 4 · final stage, built by default',
    ]);
  });

  it('a stage that only other non-default stages use is built with their --target too, not only with its own (found by exploratory review)', async () => {
    // docker build --target dev builds base as well; the final stage needs neither.
    const { lenses: result } = await lenses('FROM node:20 AS base\nFROM base AS dev\nFROM base AS test\nFROM nginx:1.27\n');
    expect(result.map((lens) => lens.command?.title)).toEqual([
      'base (stage 0) · used by 2 later stages · built only with --target base or a later stage that needs it',
      'dev (stage 1) · not used by later stages · built only with --target dev',
      'test (stage 2) · not used by later stages · built only with --target test',
      'stage 3 · final stage, built by default',
    ]);
  });

  it('counts a stage once per using stage', async () => {
    const { uri, lenses: result } = await lenses('FROM alpine AS base\nFROM scratch\nCOPY --from=base /a /a\nCOPY --from=BASE /b /b\n');
    expect(result[0].command).toEqual({
      title: 'base (stage 0) · used by 1 later stage',
      command: 'dockerfile-lsp.showReferences',
      arguments: [uri, { line: 0, character: 0 }, [{ uri, range: range(2, 12, 2, 16) }, { uri, range: range(3, 12, 3, 16) }]],
    });
  });

  it('none when codeLens.enable is off, and a refresh request when that changes', async () => {
    const configured = await LspTestClient.start({
      settings: { 'dockerfile-lsp': { codeLens: { enable: false } } },
      capabilities: { workspace: { codeLens: { refreshSupport: true } } },
    });
    const refreshed = new Promise<void>((resolve) => configured.connection.onRequest('workspace/codeLens/refresh', () => (resolve(), null)));
    try {
      const { uri, lenses: none } = await lenses('FROM alpine\n', configured);
      expect(none).toEqual([]);
      await configured.setSettings({ 'dockerfile-lsp': { codeLens: { enable: true } } });
      await refreshed;
      expect(await configured.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).toEqual([
        { range: range(0, 0, 0, 4), command: { title: 'stage 0 · final stage, built by default', command: '' } },
      ]);
    } finally {
      await configured.stop();
    }
  });
});
