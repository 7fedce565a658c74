import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Position, Range, SelectionRange } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from './client';
import { cursorOf, parseFixture, range } from './fixture';

let counter = 0;

/** The selection chain at the `$0` cursor, innermost first, as [range, selected text]. */
async function chain(client: LspTestClient, source: string): Promise<[Range, string][]> {
  const fixture = parseFixture(source);
  const [result] = await selections(client, fixture.text, [cursorOf(fixture)]);
  return flatten(fixture.text, result);
}

async function selections(client: LspTestClient, text: string, positions: Position[]): Promise<SelectionRange[]> {
  const uri = `file:///selection/${++counter}/Dockerfile`;
  await client.open(uri, text);
  return client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions });
}

function flatten(text: string, selection: SelectionRange | undefined): [Range, string][] {
  const doc = TextDocument.create('file:///x', 'dockerfile', 1, text);
  const out: [Range, string][] = [];
  for (let s = selection; s; s = s.parent) out.push([s.range, doc.getText(s.range)]);
  return out;
}

const STAGE = 'FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/root/.cache \\\n    go build ./cmd/app-server\nENV VERSION=${TAG:-1.0}';

describe('selection ranges over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('advertises selection ranges', () => {
    expect(client.initializeResult.capabilities.selectionRangeProvider).toBe(true);
  });

  it('mount option value → option → flag → instruction → stage → document', async () => {
    const source = STAGE.replace('type=cache', 'type=ca$0che');
    expect(await chain(client, source)).toEqual([
      [range(1, 17, 1, 22), 'cache'],
      [range(1, 12, 1, 22), 'type=cache'],
      [range(1, 12, 1, 42), 'type=cache,target=/root/.cache'],
      [range(1, 4, 1, 42), '--mount=type=cache,target=/root/.cache'],
      [range(1, 0, 2, 29), 'RUN --mount=type=cache,target=/root/.cache \\\n    go build ./cmd/app-server'],
      [range(0, 0, 3, 23), STAGE],
    ]);
  });

  it('word → shell word → command in shell form', async () => {
    const source = STAGE.replace('app-server', 'app-ser$0ver');
    expect(await chain(client, source)).toEqual([
      [range(2, 23, 2, 29), 'server'],
      [range(2, 13, 2, 29), './cmd/app-server'],
      [range(2, 4, 2, 29), 'go build ./cmd/app-server'],
      [range(1, 0, 2, 29), 'RUN --mount=type=cache,target=/root/.cache \\\n    go build ./cmd/app-server'],
      [range(0, 0, 3, 23), STAGE],
    ]);
  });

  it('image tag → image → arguments → instruction', async () => {
    const source = STAGE.replace('1.22', '1.2$02');
    expect(await chain(client, source)).toEqual([
      [range(0, 14, 0, 16), '22'],
      [range(0, 12, 0, 16), '1.22'],
      [range(0, 5, 0, 16), 'golang:1.22'],
      [range(0, 5, 0, 25), 'golang:1.22 AS build'],
      [range(0, 0, 0, 25), 'FROM golang:1.22 AS build'],
      [range(0, 0, 3, 23), STAGE],
    ]);
  });

  it('repository → name with registry → image', async () => {
    expect(await chain(client, 'FROM ghcr.io/o$0rg/app:1.2\n')).toEqual([
      [range(0, 13, 0, 16), 'org'],
      [range(0, 13, 0, 20), 'org/app'],
      [range(0, 5, 0, 20), 'ghcr.io/org/app'],
      [range(0, 5, 0, 24), 'ghcr.io/org/app:1.2'],
      [range(0, 0, 0, 24), 'FROM ghcr.io/org/app:1.2'],
      [range(0, 0, 1, 0), 'FROM ghcr.io/org/app:1.2\n'],
    ]);
  });

  it('variable name → reference → value → pair → instruction', async () => {
    const source = STAGE.replace('${TAG', '${T$0AG');
    expect(await chain(client, source)).toEqual([
      [range(3, 14, 3, 17), 'TAG'],
      [range(3, 12, 3, 23), '${TAG:-1.0}'],
      [range(3, 4, 3, 23), 'VERSION=${TAG:-1.0}'],
      [range(3, 0, 3, 23), 'ENV VERSION=${TAG:-1.0}'],
      [range(0, 0, 3, 23), STAGE],
    ]);
  });

  it('in the text of a Windows shell, the variable as that shell reads it: %NAME%, $env:NAME', async () => {
    const stage = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP=C:/app\n';
    const cmd = await chain(client, `${stage}RUN echo %A$0PP% done`);
    expect(cmd.slice(0, 3).map(([, text]) => text)).toEqual(['APP', '%APP%', 'echo %APP% done']);
    const powershell = await chain(client, `${stage}SHELL ["powershell", "-Command"]\nRUN Write-Host $e$0nv:APP`);
    // Not `$env`, which a POSIX shell would read as a variable.
    expect(powershell.slice(0, 3).map(([, text]) => text)).toEqual(['env', '$env:APP', 'Write-Host $env:APP']);
  });

  it('comment word → comment line → comment block → document; directive value → directive', async () => {
    const text = '# syntax=docker/dockerfile:1\n# Build stage:\n# compiles the app\nFROM alpine\n';
    const [comment, directive] = await selections(client, text, [
      { line: 2, character: 4 },
      { line: 0, character: 12 },
    ]);
    expect(flatten(text, comment)).toEqual([
      [range(2, 2, 2, 10), 'compiles'],
      [range(2, 0, 2, 18), '# compiles the app'],
      [range(1, 0, 2, 18), '# Build stage:\n# compiles the app'],
      [range(0, 0, 4, 0), text],
    ]);
    expect(flatten(text, directive)).toEqual([
      [range(0, 9, 0, 15), 'docker'],
      [range(0, 9, 0, 28), 'docker/dockerfile:1'],
      [range(0, 0, 0, 28), '# syntax=docker/dockerfile:1'],
      [range(0, 0, 4, 0), text],
    ]);
  });

  it('JSON string contents → string → array → instruction; heredoc body line\'s command → body', async () => {
    expect(await chain(client, 'FROM alpine\nCMD ["echo", "hel$0lo"]')).toEqual([
      [range(1, 14, 1, 19), 'hello'],
      [range(1, 13, 1, 20), '"hello"'],
      [range(1, 4, 1, 21), '["echo", "hello"]'],
      [range(1, 0, 1, 21), 'CMD ["echo", "hello"]'],
      [range(0, 0, 1, 21), 'FROM alpine\nCMD ["echo", "hello"]'],
    ]);
    expect(await chain(client, 'FROM alpine\nRUN <<EOF\necho o$0ne\necho two\nEOF\n')).toEqual([
      [range(2, 5, 2, 8), 'one'],
      [range(2, 0, 2, 8), 'echo one'],
      [range(2, 0, 3, 8), 'echo one\necho two'],
      [range(1, 0, 4, 3), 'RUN <<EOF\necho one\necho two\nEOF'],
      [range(0, 0, 4, 3), 'FROM alpine\nRUN <<EOF\necho one\necho two\nEOF'],
      [range(0, 0, 5, 0), 'FROM alpine\nRUN <<EOF\necho one\necho two\nEOF\n'],
    ]);
  });

  it('shell words keep quoted strings whole: contents → string → command of the chain → command line', async () => {
    const text = 'FROM alpine\nRUN --mount=type=cache,target=/x echo "a b" \\\n    && echo done';
    const [atA, atB] = await selections(client, text, [
      { line: 1, character: 40 },
      { line: 1, character: 42 },
    ]);
    const rest: [Range, string][] = [
      [range(1, 38, 1, 43), '"a b"'],
      [range(1, 33, 1, 43), 'echo "a b"'],
      [range(1, 33, 2, 16), 'echo "a b" \\\n    && echo done'],
      [range(1, 0, 2, 16), 'RUN --mount=type=cache,target=/x echo "a b" \\\n    && echo done'],
      [range(0, 0, 2, 16), text],
    ];
    expect(flatten(text, atA)).toEqual([[range(1, 39, 1, 40), 'a'], [range(1, 39, 1, 42), 'a b'], ...rest]);
    expect(flatten(text, atB)).toEqual([[range(1, 41, 1, 42), 'b'], [range(1, 39, 1, 42), 'a b'], ...rest]);
  });

  it('in a RUN chain, the simple command around the word comes before the whole command line (found by exploratory review)', async () => {
    const text = 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl | tee /log && \\\n    echo "done" > /tmp/ok\nRUN if true; then make install; fi\n';
    const [install, echo, make] = await selections(client, text, [
      { line: 2, character: 24 },
      { line: 3, character: 24 },
      { line: 4, character: 20 },
    ]);
    expect(flatten(text, install).slice(0, 3).map(([, t]) => t)).toEqual(['curl', 'apt-get install -y curl', text.slice(19, text.indexOf('\nRUN if'))]);
    expect(flatten(text, echo).slice(0, 3)).toEqual([
      [range(3, 23, 3, 25), 'ok'],
      [range(3, 18, 3, 25), '/tmp/ok'],
      [range(3, 4, 3, 25), 'echo "done" > /tmp/ok'],
    ]);
    expect(flatten(text, make).slice(0, 3).map(([, t]) => t)).toEqual(['make', 'make install', 'if true; then make install; fi']);
    // The shell words split at blanks only: `/app&&make` and `all;` are cut to the command.
    const joined = await chain(client, 'FROM alpine\nRUN cd /app&&make a$0ll;echo hi\n');
    expect(joined.slice(0, 3).map(([, t]) => t)).toEqual(['all', 'make all', 'cd /app&&make all;echo hi']);
    const heredoc = await chain(client, 'FROM alpine\nRUN <<EOF\napk add cu$0rl; echo hi\nEOF\n');
    expect(heredoc.slice(0, 3).map(([, t]) => t)).toEqual(['curl', 'apk add curl', 'apk add curl; echo hi']);
  });

  it('a command left open at the end of the file (an unclosed quote, a final backslash) steps once to each range', async () => {
    expect((await chain(client, "FROM alpine\nRUN echo 'ab$0c")).map(([, t]) => t)).toEqual(["abc", "'abc", "echo 'abc", "RUN echo 'abc", "FROM alpine\nRUN echo 'abc"]);
    expect((await chain(client, 'FROM alpine\nRUN echo ab$0c \\')).map(([, t]) => t)).toEqual(['abc', 'echo abc', 'RUN echo abc \\', 'FROM alpine\nRUN echo abc \\']);
  });

  it('no command step in a COPY heredoc (a file\'s text), a Python heredoc, or where cmd runs the command line', async () => {
    const copy = await chain(client, 'FROM alpine\nCOPY <<EOF /etc/app.conf\nkey=va$0lue other\nEOF\n');
    expect(copy.slice(0, 3).map(([, t]) => t)).toEqual(['value', 'key=value', 'key=value other']);
    const python = await chain(client, 'FROM python:3\nRUN python3 <<EOF\nprint(1); x = $03\nEOF\n');
    expect(python.slice(0, 2).map(([, t]) => t)).toEqual(['3', 'print(1); x = 3']);
    const cmd = await chain(client, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo a && echo b$0c\n');
    expect(cmd.slice(0, 2).map(([, t]) => t)).toEqual(['bc', 'echo a && echo bc']);
  });

  it('shell words: single quotes, an escaped blank, quotes inside a word and across a continuation', async () => {
    expect((await chain(client, "FROM alpine\nRUN echo 'it w$0orks'")).map(([, t]) => t).slice(0, 3)).toEqual(['works', 'it works', "'it works'"]);
    expect((await chain(client, 'FROM alpine\nRUN echo a\\ b$0c d')).map(([, t]) => t).slice(0, 2)).toEqual(['bc', 'a\\ bc']);
    expect((await chain(client, 'FROM alpine\nRUN echo --x="1 $02"y z')).map(([, t]) => t).slice(0, 4)).toEqual(['2', '1 2', '"1 2"', '--x="1 2"y']);
    expect((await chain(client, 'FROM alpine\nRUN echo "one \\\n  tw$0o" x')).map(([, t]) => t).slice(0, 3)).toEqual(['two', 'one \\\n  two', '"one \\\n  two"']);
    // The shell's own substitutions, which BuildKit's rules reject, do not get in the way.
    expect((await chain(client, 'FROM alpine\nRUN echo ${V:0:2} "a $0b"')).map(([, t]) => t).slice(0, 3)).toEqual(['b', 'a b', '"a b"']);
  });

  it('shell words split at blanks while a quote is open, and in a heredoc body line', async () => {
    expect((await chain(client, 'FROM alpine\nRUN echo "a b-$0c d')).map(([, t]) => t).slice(0, 3)).toEqual(['c', 'b-c', 'echo "a b-c d']);
    expect((await chain(client, 'FROM alpine\nRUN <<EOF\necho "x y$0z"\nEOF\n')).map(([, t]) => t).slice(0, 3)).toEqual(['yz', 'x yz', '"x yz"']);
  });
});
