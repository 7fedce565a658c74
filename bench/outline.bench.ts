// In-process outline benchmark (node scripts/bench.mjs bench/outline.bench.ts [lines] [runs]): the
// first textDocument/documentSymbol of a session, as the server makes it (the outline limit, the
// answer written as JSON pieces), after the open's diagnostics; then the second and third requests
// of the same version. The first request runs cold code, so each run is a fresh process and the
// figures are medians over the runs. It asserts nothing.
//
// To compare two versions on a shared, noisy machine: copy dist/bench/outline.bench.js aside before the
// change, then run both alternately (`node --expose-gc <copy> <lines> 1`) and compare medians.
import { spawnSync } from 'node:child_process';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getDiagnostics } from '../server/src/services/diagnostics';
import { analyzedDocument } from '../server/src/services/document';
import { documentSymbolsJsonOf } from '../server/src/services/symbols';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { SyntaxTree } from '../server/src/syntax';
import { generateDockerfile } from './generate';

const CHILD = 'OUTLINE_BENCH_CHILD';

/**
 * One session: the times (ms) of three outline requests, each its wall-clock time and the process's
 * CPU time (steadier than the wall clock when other work shares the cores).
 */
async function session(lines: number): Promise<number[]> {
  const text = generateDockerfile(lines, { errors: true });
  const document = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text);
  const doc = analyzedDocument(document, SyntaxTree.parse(text));
  JSON.stringify(getDiagnostics(doc, DEFAULT_SETTINGS, {}));
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    // A request comes a while after the open: the collector's sweeping (done in helper threads, and
    // on the main thread by whatever allocates first) is over by then.
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const cpu = process.cpuUsage();
    const start = performance.now();
    // As the server asks: told that the limit was reached, it counts what was left out after answering.
    const pieces = documentSymbolsJsonOf(doc, { maxItems: DEFAULT_SETTINGS.outline.maxItems, onLimited: () => undefined });
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    times.push(end - start, (used.user + used.system) / 1000);
    if (pieces.length === 0) throw new Error('no JSON');
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const lines = Number(process.argv[2]) || 50_000;
const runs = Number(process.argv[3]) || 7;
if (process.env[CHILD]) {
  void session(lines).then((times) => console.log(JSON.stringify(times)));
} else {
  console.log(`node ${process.version}, ${lines.toLocaleString('en')} lines, ${runs} fresh processes`);
  const samples: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], String(lines)], { env: { ...process.env, [CHILD]: '1' }, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(child.stderr);
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()!) as number[]);
  }
  const column = (i: number) => median(samples.map((s) => s[i])).toFixed(1).padStart(8);
  console.log(`${'request'.padEnd(10)}${'total'.padStart(8)}${'cpu'.padStart(8)}   (ms, medians)`);
  for (let k = 0; k < 3; k++) console.log(`${['first', 'second', 'third'][k].padEnd(10)}${[0, 1].map((i) => column(2 * k + i)).join('')}`);
  console.log(`first totals: ${samples.map((s) => s[0].toFixed(1)).join(' ')}`);
}
