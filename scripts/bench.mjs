// Runs a benchmark the way the server runs: bundled by esbuild (not through a TS loader, whose
// wrappers distort timings), with the flags the shipped server uses.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const entry = process.argv[2];
if (!entry) throw new Error('usage: node scripts/bench.mjs <bench file> [args...]');
const outfile = path.join('dist', 'bench', path.basename(entry).replace(/\.ts$/, '.js'));
await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const result = spawnSync(process.execPath, ['--expose-gc', outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
