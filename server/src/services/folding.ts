// textDocument/foldingRange: what an outline-minded reader wants to collapse.
// - Stages (kind `region`): from the FROM line to the last line of the stage's last instruction
//   (comments after it introduce what follows, so they stay out).
// - Multi-line instructions: from the keyword line to the last line, heredoc bodies included.
// - Heredoc bodies: from the line before the body (the marker line, or the previous terminator)
//   to the terminator, nested inside the instruction's fold.
// - Runs of two or more comment lines (kind `comment`); the directive block counts as comments, and
//   so do runs of comment lines inside a multi-line instruction (BuildKit drops them from its text).
// Editors keep one fold per start line, so when two ranges start on the same line only the
// outermost is returned.
//
// The folds are kept per model part (the nodes before the first FROM, or one stage), with lines
// counted from the part's first line, as the semantic tokens are: every fold lies inside one part
// (a stage fold ends at its own last instruction; a comment run ends at any other node, and every
// stage starts with its FROM), and a part's folds follow from its nodes alone, which are the same
// objects while the model keeps the part object (the stage's index, its name, the escape directive
// and the text of other parts play no part: a node keeps its own parse). So a request after an edit
// walks only the parts the edit changed; the others' folds are shifted by the line their part starts on.

import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver-types';
import type { InstructionNode, SyntaxTree, TextReader, TopLevelNode } from '../syntax';
import { documentHasCarriageReturns, documentLineStarts, type AnalyzedDocument } from './document';
import { lineStartsIn, PositionCursor } from './positions';

export interface FoldingOptions {
  /** The client folds whole lines only (it ignores start and end characters). */
  readonly lineFoldingOnly: boolean;
  /** The most ranges the client wants. */
  readonly rangeLimit?: number;
  /** The kinds the client understands; undefined when it did not say. */
  readonly kinds?: readonly string[];
}

// A fold's kind as a number, so that a part keeps its folds as numbers alone.
const NO_KIND = 0;
const COMMENT = 1;
const REGION = 2;
const KIND_NAMES = [undefined, FoldingRangeKind.Comment, FoldingRangeKind.Region] as const;

/**
 * The folds of one part, as kept: first how many line breaks the part's text has (as an editor
 * counts them: where the next part starts, counted from this one), then per fold its start line,
 * end line (both counted from the part's first line) and kind, in order of start lines. One list of
 * small integers per part, no object per fold: a document's parts are kept for as long as it is
 * open. (A typed array per part was measured: at a stage's few folds its fixed cost, about 230
 * bytes, made the folds of 50,000 lines keep 0.75 MB instead of about half that.)
 */
export type PartFolds = readonly number[];

const LINE_BREAKS = 0;
const FIRST_FOLD = 1;
const FOLD_SIZE = 3;

function foldCount(part: PartFolds): number {
  return (part.length - FIRST_FOLD) / FOLD_SIZE;
}

const cache = new WeakMap<object, PartFolds>();

/** The kept folds of part `s` (-1: the nodes before the first FROM), collected when the part is new. */
export function partFolds(doc: AnalyzedDocument, s: number): PartFolds {
  const part = doc.model.partOf(s);
  let folds = cache.get(part);
  if (!folds) {
    folds = collectPartFolds(doc, s);
    cache.set(part, folds);
  }
  return folds;
}

/**
 * More parts than this new in one request (the first request, an edit that changed the global
 * ARGs) are collected all at once, in one pass over the version's nodes and its line table
 * (`collectAllParts`). A part alone (after a keystroke) reads its own text instead, so a keystroke
 * makes no table of the whole version; made part by part, the first request at 50,000 lines took
 * half as long again.
 */
const NEW_PARTS_FOR_ONE_PASS = 16;

/**
 * The folds of a part as it collects them. They come in order of their start lines, so the
 * outermost of those that start on one line is found by comparing with the last one kept (on a
 * tie the first one stays).
 */
