// textDocument/foldingRange: what an outline-minded reader wants to collapse.
// - Stages (kind `region`): from the FROM line to the last line of the stage's last instruction
//   (comments after it introduce what follows, so they stay out).
// - Multi-line instructions: from the keyword line to the last line, heredoc bodies included.
// - Heredoc bodies: from the line before the body (the marker line, or the previous terminator)
//   to the terminator, nested inside the instruction's fold.
// - Runs of two or more comment lines (kind `comment`); the directive block counts as comments.
// Editors keep one fold per start line, so when two ranges start on the same line only the
// outermost is returned. Lines come from the table of line starts made once per version.

import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { InstructionNode } from '../syntax';
import { documentLineStarts, type AnalyzedDocument } from './document';
import { PositionCursor } from './positions';

export interface FoldingOptions {
  /** The client folds whole lines only (it ignores start and end characters). */
  readonly lineFoldingOnly: boolean;
  /** The most ranges the client wants. */
  readonly rangeLimit?: number;
  /** The kinds the client understands; undefined when it did not say. */
  readonly kinds?: readonly string[];
}

interface Fold {
  startLine: number;
  endLine: number;
  kind?: string;
}

/** `end` moved back over one line terminator (`\r\n`, `\n` or `\r`) that ends text[.., end). */
function withoutLineEnd(text: string, end: number): number {
  if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

function instructionFolds(text: string, lineOf: (offset: number) => number, node: InstructionNode, start: number, add: (startLine: number, endLine: number, kind?: string) => void): void {
  const first = lineOf(start);
  const last = lineOf(withoutLineEnd(text, start + node.length));
  if (last > first) add(first, last);
  for (const heredoc of node.heredocs) {
    // The body starts on a new line; the line before it is where the reader sees the marker.
    const header = lineOf(start + heredoc.body.start - 1);
    const end = heredoc.terminator ? lineOf(start + heredoc.terminator.end) : lineOf(withoutLineEnd(text, start + heredoc.body.end));
    if (end > header) add(header, end);
  }
}

export function getFoldingRanges(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
  const text = doc.text.getText();
  const starts = documentLineStarts(doc);
  const cursor = new PositionCursor(text, starts);
  const lineOf = (offset: number): number => cursor.lineOf(offset);
  // The fold kept for each start line (the outermost): its end line (-1: none) and kind.
  const ends = new Int32Array(starts.length).fill(-1);
  const kinds: (string | undefined)[] = new Array(starts.length);
  let count = 0;
  const add = (startLine: number, endLine: number, kind?: string): void => {
    if (endLine <= ends[startLine]) return;
    if (ends[startLine] < 0) count++;
    ends[startLine] = endLine;
    kinds[startLine] = kind;
  };

  for (const stage of doc.model.stages) {
    let lastInstruction = stage.nodeIndex;
    for (let i = stage.lastNodeIndex; i > stage.nodeIndex; i--) {
      if (doc.tree.node(i).kind === 'instruction') {
        lastInstruction = i;
        break;
      }
    }
    const startLine = lineOf(stage.start);
    const endLine = lineOf(withoutLineEnd(text, doc.tree.end(lastInstruction)));
    if (endLine > startLine) add(startLine, endLine, FoldingRangeKind.Region);
  }

  // A run of comment lines: its first line, and its last (-1: none open).
  let runFirst = -1;
  let runLast = -1;
  const endCommentRun = (): void => {
    if (runLast > runFirst) add(runFirst, runLast, FoldingRangeKind.Comment);
    runFirst = runLast = -1;
  };
  doc.tree.forEach((node, start) => {
    if (node.kind === 'comment' || node.kind === 'directive') {
      const line = lineOf(start);
      if (runFirst >= 0 && runLast === line - 1) runLast = line;
      else {
        endCommentRun();
        runFirst = runLast = line;
      }
      return;
    }
    endCommentRun();
    if (node.kind === 'instruction') instructionFolds(text, lineOf, node, start, add);
  });
  endCommentRun();

  let folds: Fold[] = [];
  for (let line = 0; line < ends.length && folds.length < count; line++) {
    if (ends[line] >= 0) folds.push({ startLine: line, endLine: ends[line], kind: kinds[line] });
  }
  if (options.rangeLimit !== undefined && folds.length > options.rangeLimit) {
    // Keep the largest folds: they save the reader the most.
    folds = folds
      .sort((a, b) => b.endLine - b.startLine - (a.endLine - a.startLine) || a.startLine - b.startLine)
      .slice(0, Math.max(0, options.rangeLimit));
    folds.sort((a, b) => a.startLine - b.startLine);
  }
  return folds.map((fold) => toFoldingRange(text, starts, fold, options));
}

function toFoldingRange(text: string, starts: readonly number[], fold: Fold, options: FoldingOptions): FoldingRange {
  const range: FoldingRange = { startLine: fold.startLine, endLine: fold.endLine };
  if (!options.lineFoldingOnly) {
    // Character-precise clients fold from the end of the first line to the end of the last.
    range.startCharacter = lineLength(text, starts, fold.startLine);
    range.endCharacter = lineLength(text, starts, fold.endLine);
  }
  if (fold.kind && (!options.kinds || options.kinds.includes(fold.kind))) range.kind = fold.kind;
  return range;
}

function lineLength(text: string, starts: readonly number[], line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  return Math.max(0, withoutLineEnd(text, next) - starts[line]);
}
