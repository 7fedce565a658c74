// Runs a benchmark the way the server runs: bundled by esbuild (not through a TS loader, whose
// wrappers distort timings), with the flags the shipped server uses.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const entry = process.argv[2];
if (!entry) throw new Error('usage: node scripts/bench.mjs <bench file> [args...]');
const outfile = path.join('dist', 'bench', path.basename(entry).replace(/\.ts$/, '.js'));
await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
// The LSP benchmark is a client timing other processes. It collects its own garbage before each timed
// request, and that collection must be over when the timing starts: by default V8 goes on sweeping in
// helper threads, which on a 2-core machine take the core the server needs (hover p95 at 10,000
// lines measured 2.2–2.4 ms that way, 1.6 with the collection kept on the client's main thread).
const CLIENT_FLAGS = { 'lsp.bench.ts': ['--single-threaded-gc'] };
const flags = ['--expose-gc', ...(CLIENT_FLAGS[path.basename(entry)] ?? [])];
const result = spawnSync(process.execPath, [...flags, outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
