// The outline keeps each part's instruction symbols for the next request (services/symbols.ts).
// After any sequence of edits, with each version analysed from the previous one (so parts and their
// symbols are reused), the outline equals the one made afresh from a new parse of the same text,
// with and without a limit; and a keystroke reuses the symbols of the stages it did not touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument } from '../../../server/src/services/document';
import { documentSymbolsJson, getDocumentSymbols } from '../../../server/src/services/symbols';
import { SyntaxTree } from '../../../server/src/syntax';
import { OpenDocument } from '../openDocument';
import { editArbitrary } from '../syntax/edits';
import { fcParams, fcTimeout } from '../../fuzzing';

const FRAGMENTS = [
  '\n', '\r\n', '\\\n', ' ', '#', '"', '$', 'x', 'FROM ', 'FROM base AS b\n', ' AS base', 'ARG A=1 B=2\n', 'ENV A=2 ', 'ENV C=${A:-d}\n',
  'RUN true\n', 'COPY --from=base /a /b\n', 'ONBUILD ', 'FROM --platform=linux/arm64 alpine\n',
];

const LIMITS = [0, 7, 40, 120];

function fresh(text: string, maxItems: number) {
  const doc = analyzedDocument(TextDocument.create('file:///fresh/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
  return getDocumentSymbols(doc, { maxItems });
}

describe('outline kept per part', () => {
  it('equals the outline made afresh after any edits, with and without a limit', () => {
    const source = generateDockerfile(150, { errors: true });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: LIMITS.length - 1 })), { minLength: 1, maxLength: 6 }), (steps) => {
        const open = new OpenDocument(source);
        for (const limit of LIMITS) getDocumentSymbols(open.doc, { maxItems: limit });
        for (const [seed, limitIndex] of steps) {
          open.edit(fc.sample(editArbitrary(open.tree.length, FRAGMENTS, 80), { numRuns: 1, seed })[0]);
          const maxItems = LIMITS[limitIndex];
          const symbols = getDocumentSymbols(open.doc, { maxItems });
          const expected = fresh(open.text.getText(), maxItems);
          expect(symbols).toEqual(expected);
          // The JSON kept with each top-level symbol is still that symbol's, and joins to the answer's.
          expect(documentSymbolsJson(symbols).join('')).toBe(JSON.stringify(expected));
        }
      }),
      fcParams(150),
    );
  }, fcTimeout(120_000));

  it('reuses the symbols of untouched stages after a keystroke, and moves them after a new line', () => {
    const source = 'FROM alpine AS one\nRUN true\n\nFROM alpine AS two\nENV A=1\nRUN false\n';
    const open = new OpenDocument(source);
    const before = getDocumentSymbols(open.doc);
    // A character typed in the first stage: the second keeps its symbols, the first gets new ones.
    const at = source.indexOf('true');
    open.edit({ start: at, end: at, text: 'x' });
    const typed = getDocumentSymbols(open.doc);
    expect(typed).toEqual(fresh(open.text.getText(), 0));
    expect(typed[1].children![1]).toBe(before[1].children![1]);
    expect(typed[0].children![1]).not.toBe(before[0].children![1]);
    expect(typed[0].children![1].detail).toBe('xtrue');
    // A line inserted above the second stage moves its symbols down one line.
    const blank = open.text.getText().indexOf('\n\n') + 1;
    open.edit({ start: blank, end: blank, text: '\n' });
    const moved = getDocumentSymbols(open.doc);
    expect(moved).toEqual(fresh(open.text.getText(), 0));
    expect(moved[1].children![1].range).toEqual({ start: { line: 5, character: 0 }, end: { line: 5, character: 7 } });
    // Nothing changed: every stage symbol is the one made before.
    const again = getDocumentSymbols(open.doc);
    expect(again[0]).toBe(moved[0]);
    expect(again[1]).toBe(moved[1]);
  });

  it('makes a stage symbol again when a stage above it appears on the same lines', () => {
    const source = 'FROM alpine AS one\nRUN true\nFROM alpine AS two\nRUN false\n';
    const open = new OpenDocument(source);
    const before = getDocumentSymbols(open.doc);
    expect(before[1].detail).toBe('alpine · stage 1');
    // RUN becomes FROM in place: the stage "two" keeps its nodes and its lines, but is now stage 2.
    const at = source.indexOf('RUN true');
    open.edit({ start: at, end: at + 'RUN true'.length, text: 'FROM bus' });
    const after = getDocumentSymbols(open.doc);
    expect(after).toEqual(fresh(open.text.getText(), 0));
    expect(after[2].name).toBe('two');
    expect(after[2].detail).toBe('alpine · stage 2');
    expect(after[2].children![1]).toBe(before[1].children![1]);
  });
});
