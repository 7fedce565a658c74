// The folding ranges of a document spelled out plainly, for the tests of services/folding.ts: every
// candidate fold of the document (each stage, each multi-line instruction and heredoc body, each run
// of comment lines, inside instructions too) kept per start line, the outermost winning and the
// stage on a tie, then the largest when over the client's limit. Lines and characters come from the
// text library's own positions, not the service's line tables, cursors or kept parts.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../../server/src/services/document';
import type { FoldingOptions } from '../../../server/src/services/folding';

/** `end` moved back over one line break, spelled out. */
function trimBreak(text: string, end: number): number {
  if (end > 0 && text[end - 1] === '\n') end--;
  if (end > 0 && text[end - 1] === '\r') end--;
  return end;
}

export function reference(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
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
  // A character-precise client folds from the end of the first line to the end of the last.
  const lineLength = (line: number): number =>
    doc.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/(\r\n|\n|\r)$/, '').length;
  return folds.map(({ startLine, endLine, kind }) => {
    const range: FoldingRange = options.lineFoldingOnly
      ? { startLine, endLine }
      : { startLine, startCharacter: lineLength(startLine), endLine, endCharacter: lineLength(endLine) };
    if (kind && (!options.kinds || options.kinds.includes(kind))) range.kind = kind;
    return range;
  });
}

