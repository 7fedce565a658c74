// Memory benchmark (node scripts/bench.mjs bench/memory.bench.ts [lines...]): what one open
// document keeps alive inside the server, phase by phase, as the server makes it: the version (its
// syntax tree and the text read from it), the model, the diagnostics (with the model facts and the
// per-stage caches the checks keep), the semantic tokens kept per stage (and their JSON, which a
// full request writes), then the outline (as JSON, as the server writes it) and the folds. Each figure is the live heap after full
// collections (typed arrays' memory included), so it says what stays, not what a request allocates on the way; `npm run bench:lsp
// -- --by-step` gives the server's resident memory over a session. It asserts nothing.
import { getDiagnostics } from '../server/src/services/diagnostics';
import { analyzedDocument } from '../server/src/services/document';
import { getFoldingRanges } from '../server/src/services/folding';
import { documentTokenLayout, joinTokenLayoutJson } from '../server/src/services/semanticTokens';
import { documentSymbolsJsonOf } from '../server/src/services/symbols';
import { DockerfileDocument } from '../server/src/server/documents';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { generateDockerfile } from './generate';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc (node scripts/bench.mjs passes it)');

/**
 * The live heap in MiB, after enough full collections that what is left is what is kept, with the
 * memory of typed arrays (kept outside V8's heap).
 */
function liveHeap(): number {
  for (let i = 0; i < 4; i++) collect!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1048576;
}

function run(lines: number): void {
  const text = generateDockerfile(lines, { errors: true });
  const kept: unknown[] = [];
  const phases: [string, number][] = [];
  let last = liveHeap();
  const phase = (name: string, make: () => unknown): void => {
    kept.push(make());
    const now = liveHeap();
    phases.push([name, now - last]);
    last = now;
  };
  let document: DockerfileDocument | undefined;
  phase('tree and text', () => (document = DockerfileDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text)));
  const doc = analyzedDocument(document!.text, document!.tree);
  kept.push(doc);
  phase('model', () => doc.model);
  phase('diagnostics', () => JSON.stringify(getDiagnostics(doc, DEFAULT_SETTINGS, {})).length);
  phase('semantic tokens', () => documentTokenLayout(doc));
  phase('their JSON', () => joinTokenLayoutJson(documentTokenLayout(doc)).length);
  // The outline as the server writes it over stdio: each stage's JSON, kept in place of its symbols.
  phase('outline', () => documentSymbolsJsonOf(doc, { maxItems: DEFAULT_SETTINGS.outline.maxItems }).length);
  phase('folds', () => JSON.stringify(getFoldingRanges(doc, { lineFoldingOnly: true, rangeLimit: 5000 })).length);
  const total = phases.reduce((sum, [, size]) => sum + size, 0);
  console.log(`\n${lines.toLocaleString('en')} lines (${(text.length / 1024).toFixed(0)} KB): live heap kept, MiB`);
  for (const [name, size] of phases) console.log(`${name.padEnd(18)}${size.toFixed(2).padStart(8)}`);
  console.log(`${'in all'.padEnd(18)}${total.toFixed(2).padStart(8)}`);
  (globalThis as { kept?: unknown }).kept = kept;
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const lines of sizes.length ? sizes : [10_000, 50_000]) run(lines);
