// Folds are kept per model part, with lines counted from the part's first line (services/folding.ts).
// After any sequence of edits, with each version analysed from the previous one (so parts and their
// folds are reused), the folds equal the reference's for a new parse of the same text, with and
// without a limit, by line or by character; and a keystroke reuses the folds of the stages it did
// not touch, moved by the lines it added or removed above them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument } from '../../../server/src/services/document';
import { getFoldingRanges, partFolds, type FoldingOptions } from '../../../server/src/services/folding';
import { SyntaxTree } from '../../../server/src/syntax';
import { OpenDocument } from '../openDocument';
import { editArbitrary } from '../syntax/edits';
import { fcParams, fcTimeout } from '../../fuzzing';
import { reference } from './foldingReference';

// Line breaks of every kind (a lone `\r` breaks a line for the editor, not for BuildKit), stages,
// continuations, heredocs, and comment lines between and inside instructions.
const FRAGMENTS = [
  '\n', '\r\n', '\r', '\\\n', '\\\r\n', ' ', '#', '# c\n', '# d\r\n', 'x', 'FROM ', 'FROM base AS b\n', 'RUN true\n',
  'RUN a\rRUN b\r', 'RUN x \\\n  # c\n  # d\n y\n', 'RUN <<EOF\nbody\nEOF\n', 'COPY <<A <<B /d\na\nA\nb\nB\n', 'RUN <<EOF\nopen\n',
  '# escape=`\n', '`\n', 'ONBUILD RUN \\\n z\n',
];

const LIMITS = [undefined, 0, 3, 25, 200];

/** The folds of a new parse of the text, spelled out by the reference (which keeps nothing between calls). */
function fresh(text: string, options: FoldingOptions) {
  return reference(analyzedDocument(TextDocument.create('file:///fresh/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text)), options);
}

describe('folds kept per part', () => {
  // 150 lines make 6 stages, whose folds are collected part by part; 1,000 lines make 41, more than
  // the first request collects part by part (it reads them all in one pass, later edits part by part).
  it.each([150, 1000])('equal the reference for a new parse after any edits, with and without a limit (%i lines)', (lines) => {
    const source = generateDockerfile(lines, { errors: true }) + '\n# one\n# two\nFROM last\nRUN <<EOF\nbody\nEOF\n';
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: LIMITS.length - 1 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (steps) => {
          const open = new OpenDocument(source);
          getFoldingRanges(open.doc, { lineFoldingOnly: true });
          for (const [seed, limitIndex, lineFoldingOnly] of steps) {
            open.edit(fc.sample(editArbitrary(open.tree.length, FRAGMENTS, 80), { numRuns: 1, seed })[0]);
            const options = { lineFoldingOnly, rangeLimit: LIMITS[limitIndex] };
            expect(getFoldingRanges(open.doc, options)).toEqual(fresh(open.text.getText(), options));
          }
        },
      ),
      fcParams(lines > 150 ? 40 : 150),
    );
  }, fcTimeout(120_000));

  it('reuse the folds of untouched stages after a keystroke, and move them after a new line', () => {
    const source = '# a\n# b\nFROM alpine AS one\nRUN true \\\n  && false\n\nFROM alpine AS two\nRUN <<EOF\nbody\nEOF\n# c\n# d\n';
    const open = new OpenDocument(source);
    const options = { lineFoldingOnly: true };
    expect(getFoldingRanges(open.doc, options)).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 4, kind: 'region' },
      { startLine: 3, endLine: 4 },
      { startLine: 6, endLine: 9, kind: 'region' },
      { startLine: 7, endLine: 9 },
      { startLine: 10, endLine: 11, kind: 'comment' },
    ]);
    const global = partFolds(open.doc, -1);
    const one = partFolds(open.doc, 0);
    const two = partFolds(open.doc, 1);
    // A character typed in the first stage: the other parts keep their folds, the first gets new ones.
    const at = source.indexOf('true');
    open.edit({ start: at, end: at, text: 'x' });
    expect(getFoldingRanges(open.doc, options)).toEqual(fresh(open.text.getText(), options));
    expect(partFolds(open.doc, -1)).toBe(global);
    expect(partFolds(open.doc, 1)).toBe(two);
    expect(partFolds(open.doc, 0)).not.toBe(one);
    // A line inserted in the first stage moves the second stage's kept folds down one line.
    const blank = open.text.getText().indexOf('\n\n') + 1;
    open.edit({ start: blank, end: blank, text: '\r\n' });
    const moved = getFoldingRanges(open.doc, { lineFoldingOnly: false });
    expect(moved).toEqual(fresh(open.text.getText(), { lineFoldingOnly: false }));
    expect(partFolds(open.doc, 1)).toBe(two);
    expect(moved.slice(-3)).toEqual([
      { startLine: 7, startCharacter: 18, endLine: 10, endCharacter: 3, kind: 'region' },
      { startLine: 8, startCharacter: 9, endLine: 10, endCharacter: 3 },
      { startLine: 11, startCharacter: 3, endLine: 12, endCharacter: 3, kind: 'comment' },
    ]);
  });

  it('leave out the kinds the client does not know', () => {
    const open = new OpenDocument('# a\n# b\nFROM alpine\nRUN a \\\n  b\n');
    expect(getFoldingRanges(open.doc, { lineFoldingOnly: true, kinds: ['comment'] })).toEqual([
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 4 },
      { startLine: 3, endLine: 4 },
    ]);
  });
});
