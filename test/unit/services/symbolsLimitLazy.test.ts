// The limited outline counts parts only as far as the limit needs (services/symbols.ts): after any
// edits it is still the whole outline trimmed level by level (SymbolOptions.maxItems), and a first
// request whose limit is used up by the early stages does not walk the rest of the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument, documentLineStarts } from '../../../server/src/services/document';
import { getDocumentSymbols } from '../../../server/src/services/symbols';
import { SyntaxTree } from '../../../server/src/syntax';
import { OpenDocument } from '../openDocument';
import { editArbitrary } from '../syntax/edits';
import { fcParams, fcTimeout } from '../../fuzzing';

const FRAGMENTS = ['\n', 'x', ' ', '#', 'FROM alpine AS s\n', 'ARG A=1 B=2 C\n', 'ENV X=1 Y=2\n', 'RUN true\n', 'FROM ', 'ARG ', '\\\n'];

/** The whole outline cut to `maxItems` symbols the plain way: level by level, each in document order. */
function trimmed(all: DocumentSymbol[], maxItems: number): { symbols: DocumentSymbol[]; omitted: number } {
  const copy = (list: DocumentSymbol[]): DocumentSymbol[] => list.map((s) => ({ ...s, ...(s.children ? { children: copy(s.children) } : {}) }));
  const symbols = copy(all);
  const count = (list: DocumentSymbol[]): number => list.reduce((sum, s) => sum + 1 + count(s.children ?? []), 0);
  const total = count(all);
  let budget = maxItems;
  let level: DocumentSymbol[][] = [symbols];
  while (level.length) {
    const below: DocumentSymbol[][] = [];
    for (const list of level) {
      const kept = Math.max(0, Math.min(list.length, budget));
      budget -= kept;
      list.splice(kept);
      for (const symbol of list) if (symbol.children) below.push(symbol.children);
    }
    level = below;
  }
  // An instruction without variable symbols has no children at all; a stage always lists its own.
  const tidy = (list: DocumentSymbol[], stage: boolean): void => {
    for (const symbol of list) {
      if (!symbol.children) continue;
      const isStage = stage && symbol.kind === 5;
      if (!isStage && symbol.children.length === 0) delete symbol.children;
      else tidy(symbol.children, false);
    }
  };
  tidy(symbols, true);
  return { symbols, omitted: Math.max(0, total - maxItems) };
}

function fresh(text: string): DocumentSymbol[] {
  return getDocumentSymbols(analyzedDocument(TextDocument.create('file:///fresh/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text)));
}

describe('limited outline, counted lazily', () => {
  it('equals the whole outline trimmed level by level after any edits, and counts what it leaves out', () => {
    const source = generateDockerfile(60) + 'FROM scratch\nARG P=1 Q=2 R=3\nENV S=1\n';
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 90 })), { minLength: 1, maxLength: 6 }), (steps) => {
        const open = new OpenDocument(source);
        for (const [seed, ...limits] of steps) {
          open.edit(fc.sample(editArbitrary(open.tree.length, FRAGMENTS, 60), { numRuns: 1, seed })[0]);
          const whole = fresh(open.text.getText());
          // Two limits on the same version: the second reuses (or not) what the first kept.
          for (const maxItems of limits) {
            const expected = trimmed(whole, maxItems);
            let countOmitted: (() => number) | undefined;
            const symbols = getDocumentSymbols(open.doc, { maxItems, onLimited: (count) => (countOmitted = count) });
            expect(JSON.stringify(symbols)).toBe(JSON.stringify(expected.symbols));
            expect(countOmitted?.() ?? 0).toBe(expected.omitted);
          }
        }
      }),
      fcParams(100),
    );
  }, fcTimeout(120_000));

  it('does not walk the stages the limit leaves without children on the first request', () => {
    const text = generateDockerfile(5_000);
    const doc = analyzedDocument(TextDocument.create('file:///walk/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
    // What the open computes anyway, outside the count.
    void doc.model.stages;
    documentLineStarts(doc);
    const stages = doc.model.stages.length;
    const nodes = doc.tree.nodeCount;
    const forEach = doc.tree.forEach.bind(doc.tree);
    let visits = 0;
    doc.tree.forEach = (visit, from) => forEach((node, start, index) => (visits++, visit(node, start, index)), from);
    let countOmitted: (() => number) | undefined;
    // The two global ARGs and every stage, then 100 symbols one level below: the global ARGs'
    // variables and the instructions of the first few stages.
    const symbols = getDocumentSymbols(doc, { maxItems: 2 + stages + 100, onLimited: (count) => (countOmitted = count) });
    expect(symbols).toHaveLength(2 + stages);
    expect(symbols.reduce((sum, s) => sum + (s.children?.length ?? 0), 0)).toBe(100);
    // The counts and symbols read the first stages' nodes: none of the stages left without children.
    expect(visits).toBeLessThan(nodes / 10);
    // Counting what was left out reads the rest.
    expect(countOmitted).toBeDefined();
    visits = 0;
    countOmitted!();
    expect(visits).toBeGreaterThan(nodes * 0.9);
  });
});
