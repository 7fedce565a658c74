// textDocument/documentSymbol: the outline. One symbol per stage (named after its AS name, else
// its image; detail: image, platform and index) with its instructions as children; instructions
// before the first FROM at the top.
//
// A large file has tens of thousands of instructions: one pass over the nodes in order, positions
// from a cursor over the line starts, and a start position shared by a range and its selection
// when they begin at the same offset (the JSON is the same; the answer holds fewer objects).

import { DocumentSymbol, SymbolKind, type Position, type Range } from 'vscode-languageserver-types';
import type { InstructionNode } from '../syntax';
import type { Stage } from '../semantics';
import type { AnalyzedDocument } from './document';
import { lineStarts, PositionCursor } from './positions';

/** The longest detail shown; longer ones are cut and end with an ellipsis. */
const DETAIL_LENGTH = 60;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The flags and arguments on one line: runs of white space as one space, trimmed, cut to
 * DETAIL_LENGTH. Only the words the detail shows are read (a RUN may be pages long).
 */
function instructionDetail(node: InstructionNode): string {
  let out = '';
  const add = (text: string): void => {
    for (let i = 0; i < text.length && out.length <= DETAIL_LENGTH; ) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (i >= text.length) break;
      let j = i;
      while (j < text.length && !isSpace(text.charCodeAt(j))) j++;
      out += out ? ' ' + text.slice(i, j) : text.slice(i, j);
      i = j;
    }
  };
  for (const flag of node.flags) add(flag.text);
  if (node.args) add(node.args.text);
  return out.length > DETAIL_LENGTH ? out.slice(0, DETAIL_LENGTH - 1) + '…' : out;
}

/** `end` moved back over a final line terminator. */
function withoutLineEnd(text: string, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last === 0x0a) return text.charCodeAt(end - 2) === 0x0d ? end - 2 : end - 1;
  return last === 0x0d ? end - 1 : end;
}

/** The range [start, end) and the selection [from, to) inside it, sharing equal positions. */
function ranges(cursor: PositionCursor, start: number, from: number, to: number, end: number): [Range, Range] {
  const startPosition = cursor.position(start);
  const fromPosition: Position = from === start ? startPosition : cursor.position(from);
  const toPosition = cursor.position(to);
  const endPosition = end === to ? toPosition : cursor.position(end);
  return [
    { start: startPosition, end: endPosition },
    { start: fromPosition, end: toPosition },
  ];
}

/** The symbol of an instruction, with (at most `maxPairs`) symbols for the variables ARG and ENV declare. */
function instructionSymbol(text: string, cursor: PositionCursor, start: number, node: InstructionNode, maxPairs: number): DocumentSymbol {
  const declares = declaresVariables(node);
  const kind = declares ? SymbolKind.Variable : SymbolKind.Function;
  const name = node.keyword.text.toUpperCase() || '(empty)';
  // Positions in increasing offsets, so the cursor only moves forward: the keyword, the pairs, the end.
  const startPosition = cursor.position(start);
  const keywordStart = start + node.keyword.start === start ? startPosition : cursor.position(start + node.keyword.start);
  const keywordEnd = cursor.position(start + node.keyword.end);
  let children: DocumentSymbol[] | undefined;
  if (declares && node.pairs.length && maxPairs > 0) {
    children = [];
    for (const pair of node.pairs) {
      if (children.length >= maxPairs) break;
      const [range, selection] = ranges(cursor, start + pair.start, start + pair.key.start, start + pair.key.end, start + pair.end);
      children.push(DocumentSymbol.create(pair.key.text, pair.value?.text ?? '', node.name === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant, range, selection));
    }
  }
  const end = cursor.position(withoutLineEnd(text, start + node.length));
  const symbol = DocumentSymbol.create(name, instructionDetail(node), kind, { start: startPosition, end }, { start: keywordStart, end: keywordEnd });
  if (children) symbol.children = children;
  return symbol;
}

/** The end of the last instruction among nodes [first, last] (trailing comments belong to what follows). */
function lastInstructionEnd(doc: AnalyzedDocument, first: number, last: number): number {
  for (let i = last; i > first; i--) if (doc.tree.node(i).kind === 'instruction') return doc.tree.end(i);
  return doc.tree.end(first);
}

export interface SymbolOptions {
  /**
   * The most symbols to return (0: all). Top-level symbols come first, then the next level, then
   * the one below, each level in document order, so a limited outline still lists every stage.
   */
  readonly maxItems?: number;
  /** Told how many symbols were left out, when some were. */
  readonly onLimitExceeded?: (omitted: number) => void;
}

