import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { readCorpusFile, readExpected } from '../unit/syntax/corpus';
import { LspTestClient } from './client';
import { range } from './fixture';

let counter = 0;

async function open(client: LspTestClient, text: string): Promise<string> {
  const uri = `file:///tokens/${++counter}/Dockerfile`;
  await client.open(uri, text);
  return uri;
}

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Decodes LSP's relative integers as `line:char "text" type.modifier…`, checking each against the legend and the text. */
function decode(legend: SemanticTokensLegend, text: string, data: readonly number[]): string[] {
  const source = lines(text);
  const out: string[] = [];
  let line = 0;
  let char = 0;
  let previousEnd = 0;
  expect(data.length % 5).toBe(0);
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaChar, length, type, modifiers] = data.slice(i, i + 5);
    if (deltaLine > 0) previousEnd = 0;
    line += deltaLine;
    char = deltaLine > 0 ? deltaChar : char + deltaChar;
    const where = `token ${i / 5} at ${line}:${char}`;
    if (type >= legend.tokenTypes.length) throw new Error(`${where}: type ${type} is not in the legend`);
    if (modifiers >> legend.tokenModifiers.length !== 0) throw new Error(`${where}: modifiers ${modifiers} are not in the legend`);
    if (line >= source.length || char + length > source[line].length) throw new Error(`${where}: outside its line`);
    if (length <= 0 || char < previousEnd) throw new Error(`${where}: empty or overlapping`);
    previousEnd = char + length;
    const names = legend.tokenModifiers.filter((_, bit) => modifiers & (1 << bit));
    out.push(`${line}:${char} ${JSON.stringify(source[line].slice(char, char + length))} ${[legend.tokenTypes[type], ...names].join('.')}`);
  }
  return out;
}

const FIXTURE = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=alpine:3.20',
  'FROM ${BASE} AS build',
  'ARG TARGETARCH',
  'ENV PATH=/opt/bin:$PATH',
  'RUN --mount=type=cache,target=/root/.cache,sharing=locked \\',
  '    echo "$TARGETARCH $HOME"',
  '# final stage',
  'FROM ghcr.io/acme/base:1.0 AS final',
  'COPY --from=build --chmod=755 <<EOF /app/run',
  'echo ${PATH:-/bin}',
  'EOF',
  'EXPOSE 8080/tcp',
  'MAINTAINER someone',
  'HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]',
  '',
].join('\n');

