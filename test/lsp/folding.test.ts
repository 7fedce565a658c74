import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoldingRange } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';

let counter = 0;

async function folds(client: LspTestClient, lines: string[]): Promise<FoldingRange[]> {
  const uri = `file:///folding/${++counter}/Dockerfile`;
  await client.open(uri, lines.join('\n'));
  return client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
}

const MULTI_STAGE = [
  '# syntax=docker/dockerfile:1', //  0
  '# check=skip=JSONArgsRecommended', //  1
  '', //  2
  'FROM golang:1.22 AS build', //  3
  '# Build a static binary:', //  4
  '# no cgo, stripped.', //  5
  'RUN --mount=type=cache,target=/go/pkg \\', //  6
  '    CGO_ENABLED=0 go build \\', //  7
  '    -o /out/app .', //  8
  'COPY <<EOF <<EOT /etc/', //  9
  'first', // 10
  'EOF', // 11
  'second', // 12
  'EOT', // 13
  '', // 14
  '# The final stage', // 15
  'FROM scratch', // 16
  'COPY --from=build /out/app /app', // 17
  'RUN --network=none \\', // 18
  '    cat <<EOF', // 19
  'body', // 20
  'EOF', // 21
  '',
];

describe('folding ranges over LSP (line folding only)', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start({ capabilities: { textDocument: { foldingRange: { lineFoldingOnly: true } } } })));
  afterAll(async () => client.stop());

  it('advertises folding ranges', () => {
    expect(client.initializeResult.capabilities.foldingRangeProvider).toBe(true);
  });

  it('folds stages, comment blocks, multi-line instructions and heredoc bodies, one fold per start line', async () => {
    expect(await folds(client, MULTI_STAGE)).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 3, endLine: 13, kind: 'region' },
      { startLine: 4, endLine: 5, kind: 'comment' },
      { startLine: 6, endLine: 8 },
      // The first heredoc starts on the instruction's line: the instruction's fold is the outermost.
      { startLine: 9, endLine: 13 },
      { startLine: 11, endLine: 13 },
      { startLine: 16, endLine: 21, kind: 'region' },
      { startLine: 18, endLine: 21 },
      { startLine: 19, endLine: 21 },
    ]);
  });

  it('folds a run of comment lines inside a multi-line instruction, as it does between instructions', async () => {
    const lines = [
      'FROM alpine', // 0
      'RUN set -eux; \\', // 1
      '    # the build tools, removed again below:', // 2
      '    # gcc and make', // 3
      '    apk add gcc make; \\', // 4
      '    # a single comment line folds nothing', // 5
      '    make', // 6
      'COPY <<EOF /a \\', // 7
      '  # c', // 8
      '  # d', // 9
      '  /b', // 10
      'body', // 11
      'EOF', // 12
    ];
    expect(await folds(client, lines)).toEqual([
      { startLine: 0, endLine: 12, kind: 'region' },
      { startLine: 1, endLine: 6 },
      { startLine: 2, endLine: 3, kind: 'comment' },
      { startLine: 7, endLine: 12 },
      { startLine: 8, endLine: 9, kind: 'comment' },
      { startLine: 10, endLine: 12 },
    ]);
  });

  it('folds an unterminated heredoc to the end of the file, and nothing for one-line instructions', async () => {
    expect(await folds(client, ['FROM alpine', 'RUN <<EOF', 'echo half-typed', ''])).toEqual([
      { startLine: 0, endLine: 2, kind: 'region' },
      { startLine: 1, endLine: 2 },
    ]);
    expect(await folds(client, ['FROM alpine', 'RUN true', '# one comment'])).toEqual([{ startLine: 0, endLine: 1, kind: 'region' }]);
  });
});

describe('folding ranges for character-precise clients', () => {
  it('gives the end of the first and last line as characters, keeps only known kinds and honours rangeLimit', async () => {
    const client = await LspTestClient.start({
      capabilities: { textDocument: { foldingRange: { lineFoldingOnly: false, rangeLimit: 2, foldingRangeKind: { valueSet: ['comment'] } } } },
    });
    try {
      expect(await folds(client, ['# a', '# b', 'FROM alpine', 'RUN a \\', '    bb', 'RUN c'])).toEqual([
        { startLine: 0, endLine: 1, startCharacter: 3, endCharacter: 3, kind: 'comment' },
        { startLine: 2, endLine: 5, startCharacter: 11, endCharacter: 5 },
      ]);
    } finally {
      await client.stop();
    }
  });
});