/** ARG and ENV get a child symbol for each variable they declare. */
function declaresVariables(node: InstructionNode): boolean {
  return node.name === 'ARG' || node.name === 'ENV';
}

/**
 * Where an instruction's symbol sits in the outline (0: top level): under its stage's symbol when
 * it has a stage, at the top before the first FROM. A FROM also opens its stage's symbol at 0.
 */
function instructionDepth(stage: Stage | undefined): 0 | 1 {
  return stage ? 1 : 0;
}

/** How many symbols each depth of the outline would have without a limit (0: top level). */
function countByDepth(doc: AnalyzedDocument): [number, number, number] {
  const model = doc.model;
  const counts: [number, number, number] = [0, 0, 0];
  doc.tree.forEach((node, _start, index) => {
    if (node.kind !== 'instruction') return;
    const stage = model.stageOfNode(index);
    const depth = instructionDepth(stage);
    if (node.name === 'FROM' && stage) counts[0]++;
    counts[depth]++;
    if (declaresVariables(node)) counts[depth + 1] += node.pairs.length;
  });
  return counts;
}

export function getDocumentSymbols(doc: AnalyzedDocument, options: SymbolOptions = {}): DocumentSymbol[] {
  const model = doc.model;
  const text = doc.text.getText();
  const starts = lineStarts(text);
  const cursor = new PositionCursor(text, starts);
  // Stage ends lie far ahead of the nodes the main cursor is at: they get a cursor of their own.
  const stageEnds = new PositionCursor(text, starts);

  // What each depth may still take: everything, unless the limit is smaller than the whole.
  const left = [Infinity, Infinity, Infinity];
  const maxItems = Math.floor(options.maxItems ?? 0);
  if (maxItems > 0 && doc.tree.nodeCount > 0) {
    const counts = countByDepth(doc);
    const total = counts[0] + counts[1] + counts[2];
    if (total > maxItems) {
      let budget = maxItems;
      for (let depth = 0; depth < 3; depth++) {
        left[depth] = Math.min(counts[depth], budget);
        budget -= left[depth];
      }
      options.onLimitExceeded?.(total - maxItems);
    }
  }
  /** The symbol of an instruction at `depth` (its variables one deeper), or undefined once that depth is full. */
  const instruction = (start: number, node: InstructionNode, depth: 0 | 1): DocumentSymbol | undefined => {
    if (left[depth] <= 0) return undefined;
    left[depth]--;
    const symbol = instructionSymbol(text, cursor, start, node, Math.max(0, left[depth + 1]));
    left[depth + 1] -= symbol.children?.length ?? 0;
    return symbol;
  };

  const result: DocumentSymbol[] = [];
  let stageSymbol: DocumentSymbol | undefined;
  doc.tree.forEach((node, start, index) => {
    if (node.kind !== 'instruction') return;
    const stage = model.stageOfNode(index);
    if (node.name === 'FROM' && stage) {
      stageSymbol = undefined;
      if (left[0] <= 0) return;
      left[0]--;
      // The image as it will be pulled: global ARG defaults expanded when they are known.
      const image = stage.resolvedImage || stage.image;
      const name = stage.name ?? image ?? `stage ${stage.index}`;
      const details = [stage.name ? image : undefined, stage.platform ? `--platform=${stage.platform}` : undefined, `stage ${stage.index}`];
      const from = instruction(start, node, instructionDepth(stage));
      // Without a FROM child (the limit), the stage's start and keyword are found here.
      const stageStart = from?.range.start ?? cursor.position(start);
      const keyword = from?.selectionRange ?? cursor.range(start + node.keyword.start, start + node.keyword.end);
      const end = stageEnds.position(withoutLineEnd(text, lastInstructionEnd(doc, stage.nodeIndex, stage.lastNodeIndex)));
      const range = { start: stageStart, end };
      const selection = stage.nameSpan ? stageEnds.range(stage.nameSpan.start, stage.nameSpan.end) : keyword;
      stageSymbol = DocumentSymbol.create(name, details.filter(Boolean).join(' · '), SymbolKind.Class, range, selection, from ? [from] : []);
      result.push(stageSymbol);
    } else if (stage) {
      // In a stage: a child of its symbol, unless the limit left the stage out.
      const symbol = stageSymbol && instruction(start, node, instructionDepth(stage));
      if (symbol) stageSymbol!.children!.push(symbol);
    } else {
      const symbol = instruction(start, node, instructionDepth(stage));
      if (symbol) result.push(symbol);
    }
  });
  return result;
}
