import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InlayHint, Range } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture, range } from './fixture';

// Fixtures mark each expected hint with an empty range `$[$]` where it goes.

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

const WHOLE = range(0, 0, 1000, 0);

async function openFixture(source: string, on: LspTestClient = client) {
  const fixture = parseFixture(source);
  const uri = `file:///hints/${++count}/Dockerfile`;
  await on.open(uri, fixture.text);
  // Diagnostics are published once the document's settings are known.
  await on.diagnosticsFor(uri, 1);
  return { fixture, uri };
}

async function hints(uri: string, within: Range = WHOLE, on: LspTestClient = client): Promise<InlayHint[]> {
  return on.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: within });
}

/** `expected` gives [label, tooltip] for each marked position, in order. */
async function checkHints(source: string, expected: [label: string, tooltip: string][]): Promise<void> {
  const { fixture, uri } = await openFixture(source);
  expect(await hints(uri)).toEqual(expected.map(([label, tooltip], i) => ({ position: fixture.ranges[i].start, label, paddingLeft: true, tooltip })));
}

/** Only the labels at the marked positions. */
async function checkLabels(source: string, labels: string[]): Promise<void> {
  const { fixture, uri } = await openFixture(source);
  expect((await hints(uri)).map((h) => [h.position, h.label])).toEqual(labels.map((label, i) => [fixture.ranges[i].start, label]));
}

