// TextMate grammar benchmark (node scripts/bench.mjs bench/grammar.bench.ts [other.tmLanguage.json …]): the time
// vscode-textmate takes to tokenize every Dockerfile of ../shared/corpus, line by line as VS Code does, and a
// generated file heavy in RUN heredocs (interpreters, wrappers, several markers on one line), where the heredoc
// rules are tried most. Extra arguments are other builds of the grammar (say the main branch's JSON), timed in
// the same rounds, interleaved, so that a busy machine slows them alike. Prints numbers; it asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, ROOT, loadGrammar, tokenize } from '../test/grammar/textmate';

const CORPUS = path.resolve(ROOT, '../shared/corpus');

function corpusTexts(): string[] {
  const texts: string[] = [];
  for (const set of ['real-world', 'buildkit-parser']) {
    const jsonl = path.join(CORPUS, set, 'expected.jsonl');
    if (!existsSync(jsonl)) continue;
    for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { file } = JSON.parse(line) as { file: string };
      texts.push(readFileSync(path.join(CORPUS, set, file), 'utf8').replace(/^\uFEFF/, ''));
    }
  }
  return texts;
}

/** RUN heredocs of every kind the grammar tells apart, repeated to about `lines` lines. */
function heredocHeavy(lines: number): string {
  const block = [
    'FROM python:3.12-slim AS build',
    'RUN python3 -u - <<EOF',
    'import os, sys',
    'print(sys.argv, os.environ.get("HOME"))',
    'EOF',
    'RUN sudo -u app env PYTHONPATH=/app python3 -W ignore <<EOF',
    'import app',
    'EOF',
    'RUN node --input-type=module <<JS && bash -e <<SH',
    'import fs from "node:fs";',
    'JS',
    'echo done > /tmp/done',
    'SH',
    'RUN python3 app.py <<EOF > /tmp/out 2>&1',
    'key = value',
    'EOF',
    'COPY <<A <<-B /etc/app/',
    'first = 1',
    'A',
    '\tsecond = 2',
    '\tB',
    'RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\',
    '    && rm -rf /var/lib/apt/lists/* && echo "python3 <<EOF is not here" | tee /tmp/x',
    'RUN <<EOF',
    'set -eux',
    'perl -e \'print 1\' && ruby -W0 -e "puts 1"',
    'EOF',
    '',
  ];
  const out: string[] = [];
  while (out.length < lines) out.push(...block);
  return out.slice(0, lines).join('\n') + '\n';
}

/** CPU time in ms (other helpers share this machine's cores; wall time would count their turns too). */
function tokenizeAll(grammar: IGrammar, texts: readonly string[]): number {
  const start = process.cpuUsage();
  for (const text of texts) tokenize(grammar, text);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const files = [GRAMMAR_PATH, ...process.argv.slice(2).map((f) => path.resolve(f))];
  const grammars = await Promise.all(files.map((f) => loadGrammar(f)));
  const sets = [
    { name: 'corpus', texts: corpusTexts() },
    { name: 'heredoc-heavy', texts: [heredocHeavy(5_000)] },
  ];
  const rounds = 7;
  console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, CPU time, median of ${rounds - 2} rounds (2 warm-up)`);
  for (const set of sets) {
    const lines = set.texts.reduce((n, t) => n + t.split('\n').length, 0);
    const samples = grammars.map(() => [] as number[]);
    for (let round = 0; round < rounds; round++) {
      grammars.forEach((g, i) => {
        const ms = tokenizeAll(g, set.texts);
        if (round >= 2) samples[i]!.push(ms);
      });
    }
    console.log(`${set.name}: ${set.texts.length} files, ${lines} lines`);
    files.forEach((f, i) => {
      const ms = median(samples[i]!);
      console.log(`  ${path.relative(ROOT, f).padEnd(40)} ${ms.toFixed(0).padStart(6)} ms  ${(lines / ms).toFixed(0).padStart(5)} lines/ms`);
    });
  }
}

void main();
