// Parser benchmark (npm run bench): full-parse time and the time to apply one keystroke
// incrementally, on generated multi-stage Dockerfiles of 1,000, 10,000 and 50,000 lines.
// Prints numbers; it asserts nothing.
import { SyntaxTree } from '../server/src/syntax';
import { generateDockerfile } from './generate';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

function measure(lines: number): { kb: number; fullMedian: number; fullMin: number; keyMedian: number; keyP95: number } {
  const text = generateDockerfile(lines);
  for (let i = 0; i < 3; i++) SyntaxTree.parse(text); // warm up
  const full: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    SyntaxTree.parse(text);
    full.push(performance.now() - t);
  }
  full.sort((a, b) => a - b);

  // Type a word in the middle of the file, then delete it again: one edit per keystroke.
  let tree = SyntaxTree.parse(text);
  const at = text.indexOf('\n', Math.floor(text.length / 2)) - 1;
  const keys: number[] = [];
  for (let round = 0; round < 100; round++) {
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      tree = tree.edit({ start: at + i, end: at + i, text: 'x' });
      keys.push(performance.now() - t);
    }
    for (let i = 5; i > 0; i--) {
      const t = performance.now();
      tree = tree.edit({ start: at + i - 1, end: at + i, text: '' });
      keys.push(performance.now() - t);
    }
  }
  keys.sort((a, b) => a - b);
  if (tree.text !== text) throw new Error('benchmark edits did not restore the text');
  return { kb: text.length / 1024, fullMedian: percentile(full, 50), fullMin: full[0], keyMedian: percentile(keys, 50), keyP95: percentile(keys, 95) };
}

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('lines   size      full parse (median / best)   keystroke (median / p95)');
for (const lines of [1_000, 10_000, 50_000]) {
  const r = measure(lines);
  console.log(
    `${String(lines).padStart(6)}  ${r.kb.toFixed(0).padStart(5)} KB   ${r.fullMedian.toFixed(2).padStart(8)} ms / ${r.fullMin.toFixed(2).padStart(7)} ms` +
      `      ${(r.keyMedian * 1000).toFixed(1).padStart(6)} µs / ${(r.keyP95 * 1000).toFixed(1).padStart(6)} µs`,
  );
}
