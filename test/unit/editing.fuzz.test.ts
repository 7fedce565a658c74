// The editing services take anything: random text and half-typed edits of real files. They never
// throw, folds and selections stay inside the document and nest, semantic tokens stay sorted on
// their lines, and formatting edits never overlap.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range, SelectionRange } from 'vscode-languageserver-types';
import { getFoldingRanges } from '../../server/src/services/folding';
import { analyzedDocument } from '../../server/src/services/document';
import { formatEdits, onNewLineEdits, type FormatOptions } from '../../server/src/services/formatting';
import { getSelectionRanges } from '../../server/src/services/selectionRange';
import { getSemanticTokens } from '../../server/src/services/semanticTokens';
import { SyntaxTree } from '../../server/src/syntax';
import { applyOffsetEdits } from './formatting.equivalence';
import { readCorpusFile, readExpected } from './syntax/corpus';
import { fcParams } from '../fuzzing';

const OPTIONS: FormatOptions = { keywordCase: 'upper', indent: '    ', tabSize: 4, blankLineBetweenStages: true };

function check(ok: boolean, what: string, text: string): void {
  if (!ok) throw new Error(`${what} for input ${JSON.stringify(text.slice(0, 300))}`);
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function exercise(text: string, offsets: readonly number[]): void {
  const document = TextDocument.create('file:///fuzz/Dockerfile', 'dockerfile', 1, text);
  const tree = SyntaxTree.parse(text);
  const doc = analyzedDocument(document, tree);
  const lineCount = document.lineCount;

  for (const fold of getFoldingRanges(doc, { lineFoldingOnly: false })) {
    check(fold.startLine < fold.endLine && fold.endLine < lineCount, `fold ${JSON.stringify(fold)} out of range`, text);
  }

  const positions = offsets.map((o) => document.positionAt(Math.floor(o * text.length)));
  const selections = getSelectionRanges(doc, positions);
  check(selections.length === positions.length, 'one selection per position', text);
  for (const selection of selections) {
    for (let s: SelectionRange | undefined = selection; s?.parent; s = s.parent) {
      check(contains(s.parent.range, s.range), 'selection parent does not contain its child', text);
    }
  }

  const tokens = getSemanticTokens(doc);
  const lines = text.split(/\r\n|\r|\n/);
  let previous = { line: -1, end: 0 };
  for (let i = 0; i < tokens.length; i += 5) {
    const [line, char, length] = tokens.slice(i, i + 3);
    check(line < lines.length && char + length <= lines[line].length && length > 0, `token ${line}:${char} outside its line`, text);
    check(line > previous.line || char >= previous.end, `token ${line}:${char} overlaps or is out of order`, text);
    previous = { line, end: char + length };
  }

  applyOffsetEdits(text, formatEdits(tree, OPTIONS));
  for (const o of offsets) applyOffsetEdits(text, onNewLineEdits(tree, Math.floor(o * text.length), OPTIONS));
}

describe('editing services on any input', () => {
  const offsets = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 });

  it('random Dockerfile-ish text', () => {
    const pieces = ['FROM ', 'RUN ', 'COPY ', 'ONBUILD ', 'ENV ', 'ARG ', 'HEALTHCHECK CMD ', 'a', ' ', '\t', '\\', '\n', '\r\n', '\r', '#', '"', "'", '[', ']', ',', '<<EOF', 'EOF', '<<-', '$', '${', '}', ':-', '=', '--mount=type=cache,', '--from=', ' AS ', '`', '# escape=`\n', '\uFEFF', 'é', '😀'];
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), offsets, (parts, at) => exercise(parts.join(''), at)), fcParams(1500));
  });

  it('half-typed prefixes and random edits of corpus files', () => {
    const files = readExpected('real-world')
      .map((e) => readCorpusFile('real-world', e.file))
      .filter((t) => t.length < 5000);
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.string({ maxLength: 8 }), offsets, (index, cut, insert, at) => {
        const text = files[index];
        const where = Math.floor(cut * text.length);
        exercise(text.slice(0, where) + insert + text.slice(where, where + 40), at);
      }),
      fcParams(400),
    );
  });
});