class FoldWriter {
  /** The part's line breaks (set last), then start line, end line and kind of each fold; reused from part to part. */
  private readonly numbers: number[] = [0];
  /** The line the part starts on, in the lines `add` is given: what it subtracts. */
  private firstLine = 0;

  add(startLine: number, endLine: number, kind = NO_KIND): void {
    startLine -= this.firstLine;
    endLine -= this.firstLine;
    const numbers = this.numbers;
    const last = numbers.length - FOLD_SIZE;
    if (last >= FIRST_FOLD && numbers[last] === startLine) {
      if (endLine > numbers[last + 1]) {
        numbers[last + 1] = endLine;
        numbers[last + 2] = kind;
      }
    } else numbers.push(startLine, endLine, kind);
  }

  /** Before a part that starts on `firstLine`: nothing written (not even what a part that failed half-way left). */
  clear(firstLine = 0): void {
    this.numbers.length = FIRST_FOLD;
    this.firstLine = firstLine;
  }

  /** The folds written since `clear`, as a part keeps them (a copy at its size). */
  take(lineBreaks: number): PartFolds {
    this.numbers[LINE_BREAKS] = lineBreaks;
    return this.numbers.slice();
  }
}

const writer = new FoldWriter();

/** `end` moved back over one line terminator (`\r\n`, `\n` or `\r`) that ends text[.., end). */
function withoutLineEnd(text: TextReader, end: number): number {
  if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

/** The folds of part `s`, read from its own text: lines and offsets count from the part's start. */
function collectPartFolds(doc: AnalyzedDocument, s: number): PartFolds {
  const { tree, model } = doc;
  const { first, end } = model.partNodes(s);
  writer.clear();
  if (first >= end) return writer.take(0);
  const origin = tree.start(first);
  // The part's text alone: a version's whole text is never joined, nor its line table made.
  const text = tree.slice(origin, end < tree.nodeCount ? tree.start(end) : tree.length);
  // Whether the version has a carriage return (here or in another part) only picks a shortcut, never
  // a fold: the folds kept for a part hold whichever version collected them.
  const carriageReturns = documentHasCarriageReturns(doc);
  const starts = lineStartsIn(text, 0, text.length, carriageReturns);
  const pass = new FoldPass(tree, text, starts, origin, carriageReturns);
  tree.forEach((node, start, index) => {
    if (index >= end) return false;
    // A stage part starts with its FROM; the global part has none.
    pass.node(node, start - origin, index, index === first && s >= 0 ? end : -1, 0);
  }, first);
  pass.end();
  return writer.take(starts.length - 1);
}

/**
 * Every part of the version, in one pass over its nodes with cursors over its line table, each
 * part's folds counted from its first line and kept as `collectPartFolds` would make them.
 */
function collectAllParts(doc: AnalyzedDocument): void {
  const { tree, model } = doc;
  const pass = new FoldPass(tree, tree.reader(), documentLineStarts(doc), 0, documentHasCarriageReturns(doc));
  const { cursor } = pass;
  const froms = tree.fromIndexes();
  // The part being collected (-1: the nodes before the first FROM), its first line, and the node that ends it.
  let s = -1;
  let firstLine = 0;
  let end = froms.length ? froms[0] : tree.nodeCount;
  const finish = (at: number): void => {
    pass.end();
    cache.set(model.partOf(s), writer.take(cursor.lineOf(at) - firstLine));
  };
  writer.clear();
  tree.forEach((node, start, index) => {
    if (index === end) {
      finish(start);
      s++;
      end = s + 1 < froms.length ? froms[s + 1] : tree.nodeCount;
      firstLine = cursor.lineOf(start);
      writer.clear(firstLine);
    }
    pass.node(node, start, index, s >= 0 && index === froms[s] ? end : -1, firstLine);
  });
  finish(tree.length);
}

/**
 * The folds of nodes read in order, onto `writer`: runs of comment lines, stages and instructions.
 * Offsets are the cursor's (less `origin` than the tree's); a pass over one part or over the whole version.
 */
class FoldPass {
  private readonly comments = new CommentRun();
  /** Where the nodes are read. */
  readonly cursor: PositionCursor;
  /** Stage ends lie far ahead of the nodes being read: a cursor of their own keeps both moving forward. */
  private readonly stageEnds: PositionCursor;

  constructor(
    private readonly tree: SyntaxTree,
    text: TextReader,
    starts: ArrayLike<number>,
    private readonly origin: number,
    private readonly carriageReturns: boolean,
  ) {
    this.cursor = new PositionCursor(text, starts);
    this.stageEnds = new PositionCursor(text, starts);
  }

  /** Node `index`, at `at`; for a stage's FROM, `stageEnd` is the node after the stage (else -1) and `fromLine` its line. */
  node(node: TopLevelNode, at: number, index: number, stageEnd: number, fromLine: number): void {
    if (node.kind === 'comment' || node.kind === 'directive') return this.comments.add(this.cursor.lineOf(at));
    this.comments.end();
    if (stageEnd >= 0) stageFold(this.tree, index, stageEnd, at, this.origin, fromLine, this.stageEnds);
    if (node.kind === 'instruction') instructionFolds(this.cursor, node, at, !this.carriageReturns);
  }

  /** After the last node of a part. */
  end(): void {
    this.comments.end();
  }
}

/** A run of comment lines being read: folded once it ends, when it has two lines or more. */
class CommentRun {
  private first = -1;
  private last = -1;

  add(line: number): void {
    if (this.first >= 0 && this.last === line - 1) this.last = line;
    else {
      this.end();
      this.first = this.last = line;
    }
  }

  end(): void {
    if (this.last > this.first) writer.add(this.first, this.last, COMMENT);
    this.first = this.last = -1;
  }
}

/**
 * The stage whose FROM is node `from` (at `at`, on line `fromLine`), from its FROM line to the last
 * line of its last instruction, with a cursor of its own (the end is far ahead of the nodes being read).
 */
function stageFold(tree: SyntaxTree, from: number, end: number, at: number, origin: number, fromLine: number, cursor: PositionCursor): void {
  let lastInstruction = from;
  for (let i = end - 1; i > from; i--) {
    if (tree.node(i).kind === 'instruction') {
      lastInstruction = i;
      break;
    }
  }
  const lastEnd = lastInstruction === from ? at + tree.node(from).length : tree.end(lastInstruction) - origin;
  const endLine = cursor.lastLineOf(lastEnd);
  if (endLine > fromLine) writer.add(fromLine, endLine, REGION);
}

function instructionFolds(cursor: PositionCursor, node: InstructionNode, start: number, noCarriageReturns: boolean): void {
  // Without a carriage return in the text (which BuildKit reads inside a line, an editor as a line
  // break), an instruction goes on to another line only through an escape or a heredoc: most have
  // neither, and their lines need no looking up.
  if (noCarriageReturns && node.continuations.length === 0 && node.heredocs.length === 0) return;
  const first = cursor.lineOf(start);
  const last = cursor.lastLineOf(start + node.length);
  if (last > first) writer.add(first, last);
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
      if (runLast > runFirst) writer.add(runFirst, runLast, COMMENT);
    }
  };
  for (const heredoc of node.heredocs) {
    commentRunsBefore(heredoc.body.start);
    // The body starts on a new line; the line before it is where the reader sees the marker.
    const header = cursor.lineOf(start + heredoc.body.start - 1);
    const end = heredoc.terminator ? cursor.lineOf(start + heredoc.terminator.end) : cursor.lastLineOf(start + heredoc.body.end);
    if (end > header) writer.add(header, end);
  }
  commentRunsBefore(node.length);
}

