// textDocument/foldingRange: what an outline-minded reader wants to collapse.
// - Stages (kind `region`): from the FROM line to the last line of the stage's last instruction
//   (comments after it introduce what follows, so they stay out).
// - Multi-line instructions: from the keyword line to the last line, heredoc bodies included.
// - Heredoc bodies: from the line before the body (the marker line, or the previous terminator)
//   to the terminator, nested inside the instruction's fold.
// - Runs of two or more comment lines (kind `comment`); the directive block counts as comments, and
//   so do runs of comment lines inside a multi-line instruction (BuildKit drops them from its text).
// Editors keep one fold per start line, so when two ranges start on the same line only the
// outermost is returned. Lines come from the table of line starts made once per version; the
// work follows the nodes and folds, not the lines.

import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { Stage } from '../semantics';
import type { InstructionNode } from '../syntax';
import { documentHasCarriageReturns, documentLineStarts, type AnalyzedDocument } from './document';
import type { TextReader } from '../syntax';
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
function withoutLineEnd(text: TextReader, end: number): number {
  if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

function instructionFolds(
  cursor: PositionCursor,
  node: InstructionNode,
  start: number,
  add: (startLine: number, endLine: number, kind?: string) => void,
  noCarriageReturns: boolean,
): void {
  // Without a carriage return in the text (which BuildKit reads inside a line, an editor as a line
  // break), an instruction goes on to another line only through an escape or a heredoc: most have
  // neither, and their lines need no looking up.
  if (noCarriageReturns && node.continuations.length === 0 && node.heredocs.length === 0) return;
  const first = cursor.lineOf(start);
  const last = cursor.lastLineOf(start + node.length);
  if (last > first) add(first, last);
  // Comment lines inside the instruction and heredoc bodies, in order of their lines (a comment
  // line comes on a continuation line, so before the bodies that follow the instruction's lines).
  const comments = node.innerComments;
  let c = 0;
  const commentRunsBefore = (offset: number): void => {
    while (c < comments.length && comments[c].start < offset) {
      const runFirst = cursor.lineOf(start + comments[c].start);
      let runLast = runFirst;
      for (c++; c < comments.length && comments[c].start < offset; c++) {
        const line = cursor.lineOf(start + comments[c].start);
        if (line !== runLast + 1) break;
        runLast = line;
      }
      if (runLast > runFirst) add(runFirst, runLast, FoldingRangeKind.Comment);
    }
  };
  for (const heredoc of node.heredocs) {
    commentRunsBefore(heredoc.body.start);
    // The body starts on a new line; the line before it is where the reader sees the marker.
    const header = cursor.lineOf(start + heredoc.body.start - 1);
    const end = heredoc.terminator ? cursor.lineOf(start + heredoc.terminator.end) : cursor.lastLineOf(start + heredoc.body.end);
    if (end > header) add(header, end);
  }
  commentRunsBefore(node.length);
}

export function getFoldingRanges(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
  const { tree, model } = doc;
  // Characters are read from the tree (a version's whole text is never joined for its folds); the
  // lines of the folds come from the line starts alone.
  const text = tree.reader();
  const starts = documentLineStarts(doc);
  const cursor = new PositionCursor(text, starts);
  const lineOf = (offset: number): number => cursor.lineOf(offset);
  // Stage ends are far ahead of the node being read: a cursor of their own keeps both moving forward.
  const stageEnds = new PositionCursor(text, starts);
  const noCarriageReturns = !documentHasCarriageReturns(doc);

  // Folds come in order of their start lines, so the outermost of those that start on one line is
  // found by comparing with the last one kept (on a tie the first one stays).
  const folds: Fold[] = [];
  const add = (startLine: number, endLine: number, kind?: string): void => {
    const last = folds[folds.length - 1];
    if (last && last.startLine === startLine) {
      if (endLine > last.endLine) folds[folds.length - 1] = { startLine, endLine, kind };
    } else folds.push({ startLine, endLine, kind });
  };

  // A run of comment lines: its first line, and its last (-1: none open).
  let runFirst = -1;
  let runLast = -1;
  const endCommentRun = (): void => {
    if (runLast > runFirst) add(runFirst, runLast, FoldingRangeKind.Comment);
    runFirst = runLast = -1;
  };
  const stages = model.stages;
  let nextStage = 0;
  tree.forEach((node, start, index) => {
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
    if (nextStage < stages.length && stages[nextStage].nodeIndex === index) stageFold(stages[nextStage++]);
    if (node.kind === 'instruction') instructionFolds(cursor, node, start, add, noCarriageReturns);
  });
  endCommentRun();

  /** The stage from its FROM line to the last line of its last instruction. */
  function stageFold(stage: Stage): void {
    let lastInstruction = stage.nodeIndex;
    for (let i = stage.lastNodeIndex; i > stage.nodeIndex; i--) {
      if (tree.node(i).kind === 'instruction') {
        lastInstruction = i;
        break;
      }
    }
    const startLine = lineOf(stage.start);
    const endLine = stageEnds.lastLineOf(tree.end(lastInstruction));
    if (endLine > startLine) add(startLine, endLine, FoldingRangeKind.Region);
  }

  const kept = options.rangeLimit !== undefined && folds.length > options.rangeLimit ? largest(folds, Math.max(0, options.rangeLimit)) : folds;
  return kept.map((fold) => toFoldingRange(text, starts, fold, options));
}

/**
 * The `limit` largest folds (the ones that save the reader the most; the earlier one of two the
 * same size), in order. Each fold is ranked by a number that orders by size, then by position,
 * so one native sort of numbers does it.
 */
function largest(folds: readonly Fold[], limit: number): Fold[] {
  const n = folds.length;
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) ranks[i] = (folds[i].endLine - folds[i].startLine) * n + (n - 1 - i);
  ranks.sort();
  const keep = new Uint8Array(n);
  for (let k = n - limit; k < n; k++) keep[n - 1 - (ranks[k] % n)] = 1;
  return folds.filter((_, i) => keep[i] === 1);
}

function toFoldingRange(text: TextReader, starts: ArrayLike<number>, fold: Fold, options: FoldingOptions): FoldingRange {
  const range: FoldingRange = { startLine: fold.startLine, endLine: fold.endLine };
  if (!options.lineFoldingOnly) {
    // Character-precise clients fold from the end of the first line to the end of the last.
    range.startCharacter = lineLength(text, starts, fold.startLine);
    range.endCharacter = lineLength(text, starts, fold.endLine);
  }
  if (fold.kind && (!options.kinds || options.kinds.includes(fold.kind))) range.kind = fold.kind;
  return range;
}

function lineLength(text: TextReader, starts: ArrayLike<number>, line: number): number {
  const next = line + 1 < starts.length ? starts[line + 1] : text.length;
  return Math.max(0, withoutLineEnd(text, next) - starts[line]);
}
