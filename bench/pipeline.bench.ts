// In-process pipeline benchmark (node scripts/bench.mjs bench/pipeline.bench.ts [lines...]): what
// one version of a document costs inside the server, phase by phase, at the sizes of the LSP
// benchmark: open (parse, model, diagnostics, symbols, folding, tokens) with cold code, then the
// same after a keystroke in the middle, cold and warm. Each answer is made as the server makes it
// over stdio (the document store's incremental update, the outline limit and VS Code's folding
// limit, the outline, tokens and diagnostics as the JSON pieces the writer copies out). It explains
// the LSP figures; it asserts nothing.
import { DockerfileDocument } from '../server/src/server/documents';
import { diagnosticsJson, getDiagnostics } from '../server/src/services/diagnostics';
import { analyzedDocument, type AnalyzedDocument } from '../server/src/services/document';
import { getFoldingRanges } from '../server/src/services/folding';
import { documentTokenLayout, joinTokenLayoutJson } from '../server/src/services/semanticTokens';
import { documentSymbolsJsonOf } from '../server/src/services/symbols';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { generateDockerfile } from './generate';

type Phases = Record<string, number>;

function time<T>(phases: Phases, name: string, run: () => T): T {
  const start = performance.now();
  const result = run();
  phases[name] = (phases[name] ?? 0) + performance.now() - start;
  return result;
}

function features(doc: AnalyzedDocument, phases: Phases): void {
  time(phases, 'model', () => doc.model);
  time(phases, 'diagnostics', () => diagnosticsJson(getDiagnostics(doc, DEFAULT_SETTINGS, {})));
  time(phases, 'documentSymbol', () => documentSymbolsJsonOf(doc, { maxItems: DEFAULT_SETTINGS.outline.maxItems }));
  time(phases, 'foldingRange', () => JSON.stringify(getFoldingRanges(doc, { lineFoldingOnly: true, rangeLimit: 5000 })));
  time(phases, 'semanticTokens', () => joinTokenLayoutJson(documentTokenLayout(doc)));
}

function run(lines: number): void {
  const text = generateDockerfile(lines, { errors: true });
  const open: Phases = {};
  let document = time(open, 'parse', () => DockerfileDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text));
  let doc = analyzedDocument(document.text, document.tree);
  features(doc, open);

  // Keystrokes in the middle: type and delete a character, as the LSP benchmark does.
  const at = text.indexOf('WORKDIR', Math.floor(text.length / 2));
  const edits: Phases[] = [];
  for (let k = 0; k < 20; k++) {
    const phases: Phases = {};
    const edit = k % 2 === 0 ? { start: at, end: at, text: 'x' } : { start: at, end: at + 1, text: '' };
    time(phases, 'parse', () => {
      const range = { start: document.text.positionAt(edit.start), end: document.text.positionAt(edit.end) };
      document = document.update([{ range, text: edit.text }], k + 2);
    });
    doc = analyzedDocument(document.text, document.tree, doc);
    features(doc, phases);
    edits.push(phases);
  }
  const median = (name: string): number => {
    const values = edits.slice(2).map((p) => p[name]).sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)];
  };
  const names = Object.keys(open);
  console.log(`\n${lines.toLocaleString('en')} lines (${(text.length / 1024).toFixed(0)} KB)`);
  console.log(`${'phase'.padEnd(16)}${'open'.padStart(10)}${'1st edit'.padStart(10)}${'edit p50'.padStart(10)}`);
  for (const name of names) {
    console.log(`${name.padEnd(16)}${open[name].toFixed(2).padStart(10)}${edits[0][name].toFixed(2).padStart(10)}${median(name).toFixed(2).padStart(10)}`);
  }
  const heap = process.memoryUsage();
  console.log(`heap used ${(heap.heapUsed / 1048576).toFixed(0)} MiB, rss ${(heap.rss / 1048576).toFixed(0)} MiB`);
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
for (const lines of sizes.length ? sizes : [10_000, 50_000]) run(lines);
