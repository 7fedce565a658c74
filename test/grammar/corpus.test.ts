// Tokenizes every Dockerfile of ../shared/corpus and checks the grammar's instruction structure against BuildKit's
// own verdict (expected.jsonl: instructions[].start_line / end_line, 1-based, heredoc bodies included):
//   - every instruction's first line starts with an instruction keyword scope,
//   - no instruction keyword scope appears on any later line of an instruction (continuation lines, heredocs),
//   - every token on an instruction's lines is inside a meta.instruction scope, and no token outside them is
//     (so nothing spills past the end of an instruction and nothing ends early).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { ROOT, loadGrammar, tokenize } from './textmate';

const CORPUS = path.resolve(ROOT, '../shared/corpus');

interface Expected {
  file: string;
  parse_error: string | null;
  instructions: Array<{ keyword: string; start_line: number; end_line: number }> | null;
}

function readSet(set: string): Array<Expected & { path: string }> {
  const jsonl = path.join(CORPUS, set, 'expected.jsonl');
  if (!existsSync(jsonl)) return [];
  return readFileSync(jsonl, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Expected)
    .filter((e) => !e.parse_error && e.instructions && e.instructions.length > 0)
    .map((e) => ({ ...e, path: path.join(CORPUS, set, e.file) }));
}

const KEYWORD_SCOPES = ['keyword.other.instruction.dockerfile', 'keyword.control.onbuild.dockerfile'];

function check(grammar: IGrammar, entry: Expected & { path: string }): string[] {
  const text = readFileSync(entry.path, 'utf8').replace(/^\uFEFF/, '');
  const lines = tokenize(grammar, text);
  const problems: string[] = [];
  const inInstruction = new Array<boolean>(lines.length).fill(false);
  const where = (line: number, what: string): string => `${path.basename(entry.file)}:${line + 1}: ${what}`;

  for (const instruction of entry.instructions!) {
    const first = instruction.start_line - 1;
    const last = instruction.end_line - 1;
    for (let line = first; line <= last && line < lines.length; line++) inInstruction[line] = true;

    const keyword = lines[first]?.find((t) => t.text.trim() !== '');
    const expectedScope = instruction.keyword === 'onbuild' ? KEYWORD_SCOPES[1]! : KEYWORD_SCOPES[0]!;
    if (!keyword || keyword.text.toLowerCase() !== instruction.keyword || !keyword.scopes.includes(expectedScope)) {
      problems.push(where(first, `${instruction.keyword} does not start with ${expectedScope}: ${JSON.stringify(keyword)}`));
    }
    for (let line = first + 1; line <= last && line < lines.length; line++) {
      for (const token of lines[line]!) {
        if (token.scopes.some((s) => KEYWORD_SCOPES.includes(s))) {
          problems.push(where(line, `keyword scope on a continuation line: ${JSON.stringify(token.text)}`));
        }
      }
    }
  }

  for (const [line, tokens] of lines.entries()) {
    for (const token of tokens) {
      if (token.text.trim() === '') continue;
      const scoped = token.scopes.some((s) => s.startsWith('meta.instruction.'));
      if (scoped !== inInstruction[line]) {
        problems.push(where(line, `${JSON.stringify(token.text)} ${scoped ? 'inside' : 'outside'} meta.instruction`));
        break;
      }
    }
  }
  return problems;
}

const sets = [
  { name: 'real-world', entries: readSet('real-world') },
  { name: 'buildkit-parser', entries: readSet('buildkit-parser') },
];

describe.skipIf(!existsSync(CORPUS))('grammar on the shared corpus', () => {
  let grammar: IGrammar;
  beforeAll(async () => {
    grammar = await loadGrammar();
  });

  it('finds the corpus', () => {
    expect(sets[0]!.entries.length).toBeGreaterThan(300);
    expect(sets[1]!.entries.length).toBeGreaterThan(30);
  });

  for (const set of sets) {
    describe(set.name, () => {
      for (const entry of set.entries) {
        it(entry.file, () => {
          expect(check(grammar, entry)).toEqual([]);
        });
      }
    });
  }
});
