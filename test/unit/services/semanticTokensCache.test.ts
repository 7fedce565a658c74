// Semantic tokens of a whole document are kept per model part (services/semanticTokens/parts.ts).
// After any sequence of edits, with each version analysed from the previous one (so parts and their
// tokens are reused), the tokens equal those collected afresh from a new parse of the same text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { documentTokenData, encodeRelative, getSemanticTokens } from '../../../server/src/services/semanticTokens';
import { collectFlatTokens } from '../../../server/src/services/semanticTokens/collect';
import { flatToLineTokens } from '../../../server/src/services/semanticTokens/encode';
import { SyntaxTree, type TextEdit } from '../../../server/src/syntax';

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

describe('semantic tokens kept per part', () => {
  it('equal tokens collected afresh after any edits', () => {
    const base = generateDockerfile(120, { errors: true });
    fc.assert(
      fc.property(fc.array(editArbitrary, { minLength: 1, maxLength: 6 }), (edits) => {
        const document = TextDocument.create('file:///cached/Dockerfile', 'dockerfile', 1, base);
        let tree = SyntaxTree.parse(base);
        let doc: AnalyzedDocument = analyzedDocument(document, tree);
        expect(getSemanticTokens(doc)).toEqual(fresh(base));
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
        }
      }),
      { numRuns: 150 },
    );
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
