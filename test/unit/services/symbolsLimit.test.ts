// The outline's limit (services/symbols.ts, setting outline.maxItems): the top level first, then the
// next level and the one below, each in document order; ranges of what is kept stay exact.
import { describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../../../server/src/services/document';
import { getDocumentSymbols } from '../../../server/src/services/symbols';
import { SyntaxTree } from '../../../server/src/syntax';

const TEXT = ['ARG A=1 B=2', 'FROM alpine AS one', 'ENV X=1', 'FROM alpine AS two', 'RUN true', ''].join('\n');

function outline(maxItems: number, text = TEXT): { names: unknown[]; omitted: number | undefined; symbols: DocumentSymbol[] } {
  const doc = analyzedDocument(TextDocument.create('file:///limit/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
  let omitted: number | undefined;
  const symbols = getDocumentSymbols(doc, { maxItems, onLimited: (count) => (omitted = count()) });
  const names = (list: DocumentSymbol[]): unknown[] => list.map((s) => (s.children?.length ? [s.name, names(s.children)] : s.name));
  return { names: names(symbols), omitted, symbols };
}

describe('outline limit', () => {
  it('lists everything when the limit is 0 or not reached (10 symbols here)', () => {
    const all = [['ARG', ['A', 'B']], ['one', ['FROM', ['ENV', ['X']]]], ['two', ['FROM', 'RUN']]];
    expect(outline(0)).toMatchObject({ names: all, omitted: undefined });
    expect(outline(10)).toMatchObject({ names: all, omitted: undefined });
  });

  it('drops the deepest level first', () => {
    expect(outline(9)).toMatchObject({ names: [['ARG', ['A', 'B']], ['one', ['FROM', 'ENV']], ['two', ['FROM', 'RUN']]], omitted: 1 });
  });

  it('fills the second level in document order', () => {
    expect(outline(7)).toMatchObject({ names: [['ARG', ['A', 'B']], ['one', ['FROM', 'ENV']], 'two'], omitted: 3 });
  });

  it('keeps every stage, with its exact range, when the children do not fit', () => {
    const { names, omitted, symbols } = outline(3);
    expect(names).toEqual(['ARG', 'one', 'two']);
    expect(omitted).toBe(7);
    expect(symbols[2]).toEqual({
      name: 'two',
      detail: 'alpine · stage 1',
      kind: 5,
      range: { start: { line: 3, character: 0 }, end: { line: 4, character: 8 } },
      selectionRange: { start: { line: 3, character: 15 }, end: { line: 3, character: 18 } },
      children: [],
    });
  });

  it('cuts the top level itself when it alone is over the limit', () => {
    expect(outline(2)).toMatchObject({ names: ['ARG', 'one'], omitted: 8 });
  });

  it('selects the FROM keyword of an unnamed stage whose FROM child was left out', () => {
    const { symbols, omitted } = outline(2, 'FROM alpine\nRUN true\n  FROM debian:12\n');
    expect(omitted).toBe(3);
    expect(symbols.map((s) => [s.name, s.range, s.selectionRange, s.children])).toEqual([
      ['alpine', { start: { line: 0, character: 0 }, end: { line: 1, character: 8 } }, { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, []],
      ['debian:12', { start: { line: 2, character: 0 }, end: { line: 2, character: 16 } }, { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, []],
    ]);
  });
});
