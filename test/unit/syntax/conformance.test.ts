// Conformance with BuildKit's parser: its own test cases, its expansion tables, and the verdicts
// it gave on 379 real Dockerfiles (../shared/corpus).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildkitArgs, dumpTree, expandWord, expandWords, originalText, SyntaxTree, type Environment, type InstructionNode } from '../../../server/src/syntax';
import { CORPUS, lineOf, listCases, readCorpusFile, readExpected, type ExpectedInstruction } from './corpus';

function summarize(text: string, node: InstructionNode, start: number): ExpectedInstruction {
  const original = originalText(node, text.slice(start, start + node.length));
  const last = start + node.length - (text.charCodeAt(start + node.length - 1) === 10 ? 1 : 0);
  return {
    keyword: node.keyword.text.toLowerCase(),
    start_line: lineOf(text, start),
    end_line: lineOf(text, Math.max(start, last)),
    flags: node.flags.map((f) => f.text),
    args: buildkitArgs(node),
    heredocs: node.heredocs.map((h) => ({ name: h.name, content: h.content, expand: h.expand, chomp: h.chomp, file_descriptor: h.fileDescriptor })),
    original,
  } as unknown as ExpectedInstruction;
}

function pick(e: ExpectedInstruction): unknown {
  return { keyword: e.keyword, start_line: e.start_line, end_line: e.end_line, flags: e.flags, args: e.args, heredocs: e.heredocs, original: e.original };
}

describe('BuildKit parser cases', () => {
  for (const name of listCases()) {
    it(`${name}: the AST dump equals BuildKit's result byte for byte`, () => {
      const dir = path.join(CORPUS, 'buildkit-parser/cases', name);
      const text = readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      const expected = readFileSync(path.join(dir, 'result'), 'utf8');
      const tree = SyntaxTree.parse(text);
      expect(dumpTree(tree)).toBe(expected);
      expect(tree.errors()).toEqual([]);
    });
  }

  it('the line-number case spans the lines BuildKit reports', () => {
    const text = readFileSync(path.join(CORPUS, 'buildkit-parser/extra/testfile-line/Dockerfile'), 'utf8');
    const tree = SyntaxTree.parse(text);
    const spans = [...tree.instructions()].map(({ node, start }) => {
      const s = summarize(text, node, start);
      return [s.start_line, s.end_line];
    });
    expect(spans).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });

  it('each instruction keeps the logical line BuildKit keeps (its `original`)', () => {
    const files = readExpected('buildkit-parser').filter((e) => e.parse_error === null);
    expect(files.length).toBeGreaterThan(30);
    for (const expected of files) {
      const text = readCorpusFile('buildkit-parser', expected.file);
      const originals = [...SyntaxTree.parse(text).instructions()].map(({ node, start }) => originalText(node, text.slice(start, start + node.length)));
      expect(originals, expected.file).toEqual(expected.instructions.map((i) => i.original));
    }
  });

  const negative: Record<string, string> = {
    empty_dockerfile: 'file with no instructions',
    env_no_value: 'ENV must have two arguments',
    only_comments: 'file with no instructions',
    'shykes-nested-json': 'when using JSON array syntax, arrays must be comprised of strings only',
  };
  for (const [name, message] of Object.entries(negative)) {
    it(`negative case ${name} is rejected: ${message}`, () => {
      const text = readFileSync(path.join(CORPUS, 'buildkit-parser/negative', name, 'Dockerfile'), 'utf8');
      const errors = SyntaxTree.parse(text).errors();
      expect(errors.map((e) => e.message)).toContain(text.length === 0 ? 'the Dockerfile cannot be empty' : message);
    });
  }
});

describe('BuildKit expansion tables (shell/envVarTest, shell/wordsTest)', () => {
  const env: Record<string, string> = { PWD: '/home', SHELL: 'bash', KOREAN: '한국어', NULL: '' };
  const environment: Environment = (name) => (Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined);

  const envVarLines = readFileSync(path.join(CORPUS, 'buildkit-parser/extra/shell/envVarTest'), 'utf8').split('\n');
  const rows = envVarLines
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.startsWith('#'))
    .map(({ line, n }) => {
      const [platform, input, expected] = line.split('|').map((s, i) => (i === 0 ? s : s.trim()));
      return { n, platform: platform.trim(), input, expected };
    })
    .filter((r) => r.platform === 'A' || r.platform === 'U');
  it(`has the table's rows (${rows.length})`, () => expect(rows.length).toBeGreaterThan(200));
  for (const row of rows) {
    it(`envVarTest:${row.n} ${row.input} → ${row.expected || '(empty)'}`, () => {
      const result = expandWord(row.input, environment);
      if (row.expected === 'error') expect(result).toHaveProperty('error');
      else expect(result).toEqual({ value: row.expected });
    });
  }

  const wordLines = readFileSync(path.join(CORPUS, 'buildkit-parser/extra/shell/wordsTest'), 'utf8').split('\n');
  const wordEnv: Record<string, string> = {};
  const wordEnvironment: Environment = (name) => (Object.prototype.hasOwnProperty.call(wordEnv, name) ? wordEnv[name] : undefined);
  const cases: { n: number; input: string; expected: string; env: Record<string, string> }[] = [];
  wordLines.forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    if (line.startsWith('ENV ')) {
      const [k, v] = line.slice(4).split(/=(.*)/s);
      wordEnv[k] = v;
      return;
    }
    const [input, expected] = line.split('|');
    cases.push({ n: i + 1, input: input.trim(), expected: expected.replace(/^[ \t]+/, ''), env: { ...wordEnv } });
  });
  for (const c of cases) {
    it(`wordsTest:${c.n} ${c.input} → ${c.expected}`, () => {
      for (const k of Object.keys(wordEnv)) delete wordEnv[k];
      Object.assign(wordEnv, c.env);
      const result = expandWords(c.input, wordEnvironment);
      if (c.expected === 'error') expect(result).toHaveProperty('error');
      else expect(result).toEqual({ words: c.expected.split(',') });
    });
  }
});

describe('real-world Dockerfiles: the same instructions as BuildKit, and no syntax error', () => {
  const files = readExpected('real-world');
  it('has all 379 files', () => expect(files.length).toBe(379));
  for (const expected of files) {
    it(expected.file, () => {
      const text = readCorpusFile('real-world', expected.file);
      const tree = SyntaxTree.parse(text);
      const actual = [...tree.instructions()].map(({ node, start }) => pick(summarize(text, node, start)));
      expect(actual).toEqual(expected.instructions.map(pick));
      expect(tree.errors()).toEqual([]);
      expect(dumpTree(tree)).toBe(expected.ast_dump.endsWith('\n') || expected.ast_dump === '' ? expected.ast_dump : expected.ast_dump + '\n');
    });
  }
});
