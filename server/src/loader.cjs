#!/usr/bin/env node
// The `dockerfile-lsp` entry point (copied to dist/server.js by the build). It runs the bundled
// server, dist/server.bundle.js, from a V8 code cache the build wrote beside it: compiled code instead
// of a megabyte of source to compile at every start. V8 accepts a cache only from the same Node.js,
// CPU and V8 flags: `--max-semi-space-size=4`, which the VS Code extension passes, was enough to have
// the one cache written without flags rejected at every start. So the build writes a cache for each
// set of flags the server is started with (none, as `dockerfile-lsp --stdio`; the extension's, which
// the README's setups for other editors give through NODE_OPTIONS), named after its Node.js and those
// flags, and the server reads the one for its own. Another Node.js has Node.js keep a cache, where it
// can (22.1 and later); without a cache, or with one V8 rejects, the bundle is compiled as usual. The
// server is the same either way.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/**
 * The build's cache file for this Node.js and its flags (on the command line and in NODE_OPTIONS, in
 * any order): named after a hash of the version and the flags, so another Node.js finds none.
 */
function cacheName() {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS || '').split(/\s+/)].filter(Boolean).sort();
  // FNV-1a: no module to load for it.
  let hash = 0x811c9dc5;
  const text = [process.version, ...flags].join(' ');
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `server.bundle.${hash.toString(16).padStart(8, '0')}.cache`;
}

/** Asked for (the tests ask), which cache the server starts from, on standard error. */
function report(text) {
  if (process.env.DOCKERFILE_LSP_CODE_CACHE_REPORT) process.stderr.write(`dockerfile-lsp: code cache ${text}\n`);
}

const file = path.join(__dirname, 'server.bundle.js');
const cacheFile = path.join(__dirname, cacheName());
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The build starts the server once with this variable set, runs a short session through it, and
// keeps the code compiled by then (the code of every feature it used) when the server exits, in the
// cache file for its Node.js and flags.
const writesCache = Boolean(process.env.DOCKERFILE_LSP_WRITE_CODE_CACHE);

if (cachedData === undefined && !writesCache && typeof Module.enableCompileCache === 'function') {
  // No cache from the build for this Node.js: VS Code runs the server with its own, and an installed
  // server may run with any. From Node.js 22.1 on, Node.js keeps a cache itself (in the system's
  // temporary folder, checked against the bundle's content), so every start after the first starts
  // from compiled code; the bundle is then loaded as a module, which that cache covers.
  const { status } = Module.enableCompileCache();
  report(`of Node.js: ${['failed', 'enabled', 'already enabled', 'disabled'][status] ?? status}`);
  require(file);
} else {
  // Read as Latin-1: the build writes the bundle in ASCII (a test checks it), which reads the same either
  // way, and Node.js then copies the bytes without the UTF-8 decoder's pass (4 ms of a start here).
  const source = fs.readFileSync(file, 'latin1');
  // The bundle is CommonJS: wrapped the way Node.js wraps a module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  report(`${path.basename(cacheFile)}: ${cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted'}`);
  if (writesCache) process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
  const bundle = { exports: {} };
  script.runInThisContext().call(bundle.exports, bundle.exports, Module.createRequire(file), bundle, file, __dirname);
}

// The old generation may grow by 30% of its live size between full collections, not by V8's adaptive
// factor of up to four: a large document's requests allocate in bursts (a megabyte of outline or
// tokens as JSON), and with the default the heap of a 50,000-line file peaked at about 440 MiB for
// 60 MiB of live data. Growth by 100% peaked at 244 MiB and by 50% at 230 MiB, with the same
// latency (bench/lsp.bench.ts); by 25% the collections then made a session of requests about a tenth
// slower. Once the live data had halved (2026-12-01: 37 MB at 50,000 lines) the collections cost less:
// with a young generation of 4 MiB a semi-space (as the VS Code extension starts the server), 30%
// took the peak from 132 to 124-126 MiB at the same latency, and 20% to 121-122 with keystrokes'
// p95 above 30 ms.
// V8 reads this flag as it goes, so it is set after the start (loading node:v8 costs 3 ms), once
// the bundle has been compiled: a code cache is only accepted with the flags it was written with, and
// the session that writes it leaves the flags alone. A Node.js that does not know the flag says so on
// standard error, never on the LSP's output.
if (!writesCache) {
  setImmediate(() => require('node:v8').setFlagsFromString('--heap-growing-percent=30'));
}
