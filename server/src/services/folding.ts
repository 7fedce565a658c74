// textDocument/foldingRange: what an outline-minded reader wants to collapse.
// - Stages (kind `region`): from the FROM line to the last line of the stage's last instruction
//   (comments after it introduce what follows, so they stay out).
// - Multi-line instructions: from the keyword line to the last line, heredoc bodies included.
// - Heredoc bodies: from the line before the body (the marker line, or the previous terminator)
//   to the terminator, nested inside the instruction's fold.
// - Runs of two or more comment lines (kind `comment`); the directive block counts as comments.
// Editors keep one fold per start line, so when two ranges start on the same line only the
// outermost is returned.

import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { InstructionNode } from '../syntax';
import type { AnalyzedDocument } from './document';

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

function instructionFolds(doc: AnalyzedDocument, text: string, node: InstructionNode, start: number, add: (fold: Fold) => void): void {
  const lineOf = (offset: number) => doc.text.positionAt(offset).line;
  const first = lineOf(start);
  const last = lineOf(withoutLineEnd(text, start + node.length));
  if (last > first) add({ startLine: first, endLine: last });
  for (const heredoc of node.heredocs) {
    // The body starts on a new line; the line before it is where the reader sees the marker.
    const header = lineOf(start + heredoc.body.start - 1);
    const end = heredoc.terminator ? lineOf(start + heredoc.terminator.end) : lineOf(withoutLineEnd(text, start + heredoc.body.end));
    if (end > header) add({ startLine: header, endLine: end });
  }
}

export function getFoldingRanges(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
  const text = doc.text.getText();
  const lineOf = (offset: number) => doc.text.positionAt(offset).line;
  const byStart = new Map<number, Fold>();
  const add = (fold: Fold): void => {
    const existing = byStart.get(fold.startLine);
    if (!existing || fold.endLine > existing.endLine) byStart.set(fold.startLine, fold);
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
    if (endLine > startLine) add({ startLine, endLine, kind: FoldingRangeKind.Region });
  }

  let commentRun: { first: number; last: number } | undefined;
  const endCommentRun = (): void => {
    if (commentRun && commentRun.last > commentRun.first) add({ startLine: commentRun.first, endLine: commentRun.last, kind: FoldingRangeKind.Comment });
    commentRun = undefined;
  };
  for (const { node, start } of doc.tree.entries()) {
    if (node.kind === 'comment' || node.kind === 'directive') {
      const line = lineOf(start);
      if (commentRun && commentRun.last === line - 1) commentRun.last = line;
      else {
        endCommentRun();
        commentRun = { first: line, last: line };
      }
      continue;
    }
    endCommentRun();
    if (node.kind === 'instruction') instructionFolds(doc, text, node, start, add);
  }
  endCommentRun();

  let folds = [...byStart.values()];
  if (options.rangeLimit !== undefined && folds.length > options.rangeLimit) {
    // Keep the largest folds: they save the reader the most.
    folds = folds
      .sort((a, b) => b.endLine - b.startLine - (a.endLine - a.startLine) || a.startLine - b.startLine)
      .slice(0, Math.max(0, options.rangeLimit));
  }
  folds.sort((a, b) => a.startLine - b.startLine);
  return folds.map((fold) => toFoldingRange(doc, fold, options));
}

function toFoldingRange(doc: AnalyzedDocument, fold: Fold, options: FoldingOptions): FoldingRange {
  const range: FoldingRange = { startLine: fold.startLine, endLine: fold.endLine };
  if (!options.lineFoldingOnly) {
    // Character-precise clients fold from the end of the first line to the end of the last.
    range.startCharacter = lineLength(doc, fold.startLine);
    range.endCharacter = lineLength(doc, fold.endLine);
  }
  if (fold.kind && (!options.kinds || options.kinds.includes(fold.kind))) range.kind = fold.kind;
  return range;
}

function lineLength(doc: AnalyzedDocument, line: number): number {
  const start = doc.text.offsetAt({ line, character: 0 });
  const next = line + 1 < doc.text.lineCount ? doc.text.offsetAt({ line: line + 1, character: 0 }) : doc.text.getText().length;
  return Math.max(0, withoutLineEnd(doc.text.getText(), next) - start);
}