/** The document's folds: each part's kept folds, with the line each part starts on. */
interface FoldLayout {
  readonly parts: readonly PartFolds[];
  readonly lines: readonly number[];
  readonly count: number;
}

/** How many parts of the version have no kept folds (up to one more than NEW_PARTS_FOR_ONE_PASS). */
function newParts(doc: AnalyzedDocument): number {
  let count = 0;
  for (let s = -1; s < doc.model.stages.length && count <= NEW_PARTS_FOR_ONE_PASS; s++) if (!cache.has(doc.model.partOf(s))) count++;
  return count;
}

/** The kept folds of every part with any, collecting again only the parts an edit changed. */
function documentFoldLayout(doc: AnalyzedDocument): FoldLayout {
  const parts: PartFolds[] = [];
  const lines: number[] = [];
  let count = 0;
  // Where each part starts: no fold starts on another part's lines (each part starts on a new
  // line), so the rule of one fold per start line holds across parts as it does in each.
  let line = 0;
  if (newParts(doc) > NEW_PARTS_FOR_ONE_PASS) collectAllParts(doc);
  for (let s = -1; s < doc.model.stages.length; s++) {
    const part = partFolds(doc, s);
    if (part.length > FIRST_FOLD) {
      parts.push(part);
      lines.push(line);
      count += foldCount(part);
    }
    line += part[LINE_BREAKS];
  }
  return { parts, lines, count };
}

