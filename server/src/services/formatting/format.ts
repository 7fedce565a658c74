// The formatter as a pure function of the syntax tree: the minimal edits (only where text
// changes), in document offsets and in order. Instructions are formatted by instruction.ts;
// here are the lines between them and the document-level rules:
// - comment and directive lines lose leading and trailing spaces and tabs;
// - lines of only spaces and tabs become empty (the line stays);
// - with `blankLineBetweenStages`, an empty line is added before each FROM after the first
//   (above the comments that introduce the stage), never removed.

import type { InstructionNode, SyntaxTree, TopLevelNode } from '../../syntax';
import { ContinuationJoins } from './continuation';
import { indentWidth, InstructionFormatter, linesOf, trailingBlank, type FormatOptions, type OffsetEdit } from './instruction';

export type { FormatOptions, OffsetEdit } from './instruction';

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/** Edits for a comment, directive or blank line (relative to the node). */
function lineNodeEdits(node: TopLevelNode, text: string, lead: number, onlyNode: boolean): OffsetEdit[] {
  const [line] = linesOf(text, text.length);
  if (!line) return [];
  const edits: OffsetEdit[] = [];
  let first = Math.max(line.start, lead);
  const contentFrom = first;
  while (first < line.contentEnd && isBlank(text.charCodeAt(first))) first++;
  if (node.kind === 'blank') {
    // A file of nothing but white space stays as it is: emptying it would change BuildKit's error.
    if (first === line.contentEnd && first > contentFrom && !onlyNode) edits.push({ start: contentFrom, end: first, text: '' });
    return edits;
  }
  if (first > contentFrom && text.charCodeAt(first) === 0x23) edits.push({ start: contentFrom, end: first, text: '' });
  const trailing = trailingBlank(text, line, -1);
  if (trailing) edits.push(trailing);
  return edits;
}

function intersects(start: number, end: number, range: { start: number; end: number } | undefined): boolean {
  if (!range) return true;
  return range.start === range.end ? start <= range.start && range.start <= end : start < range.end && end > range.start;
}

/**
 * Whether the shell form of the instruction at a node index runs in cmd, whose command line keeps
 * every blank, so the formatter never re-indents its continuation lines. The tree alone cannot
 * tell (a SHELL, a Windows base image); the model can. Without it, no instruction does.
 */
export type RunsInCmd = (nodeIndex: number) => boolean;

/**
 * The formatting edits for `tree`, or for the nodes that intersect `range` (whole instructions:
 * a range that touches a continuation line formats the whole instruction).
 */
export function formatEdits(tree: SyntaxTree, options: FormatOptions, range?: { start: number; end: number }, runsInCmd?: RunsInCmd): OffsetEdit[] {
  const edits: OffsetEdit[] = [];
  const entries = [...tree.entries()];
  let stages = 0;
  for (let i = 0; i < entries.length; i++) {
    const { node, start, index } = entries[i];
    const isFrom = node.kind === 'instruction' && node.name === 'FROM';
    if (isFrom) stages++;
    if (!intersects(start, start + node.length, range)) continue;
    const text = tree.nodeText(index);
    const lead = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const relative =
      node.kind === 'instruction' ? new InstructionFormatter(text, node, tree.escape, options, lead, runsInCmd?.(index)).format() : lineNodeEdits(node, text, lead, tree.nodeCount === 1);
    if (isFrom && stages > 1 && options.blankLineBetweenStages) {
      const insert = blankLineBefore(tree, entries, i);
      if (insert) edits.push(insert);
    }
    for (const e of relative) edits.push({ start: start + e.start, end: start + e.end, text: e.text });
  }
  // An inserted blank line goes before any edit of the comment line it is inserted above.
  return edits.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** An empty line before the stage starting at entry `i` (above its leading comments), if it has none. */
function blankLineBefore(tree: SyntaxTree, entries: readonly { node: TopLevelNode; start: number; index: number }[], i: number): OffsetEdit | undefined {
  let first = i;
  while (first > 0 && entries[first - 1].node.kind === 'comment') first--;
  if (first === 0 || entries[first - 1].node.kind === 'blank') return undefined;
  const previous = tree.nodeText(entries[first - 1].index);
  if (!previous.endsWith('\n')) return undefined;
  const newline = previous.endsWith('\r\n') ? '\r\n' : '\n';
  return { start: entries[first].start, end: entries[first].start, text: newline };
}

/**
 * On-type formatting after a newline: when the line before `offset`'s line continues an
 * instruction (ends with the escape character), the new line gets one unit of indentation if it
 * has less and the join allows it.
 */
export function onNewLineEdits(tree: SyntaxTree, offset: number, options: FormatOptions, runsInCmd?: RunsInCmd): OffsetEdit[] {
  const entry = tree.instructionAt(offset);
  if (!entry) return [];
  const node: InstructionNode = entry.node;
  const text = tree.nodeText(entry.index);
  const at = offset - entry.start;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  if (lineStart === 0) return [];
  const logicalEnd = node.heredocs.length ? node.heredocs[0].body.start : node.length;
  if (lineStart >= logicalEnd && logicalEnd < node.length) return [];
  // The line above, past comment lines: BuildKit drops those, so the instruction goes on after them.
  let previousEnd = lineStart;
  let previousStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  while (previousStart > 0 && /^[ \t]*#/.test(text.slice(previousStart, previousEnd))) {
    previousEnd = previousStart;
    previousStart = text.lastIndexOf('\n', previousStart - 2) + 1;
  }
  if (!node.continuations.some((c) => c.start >= previousStart && c.start < previousEnd)) return [];
  let content = lineStart;
  while (content < text.length && isBlank(text.charCodeAt(content))) content++;
  const c = text.charCodeAt(content);
  const empty = content >= text.length || c === 0x0a || c === 0x0d;
  if (!empty && c === 0x23) return []; // a comment line
  if (indentWidth(text.slice(lineStart, content), options.tabSize) >= indentWidth(options.indent, options.tabSize)) return [];
  const joins = new ContinuationJoins(text, node, tree.escape, runsInCmd?.(entry.index));
  if (!joins.canReindent(lineStart, empty || content > lineStart)) return [];
  return [{ start: entry.start + lineStart, end: entry.start + content, text: options.indent }];
}
