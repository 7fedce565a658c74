#!/usr/bin/env node
// The `dockerfile-lsp` entry point (copied to dist/server.js by the build). It runs the bundled
// server, dist/server.bundle.js, from the V8 code cache the build wrote beside it for the Node.js
// that built it (server.bundle.cache): compiled code instead of a megabyte of source to compile at
// every start. Without a cache, or with one V8 rejects (another Node.js version, other flags), the
// bundle is compiled as usual; the server is the same either way.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const file = path.join(__dirname, 'server.bundle.js');
const cacheFile = path.join(__dirname, 'server.bundle.cache');
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The bundle is CommonJS: wrapped the way Node.js wraps a module.
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });

// The build starts the server once with this variable set, runs a short session through it, and
// keeps the code compiled by then (the code of every feature it used) when the server exits.
const cacheOut = process.env.DOCKERFILE_LSP_WRITE_CODE_CACHE;
if (cacheOut) process.on('exit', () => fs.writeFileSync(cacheOut, script.createCachedData()));

const bundle = { exports: {} };
script.runInThisContext().call(bundle.exports, bundle.exports, createRequire(file), bundle, file, __dirname);

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
if (!cacheOut) {
  setImmediate(() => require('node:v8').setFlagsFromString('--heap-growing-percent=30'));
}
