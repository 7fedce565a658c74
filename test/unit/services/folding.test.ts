// Folding ranges against a plain reference: every candidate fold of the document (each stage, each
// multi-line instruction and heredoc body, each run of comment lines, inside instructions too) kept per start line, the
// outermost winning and the stage on a tie, then the largest when over the client's limit. The
// service builds the same answer in one ordered pass without tables per line.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { generateDockerfile } from '../../../bench/generate';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getFoldingRanges, type FoldingOptions } from '../../../server/src/services/folding';
import { SyntaxTree } from '../../../server/src/syntax';
import { readCorpusFile, readExpected } from '../syntax/corpus';
import { fcParams } from '../../fuzzing';

function analyzed(text: string): AnalyzedDocument {
  return analyzedDocument(TextDocument.create('file:///fold/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
}

/** `end` moved back over one line break, spelled out. */
function trimBreak(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') end--;
  if (end > 0 && text[end - 1] === '\r') end--;
  return end;
}

function reference(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
  const text = doc.text.getText();
  const { tree, model } = doc;
  // Lines from the text library's own positions, not the service's line table and cursor.
  const lineAt = (offset: number): number => doc.text.positionAt(offset).line;
  const candidates: { startLine: number; endLine: number; kind?: string }[] = [];
  for (const stage of model.stages) {
    let last = stage.nodeIndex;
    for (let i = stage.nodeIndex + 1; i <= stage.lastNodeIndex; i++) if (tree.node(i).kind === 'instruction') last = i;
    candidates.push({ startLine: lineAt(stage.start), endLine: lineAt(trimBreak(text, tree.end(last))), kind: FoldingRangeKind.Region });
  }
  let run: number[] = [];
  const endRun = (): void => {
    if (run.length > 1) candidates.push({ startLine: run[0], endLine: run[run.length - 1], kind: FoldingRangeKind.Comment });
    run = [];
  };
  tree.forEach((node, start) => {
    if (node.kind === 'comment' || node.kind === 'directive') {
      const line = lineAt(start);
      if (run.length && run[run.length - 1] !== line - 1) endRun();
      run.push(line);
      return;
    }
    endRun();
    if (node.kind !== 'instruction') return;
    candidates.push({ startLine: lineAt(start), endLine: lineAt(trimBreak(text, start + node.length)) });
    // Runs of comment lines inside the instruction.
    let inner: number[] = [];
    const endInner = (): void => {
      if (inner.length > 1) candidates.push({ startLine: inner[0], endLine: inner[inner.length - 1], kind: FoldingRangeKind.Comment });
      inner = [];
    };
    for (const comment of node.innerComments) {
      const line = lineAt(start + comment.start);
      if (inner.length && inner[inner.length - 1] !== line - 1) endInner();
      inner.push(line);
    }
    endInner();
    for (const heredoc of node.heredocs) {
      const end = heredoc.terminator ? lineAt(start + heredoc.terminator.end) : lineAt(trimBreak(text, start + heredoc.body.end));
      candidates.push({ startLine: lineAt(start + heredoc.body.start - 1), endLine: end });
    }
  });
  endRun();
  const byLine = new Map<number, { startLine: number; endLine: number; kind?: string }>();
  for (const fold of candidates) {
    if (fold.endLine <= fold.startLine) continue;
    const kept = byLine.get(fold.startLine);
    if (!kept || fold.endLine > kept.endLine) byLine.set(fold.startLine, fold);
  }
  let folds = [...byLine.values()].sort((a, b) => a.startLine - b.startLine);
  if (options.rangeLimit !== undefined && folds.length > options.rangeLimit) {
    folds = [...folds].sort((a, b) => b.endLine - b.startLine - (a.endLine - a.startLine) || a.startLine - b.startLine).slice(0, options.rangeLimit);
    folds.sort((a, b) => a.startLine - b.startLine);
  }
  return folds.map(({ startLine, endLine, kind }) => (kind ? { startLine, endLine, kind } : { startLine, endLine }));
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
