// The outline keeps each part's instruction symbols for the next request (services/symbols.ts).
// After any sequence of edits, with each version analysed from the previous one (so parts and their
// symbols are reused), the outline equals the one made afresh from a new parse of the same text,
// with and without a limit; and a keystroke reuses the symbols of the stages it did not touch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument } from '../../../server/src/services/document';
import { documentSymbolsJsonOf, getDocumentSymbols } from '../../../server/src/services/symbols';
import { SyntaxTree } from '../../../server/src/syntax';
import { expectKeptJson } from '../keptJson';
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
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: LIMITS.length - 1 }), fc.constantFrom('objects', 'json', 'both')), { minLength: 1, maxLength: 6 }), (steps) => {
        const open = new OpenDocument(source);
        for (const limit of LIMITS) getDocumentSymbols(open.doc, { maxItems: limit });
        for (const [seed, limitIndex, asked] of steps) {
          open.edit(fc.sample(editArbitrary(open.tree.length, FRAGMENTS, 80), { numRuns: 1, seed })[0]);
          const maxItems = LIMITS[limitIndex];
          const expected = fresh(open.text.getText(), maxItems);
          // As objects, as JSON (which keeps each stage's JSON in place of its objects), or both in turn.
          if (asked !== 'json') expect(getDocumentSymbols(open.doc, { maxItems })).toEqual(expected);
          if (asked !== 'objects') expectKeptJson(documentSymbolsJsonOf(open.doc, { maxItems }).join(''), expected);
          if (asked === 'both') expect(getDocumentSymbols(open.doc, { maxItems })).toEqual(expected);
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

  it('keeps only the JSON of a stage once an answer is written as JSON, and joins it again while the stage is unchanged', () => {
    // The long RUN's detail is cut with an ellipsis, past U+00FF: the stage's kept JSON is still ASCII, at one byte a character.
    const source = `ARG V=1\nFROM alpine AS one\nRUN true\n\nFROM alpine AS two\nENV A=1\nRUN false${' && true'.repeat(10)}\n`;
    const open = new OpenDocument(source);
    const json = documentSymbolsJsonOf(open.doc);
    expectKeptJson(json.join(''), fresh(source, 0));
    // A keystroke in the first stage: the second stage's JSON is the very string kept before.
    const at = source.indexOf('true');
    open.edit({ start: at, end: at, text: 'x' });
    const typed = documentSymbolsJsonOf(open.doc);
    expectKeptJson(typed.join(''), fresh(open.text.getText(), 0));
    const stageTwo = json.find((piece) => piece.startsWith('{"name":"two"'));
    expect(stageTwo).toBeDefined();
    expect(typed.find((piece) => piece.startsWith('{"name":"two"'))).toBe(stageTwo);
    expect(typed.find((piece) => piece.startsWith('{"name":"one"'))).not.toBe(json.find((piece) => piece.startsWith('{"name":"one"')));
    // Objects asked for afterwards are made again from the tree.
    expect(getDocumentSymbols(open.doc)).toEqual(fresh(open.text.getText(), 0));
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