export function getFoldingRanges(doc: AnalyzedDocument, options: FoldingOptions): FoldingRange[] {
  const layout = documentFoldLayout(doc);
  const limit = options.rangeLimit;
  const keep = limit !== undefined && layout.count > limit ? largest(layout, Math.max(0, limit)) : undefined;
  // Characters need the lines' text: only character-precise clients pay for the line table.
  const characters = options.lineFoldingOnly ? undefined : lineLengths(doc);
  const kinds = KIND_NAMES.map((name) => (name && (!options.kinds || options.kinds.includes(name)) ? name : undefined));
  const ranges: FoldingRange[] = [];
  let index = 0;
  for (let p = 0; p < layout.parts.length; p++) {
    const part = layout.parts[p];
    const line = layout.lines[p];
    for (let at = FIRST_FOLD; at < part.length; at += FOLD_SIZE, index++) {
      if (keep && keep[index] === 0) continue;
      const range: FoldingRange = { startLine: line + part[at], endLine: line + part[at + 1] };
      if (characters) {
        // Character-precise clients fold from the end of the first line to the end of the last.
        range.startCharacter = characters(range.startLine);
        range.endCharacter = characters(range.endLine);
      }
      const kind = kinds[part[at + 2]];
      if (kind) range.kind = kind;
      ranges.push(range);
    }
  }
  return ranges;
}

/**
 * Which of the folds (numbered in order) are among the `limit` largest (the ones that save the
 * reader the most; the earlier one of two the same size): every fold larger than the size where
 * the limit falls, and the earliest of those that size. Counted by size, without sorting.
 */
function largest(layout: FoldLayout, limit: number): Uint8Array {
  const sizes = new Int32Array(layout.count);
  let index = 0;
  let biggest = 0;
  for (const part of layout.parts) {
    for (let at = FIRST_FOLD; at < part.length; at += FOLD_SIZE) {
      const size = part[at + 1] - part[at];
      sizes[index++] = size;
      if (size > biggest) biggest = size;
    }
  }
  const bySize = new Int32Array(biggest + 1);
  for (let i = 0; i < sizes.length; i++) bySize[sizes[i]]++;
  // The size where the limit falls, and how many of that size still fit.
  let threshold = biggest;
  let room = limit;
  while (threshold > 0 && room > bySize[threshold]) room -= bySize[threshold--];
  const keep = new Uint8Array(sizes.length);
  for (let i = 0; i < sizes.length; i++) {
    if (sizes[i] > threshold) keep[i] = 1;
    else if (sizes[i] === threshold && room > 0) {
      keep[i] = 1;
      room--;
    }
  }
  return keep;
}

/** The length of each line of the version (without its line break), read from its line table. */
function lineLengths(doc: AnalyzedDocument): (line: number) => number {
  const text = doc.tree.reader();
  const starts = documentLineStarts(doc);
  return (line) => {
    const next = line + 1 < starts.length ? starts[line + 1] : text.length;
    return Math.max(0, withoutLineEnd(text, next) - starts[line]);
  };
}