describe('semantic tokens over LSP', () => {
  let client: LspTestClient;
  let legend: SemanticTokensLegend;
  beforeAll(async () => {
    client = await LspTestClient.start();
    legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
  });
  afterAll(async () => client.stop());

  it('advertises full (with delta) and range requests with a legend of standard types', () => {
    expect(client.initializeResult.capabilities.semanticTokensProvider).toEqual({
      legend: {
        tokenTypes: ['keyword', 'parameter', 'property', 'enumMember', 'number', 'string', 'variable', 'operator', 'class', 'type', 'namespace', 'comment', 'macro', 'label'],
        tokenModifiers: ['declaration', 'readonly', 'defaultLibrary', 'deprecated'],
      },
      full: { delta: true },
      range: true,
    });
  });

  it('colours the Dockerfile, and leaves shell text to the grammar except for the Dockerfile’s own variables', async () => {
    const uri = await open(client, FIXTURE);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(decode(legend, FIXTURE, result.data)).toEqual([
      '0:0 "#" comment',
      '0:2 "syntax" macro',
      '0:8 "=" operator',
      '0:9 "docker/dockerfile:1" string',
      '1:0 "ARG" keyword',
      '1:4 "BASE" variable.declaration',
      '1:9 "alpine:3.20" string',
      '2:0 "FROM" keyword',
      '2:5 "${BASE}" variable',
      '2:13 "AS" keyword',
      '2:16 "build" class.declaration',
      '3:0 "ARG" keyword',
      '3:4 "TARGETARCH" variable.declaration.readonly.defaultLibrary',
      '4:0 "ENV" keyword',
      '4:4 "PATH" variable.declaration',
      '4:9 "/opt/bin:" string',
      '4:18 "$PATH" variable',
      '5:0 "RUN" keyword',
      '5:4 "--mount" parameter',
      '5:12 "type" property',
      '5:17 "cache" enumMember',
      '5:23 "target" property',
      '5:30 "/root/.cache" string',
      '5:43 "sharing" property',
      '5:51 "locked" enumMember',
      // $TARGETARCH is the stage's ARG; $HOME belongs to the shell and gets nothing.
      '6:10 "$TARGETARCH" variable.readonly.defaultLibrary',
      '7:0 "# final stage" comment',
      '8:0 "FROM" keyword',
      '8:5 "ghcr.io" namespace',
      '8:13 "acme/base" type',
      '8:23 "1.0" string',
      '8:27 "AS" keyword',
      '8:30 "final" class.declaration',
      '9:0 "COPY" keyword',
      '9:5 "--from" parameter',
      '9:12 "build" class',
      '9:18 "--chmod" parameter',
      '9:26 "755" string',
      '9:30 "<<EOF" label',
      // COPY expands its heredoc body itself.
      '10:5 "${PATH" variable',
      '10:11 ":-" operator',
      '10:17 "}" variable',
      '11:0 "EOF" label',
      '12:0 "EXPOSE" keyword',
      '12:7 "8080" number',
      '12:12 "tcp" enumMember',
      '13:0 "MAINTAINER" keyword.deprecated',
      '14:0 "HEALTHCHECK" keyword',
      '14:12 "--interval" parameter',
      '14:23 "30s" number',
      '14:27 "CMD" keyword',
      '14:32 "\\"curl\\"" string',
      '14:40 "\\"-f\\"" string',
      '14:46 "\\"http://localhost/\\"" string',
    ]);
  });

  it('colours only variables someone expands: not exec-form text, not build arguments in the container', async () => {
    const text = ['FROM alpine', 'ARG A=1', 'ENV B=2', 'CMD ["echo", "$B"]', 'CMD echo $A $B', 'RUN ["sh", "-c", "echo $A"]', ''].join('\n');
    const uri = await open(client, text);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(decode(legend, text, result.data).filter((token) => / variable/.test(token))).toEqual([
      '1:4 "A" variable.declaration',
      '2:4 "B" variable.declaration',
      '4:12 "$B" variable',
      '5:23 "$A" variable',
    ]);
  });

  it('colours mount values by the type the last type= gives, as BuildKit reads repeated ones', async () => {
    const text = 'FROM alpine\nRUN --mount=type=tmpfs,TYPE=cache,target=/c,sharing=locked true\n';
    const uri = await open(client, text);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(decode(legend, text, result.data).filter((token) => token.startsWith('1:') && !token.includes('property'))).toEqual([
      '1:0 "RUN" keyword',
      '1:4 "--mount" parameter',
      '1:17 "tmpfs" enumMember',
      '1:28 "cache" enumMember',
      '1:41 "/c" string',
      '1:52 "locked" enumMember',
    ]);
  });

  it('gives ${NAME} one token, also in a COPY heredoc body, and splits ${NAME:-word} around its operator', async () => {
    const text = ['FROM alpine', 'ARG A=1', 'COPY <<EOF /x', '${A} ${A:-d}', 'EOF', ''].join('\n');
    const uri = await open(client, text);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(decode(legend, text, result.data).filter((token) => token.startsWith('3:'))).toEqual([
      '3:0 "${A}" variable',
      '3:5 "${A" variable',
      '3:8 ":-" operator',
      '3:11 "}" variable',
    ]);
  });

  it('splits tokens at line ends and around line-continuing escapes and comment lines', async () => {
    const text = 'FROM alpine\nLABEL description="one \\\n# dropped by BuildKit\n  two"\n';
    const uri = await open(client, text);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(decode(legend, text, result.data)).toEqual([
      '0:0 "FROM" keyword',
      '0:5 "alpine" type',
      '1:0 "LABEL" keyword',
      '1:6 "description" property',
      '1:18 "\\"one " string',
      '2:0 "# dropped by BuildKit" comment',
      '3:0 "  two\\"" string',
    ]);
  });

  it('answers a range request with the tokens of the lines in the range', async () => {
    const uri = await open(client, FIXTURE);
    const result = await client.request<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range: range(12, 0, 13, 0) });
    expect(decode(legend, FIXTURE, result.data)).toEqual(['12:0 "EXPOSE" keyword', '12:7 "8080" number', '12:12 "tcp" enumMember']);
  });

  it('answers a delta request with edits that turn the previous result into the new one', async () => {
    const uri = await open(client, FIXTURE);
    const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    await client.change(uri, [{ range: range(12, 7, 12, 11), text: '9090 9091' }]);
    const delta = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
    expect(delta.resultId).not.toBe(first.resultId);
    expect(delta.edits.length).toBe(1);
    const patched = first.data.slice();
    for (const e of [...delta.edits].reverse()) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
    const fresh = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    expect(patched).toEqual(fresh.data);
    expect(decode(legend, FIXTURE.replace('8080/tcp', '9090 9091/tcp'), patched).filter((t) => t.startsWith('12:'))).toEqual([
      '12:0 "EXPOSE" keyword',
      '12:7 "9090" number',
      '12:12 "9091" number',
      '12:17 "tcp" enumMember',
    ]);
    // An unknown previous result gets a full answer.
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: 'stale' });
    expect(full.data).toEqual(fresh.data);
  });

  it('gives every token of every corpus file a legend type, modifiers from the legend, and one line', async () => {
    let tokens = 0;
    for (const { file } of readExpected('real-world')) {
      const text = readCorpusFile('real-world', file);
      const uri = await open(client, text);
      const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      tokens += decode(legend, text, result.data).length;
      await client.close(uri);
    }
    expect(tokens).toBeGreaterThan(20_000);
  });
});

