// Writes the V8 code caches dist/server.js starts the bundled server from: it runs the built server
// once per set of Node.js flags through a short session that uses every feature on a small
// Dockerfile, so the cache holds the code of the first answers as well as the start-up. The server
// writes the cache into the file its loader reads under those flags (server/src/loader.cjs).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const SAMPLE = [
  '# syntax=docker/dockerfile:1',
  'ARG BASE=alpine:3.20',
  'FROM ${BASE} AS build',
  'ARG VERSION=1',
  'ENV APP=/app PATH=$APP/bin:$PATH',
  'WORKDIR ${APP}',
  'RUN --mount=type=cache,target=/root/.cache \\',
  '    echo "$VERSION" && make build',
  'COPY --chown=app:app . .',
  'RUN <<EOF',
  'echo done',
  'EOF',
  'FROM scratch',
  'COPY --from=build /app/bin /bin',
  'EXPOSE 8080/tcp',
  'HEALTHCHECK --interval=30s CMD ["/bin/check"]',
  'CMD ["/bin/app"]',
  '',
].join('\n');

/** An answer with nothing in it: null, or an empty list. */
function isEmpty(result) {
  return result === null || result === undefined || (Array.isArray(result) && result.length === 0);
}

/** Removes every code cache from `dist` (`server.bundle.cache`, `server.bundle.<flags>.cache`). */
export function removeCodeCaches(dist) {
  if (!existsSync(dist)) return;
  for (const name of readdirSync(dist)) if (/^server\.bundle\.(?:[0-9a-f]{8}\.)?cache$/.test(name)) rmSync(path.join(dist, name), { force: true });
}

/**
 * Runs `node <flags> dist/server.js --stdio` through one session; the server writes the cache for
 * those flags as it exits. NODE_OPTIONS is left out: its flags would name another cache.
 */
export async function writeCodeCache(dist, flags = []) {
  const { NODE_OPTIONS: _options, ...env } = process.env;
  const child = spawn(process.execPath, [...flags, path.join(dist, 'server.js'), '--stdio'], {
    env: { ...env, DOCKERFILE_LSP_WRITE_CODE_CACHE: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const uri = 'file:///code-cache/Dockerfile';
  const pending = new Map();
  let nextId = 1;
  let buffer = Buffer.alloc(0);
  let diagnostics;
  const diagnosed = new Promise((resolve) => (diagnostics = resolve));
  /** The diagnostics last published, which the session's code actions are asked about. */
  let published = [];
  child.stdout.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method) send({ jsonrpc: '2.0', id: message.id, result: null });
      else if (message.id !== undefined) {
        const asked = pending.get(message.id);
        if (message.error) failed.push(`${asked?.method}: ${message.error.message}`);
        // A document request that finds nothing at its position runs little of its feature's code.
        else if (asked?.method.startsWith('textDocument/') && isEmpty(message.result)) failed.push(`${asked.method}: nothing`);
        asked?.resolve(message);
      } else if (message.method === 'textDocument/publishDiagnostics') {
        published = message.params.diagnostics;
        diagnostics();
      }
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  /** The requests the server answered with an error or nothing: their code is not in the cache as it should be. */
  const failed = [];
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, { method, resolve });
      send({ jsonrpc: '2.0', id, method, params });
    });
  const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const timer = setTimeout(() => child.kill(), 30_000);

  // The session; if the server exits or hangs first, there is no cache.
  const session = (async () => {
    await request('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {
        textDocument: {
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } },
          rename: { prepareSupport: true },
        },
      },
    });
    notify('initialized', {});
    notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: SAMPLE } });
    await diagnosed;
    notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'x' }] });
    const document = { textDocument: { uri } };
    const at = (line, character) => ({ ...document, position: { line, character } });
    await request('textDocument/hover', at(6, 2));
    await request('textDocument/completion', at(6, 20));
    await request('textDocument/documentSymbol', document);
    await request('textDocument/foldingRange', document);
    const tokens = await request('textDocument/semanticTokens/full', document);
    // What an editor asks for as the cursor moves and the user acts: each compiled here is code the
    // first such request does not compile.
    const whole = { start: { line: 0, character: 0 }, end: { line: 17, character: 0 } };
    await request('textDocument/semanticTokens/full/delta', { ...document, previousResultId: tokens.result?.resultId ?? '' });
    await request('textDocument/semanticTokens/range', { ...document, range: whole });
    await request('textDocument/codeAction', { ...document, range: whole, context: { diagnostics: published } });
    await request('textDocument/signatureHelp', at(6, 12));
    await request('textDocument/definition', at(13, 15));
    await request('textDocument/references', { ...at(2, 20), context: { includeDeclaration: true } });
    await request('textDocument/documentHighlight', at(7, 15));
    await request('textDocument/prepareRename', at(2, 20));
    await request('textDocument/rename', { ...at(2, 20), newName: 'builder' });
    await request('textDocument/inlayHint', { ...document, range: whole });
    await request('textDocument/codeLens', document);
    await request('textDocument/documentLink', document);
    // An indented instruction, for the formatter to have something to do.
    notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: { line: 14, character: 0 }, end: { line: 14, character: 0 } }, text: '  ' }] });
    await request('textDocument/formatting', { ...document, options: { tabSize: 4, insertSpaces: true } });
    await request('textDocument/selectionRange', { ...document, positions: [at(7, 10).position] });
    await request('shutdown');
    done = true;
    notify('exit');
  })();
  let done = false;
  await Promise.race([session, exited.then((code) => (done ? undefined : Promise.reject(new Error(`the server exited with ${code} during the session`))))]);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`writing the code cache: the server exited with ${code}`);
  if (failed.length) throw new Error(`the cache was written, but the server answered with an error or nothing: ${failed.join('; ')}`);
}
