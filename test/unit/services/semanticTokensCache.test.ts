// Semantic tokens of a whole document are kept per model part (services/semanticTokens/parts.ts).
// After any sequence of edits, with each version analysed from the previous one (so parts and their
// tokens are reused), the tokens equal those collected afresh from a new parse of the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import {
  diffTokenData,
  diffTokenLayouts,
  documentTokenData,
  documentTokenLayout,
  encodeRelative,
  getSemanticTokens,
  joinTokenLayout,
  joinTokenLayoutJson,
  type TokenLayout,
} from '../../../server/src/services/semanticTokens';
import { collectFlatTokens } from '../../../server/src/services/semanticTokens/collect';
import { flatToLineTokens } from '../../../server/src/services/semanticTokens/encode';
import { SyntaxTree, type TextEdit } from '../../../server/src/syntax';
import { fcParams } from '../../fuzzing';

const FRAGMENTS = [
  '\n', '\r\n', '\r', '\\\n', ' ', '#', '# escape=`\n', '`', '"', '$', '${', '}', 'x', '<<EOF', 'EOF\n',
  'FROM ', 'FROM base AS b\n', ' AS base', ' as Other', 'ARG A=1\n', 'ENV A=2 ', 'ENV C=${A:-d}\n',
  'COPY --from=base /a /b\n', 'COPY --from=0 ', 'RUN --mount=type=cache,from=b,target=/x ', '$A', 'ONBUILD ',
];

const editArbitrary = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 80 })),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).map((parts) => parts.join('')),
});

/** The tokens collected node by node from a fresh parse, without any cache. */
function fresh(text: string): number[] {
  const doc = analyzedDocument(TextDocument.create('file:///fresh/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
  return flatToLineTokens(text, collectFlatTokens(doc));
}

function applyEdits(data: readonly number[], edits: readonly { start: number; deleteCount: number; data?: number[] }[]): number[] {
  const out = data.slice();
  for (const edit of [...edits].reverse()) out.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
  return out;
}

/** A document and its token layout after each of `texts` replaces `from` in the previous one. */
function layoutsAfter(text: string, changes: readonly (readonly [string, string])[]): { text: string; layout: TokenLayout }[] {
  const document = TextDocument.create('file:///delta/Dockerfile', 'dockerfile', 1, text);
  let tree = SyntaxTree.parse(text);
  let doc = analyzedDocument(document, tree);
  const out = [{ text, layout: documentTokenLayout(doc) }];
  for (const [from, to] of changes) {
    const at = document.getText().indexOf(from);
    const edit: TextEdit = { start: at, end: at + from.length, text: to };
    tree = tree.edit(edit);
    TextDocument.update(document, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: to }], document.version + 1);
    doc = analyzedDocument(document, tree, doc);
    out.push({ text: document.getText(), layout: documentTokenLayout(doc) });
  }
  return out;
}

const THREE_STAGES = 'FROM alpine AS one\nRUN true\n\nFROM one AS two\nEXPOSE 8080\nENV A=1\n\nFROM alpine\nLABEL x=y\n';