describe('semantic tokens for a UTF-8 client', () => {
  it('measures characters and lengths in UTF-8 code units', async () => {
    const client = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    try {
      const legend = client.initializeResult.capabilities.semanticTokensProvider!.legend;
      const text = 'FROM alpine\nLABEL motto="café" next=1\n';
      const uri = await open(client, text);
      const result = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      // "café" is 6 characters in UTF-16 but 7 bytes; `next` starts one byte later than in UTF-16.
      const utf8 = Buffer.from(lines(text)[1], 'utf8');
      expect(result.data.slice(15)).toEqual([0, 6, 5, legend.tokenTypes.indexOf('property'), 0, 0, 6, 7, legend.tokenTypes.indexOf('string'), 0, 0, 8, 4, legend.tokenTypes.indexOf('property'), 0, 0, 5, 1, legend.tokenTypes.indexOf('string'), 0]);
      expect(utf8.indexOf('next')).toBe(20);
    } finally {
      await client.stop();
    }
  });

  it('answers a delta request in UTF-8 code units too', async () => {
    const client = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    try {
      const uri = await open(client, 'FROM alpine\nLABEL motto="café" next=1\n');
      const first = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      await client.change(uri, [{ range: range(1, 6, 1, 6), text: 'é=1 ' }]);
      const delta = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: first.resultId });
      const patched = first.data.slice();
      for (const e of [...delta.edits].reverse()) patched.splice(e.start, e.deleteCount, ...(e.data ?? []));
      const fresh = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
      expect(patched).toEqual(fresh.data);
      // The new key é is two bytes long, and everything after it on the line moved by five bytes.
      expect(fresh.data.slice(15, 25)).toEqual([0, 6, 2, first.data[18], 0, 0, 3, 1, first.data[23], 0]);
    } finally {
      await client.stop();
    }
  });
});
