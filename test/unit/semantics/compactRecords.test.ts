// The model keeps its per-stage records compact (semantics/parts.ts): a use keeps the binding it
// sees, a declaration that sets its own value is its own binding, a value with no variable, quote or
// escape is the text itself, and a stage scope with few names and no base has no trie. These
// cases read the same as before that: a name that is both an ENV and a predefined ARG, values
// written without anything to expand, and small scopes that become the base of another stage.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/semantics';
import { lex, SyntaxTree } from '../../../server/src/syntax';

describe('compact model records', () => {
  it('a use of an ENV named like a predefined ARG keeps both the ENV and the predefined ARG', () => {
    const m = analyze(SyntaxTree.parse('FROM alpine\nENV HTTP_PROXY=http://proxy:3128\nRUN echo $HTTP_PROXY\nCMD echo $HTTP_PROXY\n'));
    expect(m.uses.map((u) => [u.name, u.expansion, u.declaration?.kind, u.predefined?.name, u.value])).toEqual([
      ['HTTP_PROXY', 'build-shell', 'env', 'HTTP_PROXY', 'http://proxy:3128'],
      ['HTTP_PROXY', 'runtime-shell', 'env', undefined, 'http://proxy:3128'],
    ]);
  });

  it('a predefined ARG nothing declares is resolved to it alone, in every use', () => {
    const m = analyze(SyntaxTree.parse('FROM alpine\nRUN echo $HTTPS_PROXY $HTTPS_PROXY\n'));
    expect(m.uses.map((u) => [u.declaration, u.predefined?.name, u.value])).toEqual([
      [undefined, 'HTTPS_PROXY', undefined],
      [undefined, 'HTTPS_PROXY', undefined],
    ]);
  });

  it('values with nothing to expand are what the lexer makes of them', () => {
    const values = ['C.UTF-8', 'x  y', ' a ', '/opt/app', 'a\tb', 'ünïcödé', ''];
    const text = `FROM alpine\n${values.map((v, i) => `ENV V${i} ${v}\n${/\s/.test(v) ? '' : `ARG A${i}=${v}\n`}`).join('')}`;
    const m = analyze(SyntaxTree.parse(text));
    expect(m.declarations.length).toBe(11);
    for (const d of m.declarations) {
      const expected = lex(d.rawValue ?? '', () => undefined, { escape: '\\', splitWords: false }).value;
      expect([d.name, d.value]).toEqual([d.name, expected]);
    }
  });

  it('a stage with few names is a base like any other, before and past the size that gives it a trie', () => {
    for (const count of [1, 8, 9, 20]) {
      const sets = Array.from({ length: count }, (_, i) => `ENV E${i % 5}=v${i}\n`).join('');
      const m = analyze(SyntaxTree.parse(`FROM alpine AS base\n${sets}ARG PATH=/x\nFROM base\nRUN echo $E0 $E4 $PATH $NONE\n`));
      const last = (name: string) => m.declarations.filter((d) => d.name === name && d.stage === 0).at(-1);
      expect(m.uses.map((u) => [u.name, u.declaration, u.value])).toEqual([
        ['E0', last('E0'), last('E0')?.value],
        ['E4', last('E4'), last('E4')?.value],
        ['PATH', undefined, undefined],
        ['NONE', undefined, undefined],
      ]);
    }
  });
});