describe('semantic token deltas found part by part', () => {
  it('reuse the untouched parts and send only the tokens a keystroke changed', () => {
    const [before, after] = layoutsAfter(THREE_STAGES, [['8080', '9090 9091']]);
    expect(after.layout.parts[0]).toBe(before.layout.parts[0]);
    expect(after.layout.parts[2]).toBe(before.layout.parts[2]);
    expect(after.layout.parts[1]).not.toBe(before.layout.parts[1]);
    const previous = joinTokenLayout(before.layout);
    const next = joinTokenLayout(after.layout);
    // Stage one's five tokens are 25 numbers; in stage two, 8080 is the sixth token (50-54) and 9091
    // comes after it as the only new token, five characters on.
    expect(diffTokenLayouts(before.layout, after.layout)).toEqual([{ start: 55, deleteCount: 0, data: [0, 5, 4, 4, 0] }]);
    expect(applyEdits(previous, diffTokenLayouts(before.layout, after.layout))).toEqual(next);
    expect(diffTokenLayouts(before.layout, after.layout)).toEqual(diffTokenData(previous, next));
  });

  it('send only the first number of the next stage when an edit adds an empty line above it', () => {
    const [before, after] = layoutsAfter(THREE_STAGES, [['ENV A=1\n', 'ENV A=1\n\n']]);
    expect(after.layout.parts[2]).toBe(before.layout.parts[2]);
    expect(after.layout.lines[2]).toBe(before.layout.lines[2] + 1);
    // Stage three's FROM (numbers 70-74) is now three lines below the last token of stage two, not two.
    const edits = diffTokenLayouts(before.layout, after.layout);
    expect(edits).toEqual([{ start: 70, deleteCount: 1, data: [3] }]);
    expect(applyEdits(joinTokenLayout(before.layout), edits)).toEqual(joinTokenLayout(after.layout));
  });

  it('compare the first part by its line too', () => {
    // Built by hand: the model gives a stage a new part when the lines before it change, but a
    // part that kept its object and moved down must still be sent again from its first number.
    const part = { resolution: '', data: [0, 0, 4, 0, 0, 1, 0, 3, 0, 0], count: 10, first: 0, lastLine: 1, lineBreaks: 2 };
    const before: TokenLayout = { parts: [part], lines: [0], length: 10 };
    const after: TokenLayout = { parts: [part], lines: [2], length: 10 };
    expect(diffTokenLayouts(before, after)).toEqual([{ start: 0, deleteCount: 1, data: [2] }]);
    expect(joinTokenLayout(after)).toEqual([2, 0, 4, 0, 0, 1, 0, 3, 0, 0]);
  });

  it('keep the parts a full JSON answer collects as JSON from the start, and the same numbers', () => {
    const text = generateDockerfile(200);
    const open = () => analyzedDocument(TextDocument.create('file:///json/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
    const asNumbers = documentTokenLayout(open());
    const asJson = documentTokenLayout(open(), true);
    expect(asNumbers.parts.length).toBeGreaterThan(5);
    expect(asNumbers.parts.every((part) => part.rest === undefined)).toBe(true);
    expect(asJson.parts.every((part) => part.rest !== undefined)).toBe(true);
    expect(joinTokenLayoutJson(asJson).join('')).toBe(JSON.stringify(joinTokenLayout(asNumbers)));
    expect(joinTokenLayout(asJson)).toEqual(joinTokenLayout(asNumbers));
  });

  it('send nothing when no token changed', () => {
    const [before, after] = layoutsAfter(THREE_STAGES, [['RUN true', 'RUN false']]);
    expect(diffTokenLayouts(before.layout, after.layout)).toEqual([]);
  });
});

describe('semantic tokens kept per part', () => {
  it('equal tokens collected afresh after any edits', () => {
    const base = generateDockerfile(120, { errors: true });
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), (edits) => {
        const document = TextDocument.create('file:///cached/Dockerfile', 'dockerfile', 1, base);
        let tree = SyntaxTree.parse(base);
        let doc: AnalyzedDocument = analyzedDocument(document, tree);
        expect(getSemanticTokens(doc)).toEqual(fresh(base));
        let previousLayout = documentTokenLayout(doc);
        let version = 1;
        for (const { at, remove, insert } of edits) {
          // Through positions, as the server gets edits (a position cannot fall inside a CRLF).
          const start = Math.floor(at * tree.length);
          const range = { start: document.positionAt(start), end: document.positionAt(Math.min(tree.length, start + remove)) };
          const edit: TextEdit = { start: document.offsetAt(range.start), end: document.offsetAt(range.end), text: insert };
          tree = tree.edit(edit);
          TextDocument.update(document, [{ range, text: insert }], ++version);
          doc = analyzedDocument(document, tree, doc);
          const text = document.getText();
          const expected = fresh(text);
          const tokens = getSemanticTokens(doc);
          if (JSON.stringify(tokens) !== JSON.stringify(expected)) expect(tokens).toEqual(expected);
          const data = documentTokenData(doc);
          if (JSON.stringify(data) !== JSON.stringify(encodeRelative(expected))) expect(data).toEqual(encodeRelative(expected));
          // A delta from the previous version's layout turns its data into this one's. Every other
          // version is laid out as a full JSON answer lays it out (new parts kept as JSON at once), so
          // the next delta reads some parts back from their JSON.
          const layout = documentTokenLayout(doc, version % 2 === 0);
          // The JSON a full answer joins from the parts' kept JSON is the data's, number for number.
          expect(joinTokenLayoutJson(layout).join('')).toBe(JSON.stringify(data));
          const patched = applyEdits(joinTokenLayout(previousLayout), diffTokenLayouts(previousLayout, layout));
          if (JSON.stringify(patched) !== JSON.stringify(data)) expect(patched).toEqual(data);
          previousLayout = layout;
          // A range request, read from the text of the nodes it touches: the tokens that reach into
          // it, written line by line against the whole text.
          const rangeFrom = Math.max(0, start - 40);
          const rangeTo = Math.min(tree.length, start + insert.length + 40);
          const near = collectFlatTokens(doc, rangeFrom, rangeTo);
          const flat: number[] = [];
          for (let i = 0; i < near.length; i += 4) if (near[i + 1] > rangeFrom && near[i] < rangeTo) flat.push(...near.slice(i, i + 4));
          const ranged = getSemanticTokens(doc, { start: document.positionAt(rangeFrom), end: document.positionAt(rangeTo) });
          expect(ranged).toEqual(flatToLineTokens(text, flat));
        }
      }),
      fcParams(150),
    );
  });

  it('a mount before the first FROM names no stage, kept or collected afresh (found with seed 698069105)', () => {
    const document = TextDocument.create('file:///early/Dockerfile', 'dockerfile', 1, 'FROM alpine\n');
    let tree = SyntaxTree.parse(document.getText());
    let doc = analyzedDocument(document, tree);
    for (const [version, insert] of [[2, '\nFROM base AS b\n'], [3, 'RUN --mount=type=cache,from=b,target=/x ']] as const) {
      tree = tree.edit({ start: 0, end: 0, text: insert });
      TextDocument.update(document, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: insert }], version);
      doc = analyzedDocument(document, tree, doc);
    }
    expect(getSemanticTokens(doc)).toEqual(fresh(document.getText()));
    expect(doc.model.stageReferences.filter((r) => r.kind === 'mount-from').map((r) => r.stage)).toEqual([undefined]);
  });

  it('follow a stage that a reference starts or stops naming in another stage', () => {
    const text = 'FROM alpine AS three\nRUN true\n\nFROM alpine\nCOPY --from=two /a /b\nRUN --mount=from=two,target=/x true\n';
    const document = TextDocument.create('file:///rename/Dockerfile', 'dockerfile', 1, text);
    let tree = SyntaxTree.parse(text);
    let doc = analyzedDocument(document, tree);
    expect(getSemanticTokens(doc)).toEqual(fresh(text));
    // Renaming the first stage to `two` changes what the second stage's references name; that stage's nodes do not change.
    const at = text.indexOf('three');
    for (const [edit, version] of [[{ start: at, end: at + 5, text: 'two' }, 2], [{ start: at, end: at + 3, text: 'three' }, 3]] as const) {
      tree = tree.edit(edit);
      TextDocument.update(document, [{ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, text: edit.text }], version);
      doc = analyzedDocument(document, tree, doc);
      expect(getSemanticTokens(doc)).toEqual(fresh(document.getText()));
    }
  });
});