describe('inlayHint over LSP', () => {
  it('advertises inlay hints', () => {
    expect(client.initializeResult.capabilities.inlayHintProvider).toBe(true);
  });

  it('the value of a global ARG in FROM, and the index of unnamed stages', async () => {
    await checkHints('ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}$[$] AS build\nFROM nginx:alpine$[$]\nCOPY --from=build /app /usr/share/nginx/html\n', [
      ['= 20', 'NODE_VERSION is "20": the default of the global ARG on line 1 (--build-arg NODE_VERSION=... overrides it).'],
      ['stage 1', 'This stage has no name: later stages refer to it as --from=1. Name it with "AS <name>" to refer to it by name.'],
    ]);
  });

  it('a value that follows a build argument says which, and an operator\'s result is not the value (found by review)', async () => {
    await checkHints('FROM alpine\nARG V=1\nENV V=${V}$[$]0\nRUN echo $V$[$]\n', [
      ['= 1', 'V is "1": the default of the ARG on line 2 (--build-arg V=... overrides it).'],
      ['= 10', 'V is "10": set by ENV on line 3. It follows ARG V (line 2), which --build-arg can change.'],
    ]);
    await checkHints('FROM alpine\nARG A=1\nARG B=$A$[$]\nRUN echo $B$[$] ${A:+set}$[$]\n', [
      ['= 1', 'A is "1": the default of the ARG on line 2 (--build-arg A=... overrides it).'],
      ['= 1', 'B is "1": the default of the ARG on line 3 (--build-arg B=... overrides it). It follows ARG A (line 2), which --build-arg can change.'],
      ['= set', 'A is "1": the default of the ARG on line 2 (--build-arg A=... overrides it). ${A:+set} gives "set".'],
    ]);
  });

  it('no value where the command sets the name itself (found by review)', async () => {
    await checkLabels('FROM alpine\nARG A=1\nENV B=2\nRUN A=2 && echo $A; export B=3; echo $B\nRUN for A in x y; do echo $A; done\nRUN echo $A$[$] $B$[$]\n', ['= 1', '= 2']);
  });

  it('ARG and ENV values in RUN; only ENV values where the container runs', async () => {
    await checkHints('FROM alpine\nARG V=1.2\nENV HOME_DIR=/srv\nRUN echo $V$[$] $HOME_DIR$[$]\nCMD echo $V $HOME_DIR$[$]\n', [
      ['= 1.2', 'V is "1.2": the default of the ARG on line 2 (--build-arg V=... overrides it).'],
      ['= /srv', 'HOME_DIR is "/srv": set by ENV on line 3.'],
      ['= /srv', 'HOME_DIR is "/srv": set by ENV on line 3.'],
    ]);
  });

  it('a stage ARG that re-declares a global one shows the global default', async () => {
    await checkHints('ARG TAG=3.20\nFROM alpine\nARG TAG\nLABEL tag=$TAG$[$]\n', [
      ['= 3.20', 'TAG is "3.20": the default of the global ARG on line 1 (--build-arg TAG=... overrides it).'],
    ]);
  });

  it('what a substitution expands to, empty and long values', async () => {
    await checkLabels(
      'FROM alpine\nARG E= FILE=app.tar.gz LONG=0123456789012345678901234567890123456789\nENV A=${E:-fallback}$[$] B=${FILE%.gz}$[$] C=$E$[$] D=$LONG$[$]\n',
      ['= fallback', '= app.tar', '= ""', '= 01234567890123456789012345678…'],
    );
  });

  it('no value for what only the shell computes: its own forms, and patterns BuildKit would read otherwise (found by audit)', async () => {
    // sh gives 3.15.0, 8, "3.", 3.15.0B3 and 3.15.0 here; BuildKit's lexer (which knows none of these forms,
    // and reads `[` in a pattern as itself) would say 3.15.0b3 each time. A builder-expanded COPY
    // reads the bracket as BuildKit does, and a pattern without one reads the same in both.
    await checkLabels(
      [
        'FROM alpine',
        'ARG V=3.15.0b3',
        'RUN echo ${V%%[a-z]*} ${#V} ${V:0:2} ${V^^} ${V%%[!0-9.]*} ${V%%b*}$[$] "${V%\\3}" ${V}$[$] $V$[$]',
        'COPY ${V%%[a-z]*}$[$] /dest/',
        '',
      ].join('\n'),
      ['= 3.15.0', '= 3.15.0b3', '= 3.15.0b3', '= 3.15.0b3'],
    );
  });

  it('nothing where the value would mislead or is already in sight', async () => {
    await checkLabels(
      [
        'ARG UNSET',
        'FROM alpine:${UNSET}',
        'ARG A=1 B=${A}',
        'RUN ["echo", "$A"]',
        'COPY <<"EOF" /literal',
        '$A',
        'EOF',
        'ONBUILD RUN echo $A',
        'RUN echo $HOME ${A:-$HOME}',
        'ENTRYPOINT echo $A',
        'COPY <<EOF /expanded',
        '$A$[$]',
        'EOF',
        '',
      ].join('\n'),
      ['= 1'],
    );
  });

  it('no value for a variable that extends what the base image may set', async () => {
    // PATH always has a value (BuildKit's default or the image's), and an undeclared name may come from the image.
    await checkLabels('FROM golang:1.22\nENV PATH=/go/bin:$PATH APP=$APP_HOME/bin\nRUN echo $PATH $APP\nARG G=$GOOS-x\nRUN echo $G\n', []);
    // Before the first FROM only build arguments exist: an undeclared one is empty.
    await checkLabels('ARG A=${UNSET}x\nFROM alpine:${A}$[$]\n', ['= x']);
  });

  it('in a Windows shell, after what reads the environment: %NAME% for cmd (a Windows image\'s default), $env:NAME for PowerShell, whose $NAME is its own', async () => {
    await checkHints(
      [
        '# escape=`',
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
        'ENV APP=C:\\app',
        'RUN echo %APP%$[$] $APP',
        'SHELL ["powershell", "-Command"]',
        'RUN Write-Host $env:APP$[$] $APP',
        '',
      ].join('\n'),
      [
        ['= C:\\app', 'APP is "C:\\app": set by ENV on line 3.'],
        ['= C:\\app', 'APP is "C:\\app": set by ENV on line 3.'],
      ],
    );
  });

  it('names regardless of case in a Windows stage (a later ENV of another case replaces the earlier), exactly on Linux, PowerShell there too', async () => {
    await checkHints(
      [
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win',
        'ENV MyDir=C:/app',
        'ENV MYDIR=C:/srv',
        'WORKDIR $mydir$[$]',
        'RUN echo %MyDir%$[$]',
        'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04 AS pwsh',
        'ENV MyVar=1',
        'SHELL ["pwsh", "-Command"]',
        'RUN echo $env:myvar $env:MyVar$[$]',
        '',
      ].join('\n'),
      [
        ['= C:/srv', 'MYDIR is "C:/srv": set by ENV on line 3.'],
        ['= C:/srv', 'MYDIR is "C:/srv": set by ENV on line 3.'],
        ['= 1', 'MyVar is "1": set by ENV on line 7.'],
      ],
    );
  });

  it('only the hints inside the requested range', async () => {
    const { fixture, uri } = await openFixture('FROM alpine\nARG A=1\nRUN echo $A\nRUN echo $A$[$]\nRUN echo $A\n');
    expect((await hints(uri, range(3, 0, 3, 11))).map((h) => h.position)).toEqual([fixture.ranges[0].start]);
  });

  it('no stage index when there is only one stage', async () => {
    await checkLabels('FROM alpine\nRUN true\n', []);
  });

  it('follows the inlayHints settings', async () => {
    const configured = await LspTestClient.start({
      settings: { 'dockerfile-lsp': { inlayHints: { variableValues: false } } },
      capabilities: { workspace: { inlayHint: { refreshSupport: true } } },
    });
    const refreshed = new Promise<void>((resolve) => configured.connection.onRequest('workspace/inlayHint/refresh', () => (resolve(), null)));
    try {
      const { fixture, uri } = await openFixture('ARG V=1\nFROM alpine:$V$[$]\nFROM alpine$[$]\n', configured);
      expect((await hints(uri, WHOLE, configured)).map((h) => [h.position, h.label])).toEqual([
        [fixture.ranges[0].start, 'stage 0'],
        [fixture.ranges[1].start, 'stage 1'],
      ]);
      const published = new Set(configured.diagnostics.get(uri));
      await configured.setSettings({ 'dockerfile-lsp': { inlayHints: { enable: false } } });
      await configured.waitForDiagnostics(uri, (p) => !published.has(p));
      expect(await hints(uri, WHOLE, configured)).toEqual([]);
      await refreshed; // the server asked the editor to fetch hints again
    } finally {
      await configured.stop();
    }
  });
});
