// Folding ranges against a plain reference: every candidate fold of the document (each stage, each
// multi-line instruction and heredoc body, each run of comment lines, inside instructions too) kept per start line, the
// outermost winning and the stage on a tie, then the largest when over the client's limit. The
// service builds the same answer in one ordered pass without tables per line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getFoldingRanges } from '../../../server/src/services/folding';
import { SyntaxTree } from '../../../server/src/syntax';
import { readCorpusFile, readExpected } from '../syntax/corpus';
import { fcParams } from '../../fuzzing';
import { reference } from './foldingReference';

function analyzed(text: string): AnalyzedDocument {
  return analyzedDocument(TextDocument.create('file:///fold/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
}

const LINES_ONLY = { lineFoldingOnly: true } as const;

describe('folding ranges', () => {
  it('equal the reference on every corpus file', () => {
    let folds = 0;
    for (const corpus of ['real-world', 'buildkit-parser'] as const) {
      for (const { file } of readExpected(corpus)) {
        const doc = analyzed(readCorpusFile(corpus, file));
        const got = getFoldingRanges(doc, LINES_ONLY);
        expect(got, file).toEqual(reference(doc, LINES_ONLY));
        folds += got.length;
      }
    }
    expect(folds).toBeGreaterThan(1000);
  });

  it('equal the reference on random Dockerfile-like text, with and without a limit', () => {
    const fragments = ['\n', '\r\n', '# c\n', '# escape=`\n', '#syntax=x\n', 'FROM a AS b\n', 'FROM a \\\n  AS c\n', 'RUN x \\\n  y\n', 'RUN <<EOF\nbody\nEOF\n', 'COPY <<A <<B /d\na\nA\nb\nB\n', 'RUN <<EOF\nopen\n', 'ARG X=1\n', '`\n', '  \n', 'ONBUILD RUN \\\n z\n', '\r', 'RUN a\rRUN b\r', 'CMD ["a",\\\n "b"]\n', 'RUN x \\\n# c\n  \n y\n', 'RUN x \\\n  # c\n  # d\n y\n', 'RUN <<EOF x \\\n# c\n# d\n y\nbody\nEOF\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 30 }), fc.option(fc.nat({ max: 6 }), { nil: undefined }), (parts, rangeLimit) => {
        const doc = analyzed(parts.join(''));
        const options = { ...LINES_ONLY, rangeLimit };
        expect(getFoldingRanges(doc, options)).toEqual(reference(doc, options));
      }),
      fcParams(300),
    );
  });

  it('keep the largest folds, the earlier of two the same size, under any limit', () => {
    const doc = analyzed(generateDockerfile(400, { errors: true }));
    const all = getFoldingRanges(doc, LINES_ONLY).length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: all + 2 }), (limit) => {
        const options = { ...LINES_ONLY, rangeLimit: limit };
        expect(getFoldingRanges(doc, options)).toEqual(reference(doc, options));
      }),
      fcParams(60),
    );
  });

  it('keep the stage when an instruction fold starts on its FROM line and is no larger', () => {
    // The FROM continues over two lines and is the stage's only instruction: both folds are 0-1.
    const doc = analyzed('FROM \\\n  alpine\n');
    expect(getFoldingRanges(doc, LINES_ONLY)).toEqual([{ startLine: 0, endLine: 1, kind: 'region' }]);
  });
});
