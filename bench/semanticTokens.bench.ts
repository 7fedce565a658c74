// Semantic tokens benchmark (node scripts/bench.mjs bench/semanticTokens.bench.ts): the time of a
// full request on generated multi-stage Dockerfiles of 1,000, 10,000 and 50,000 lines, split into
// analysis (parse and semantic model, shared with every other feature of that version) and the
// tokens themselves, plus a delta after one keystroke. Prints numbers; it asserts nothing.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../server/src/services/document';
import { diffTokenData, encodeRelative, getSemanticTokens } from '../server/src/services/semanticTokens';
import { SyntaxTree } from '../server/src/syntax';
import { generateDockerfile } from './generate';

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

function measure(lines: number): { kb: number; tokens: number; analysis: number; full: number; delta: number } {
  const text = generateDockerfile(lines);
  const analysis: number[] = [];
  const full: number[] = [];
  const delta: number[] = [];
  let tokens = 0;
  for (let round = 0; round < 7; round++) {
    const document = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', round, text);
    const [doc, analyseTime] = time(() => {
      const d = analyzedDocument(document, SyntaxTree.parse(text));
      void d.model;
      return d;
    });
    const [data, fullTime] = time(() => encodeRelative(getSemanticTokens(doc)));
    tokens = data.length / 5;

    // One keystroke in the middle of the file, then a delta against the previous result.
    const at = text.indexOf('\n', Math.floor(text.length / 2));
    const edited = text.slice(0, at) + ' x' + text.slice(at);
    const editedDocument = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', round + 100, edited);
    const editedDoc = analyzedDocument(editedDocument, doc.tree.edit({ start: at, end: at, text: ' x' }));
    const [, deltaTime] = time(() => diffTokenData(data, encodeRelative(getSemanticTokens(editedDoc))));
    if (round > 1) {
      analysis.push(analyseTime);
      full.push(fullTime);
      delta.push(deltaTime);
    }
  }
  return { kb: text.length / 1024, tokens, analysis: median(analysis), full: median(full), delta: median(delta) };
}

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('lines   size     tokens   parse + model   full tokens   delta after a keystroke (model included)');
for (const lines of [1_000, 10_000, 50_000]) {
  const r = measure(lines);
  console.log(
    `${String(lines).padStart(6)}  ${r.kb.toFixed(0).padStart(5)} KB  ${String(r.tokens).padStart(7)}   ${r.analysis.toFixed(1).padStart(9)} ms   ${r.full.toFixed(1).padStart(8)} ms   ${r.delta.toFixed(1).padStart(8)} ms`,
  );
}
