// Where the cursor is, for completion and signature help: in an instruction (with the words typed
// before it on the instruction's logical line), in a heredoc body, or on a line of its own (blank,
// comment, directive). Works on half-typed text: nothing here assumes the line parses.

import type { InstructionNode, NodeEntry, TopLevelNode } from '../syntax';
import type { AnalyzedDocument } from './document';

export interface PrefixWord {
  /** The word as typed, quotes and escapes kept, line continuations removed. */
  readonly text: string;
  /** Absolute offset of its first character. */
  readonly start: number;
}

export interface InstructionPrefix {
  readonly entry: NodeEntry<InstructionNode>;
  /** Words from the keyword to the cursor; the last is the word being typed ('' after white space). */
  readonly words: readonly PrefixWord[];
  /** The logical text from the keyword to the cursor. */
  readonly text: string;
  /** Absolute offset of the start of the cursor's physical line. */
  readonly lineStart: number;
  /** The cursor is inside an unclosed quote. */
  readonly inQuote: boolean;
  /** That quote is a single quote, inside which neither BuildKit nor a shell expands `$`. */
  readonly singleQuoted: boolean;
}

export type CursorContext =
  /** A line that belongs to no instruction: blank, past the end, a comment or a directive. */
  | { readonly kind: 'line'; readonly node?: NodeEntry<TopLevelNode>; readonly lineStart: number; readonly linePrefix: string }
  | { readonly kind: 'instruction'; readonly prefix: InstructionPrefix }
  | { readonly kind: 'heredoc'; readonly entry: NodeEntry<InstructionNode>; readonly index: number }
  /** A comment line inside a continued instruction. */
  | { readonly kind: 'inner-comment' };

function lineStartOf(doc: AnalyzedDocument, offset: number): number {
  const line = doc.text.positionAt(offset).line;
  return doc.text.offsetAt({ line, character: 0 });
}

function endsWithLineBreak(doc: AnalyzedDocument, end: number): boolean {
  const last = doc.tree.slice(end - 1, end);
  return last === '\n' || last === '\r';
}

/**
 * Whether text typed at the end of the document would still belong to the instruction that ends
 * there: its heredoc is not terminated yet, or its last line ends with a line continuation (blank
 * and comment lines after it do not end it).
 */
function continuesAtEnd(doc: AnalyzedDocument, entry: NodeEntry<TopLevelNode>): boolean {
  const node = entry.node;
  if (node.kind !== 'instruction') return false;
  if (node.heredocs.length > 0) return node.heredocs.some((heredoc) => heredoc.terminator === undefined);
  const last = node.continuations[node.continuations.length - 1];
  if (!last) return false;
  const rest = doc.tree.slice(entry.start + last.end, entry.start + node.length);
  return rest.split('\n').every((line) => {
    const text = line.trim();
    return text === '' || text.startsWith('#');
  });
}

/** What the cursor at `offset` is in. */
export function cursorContext(doc: AnalyzedDocument, offset: number): CursorContext {
  const lineStart = lineStartOf(doc, offset);
  const linePrefix = doc.tree.slice(lineStart, offset);
  const entry = doc.tree.entryAt(offset);
  if (!entry) return { kind: 'line', lineStart, linePrefix };
  const end = entry.start + entry.node.length;
  // At the very end of a node that ends with a line break, the cursor is on the next, new line,
  // unless that line still belongs to the node (the end of the document in an open heredoc or
  // after a line continuation, where the user goes on typing the instruction).
  if (offset > end || (offset === end && endsWithLineBreak(doc, end) && !continuesAtEnd(doc, entry))) return { kind: 'line', lineStart, linePrefix };
  if (entry.node.kind !== 'instruction') return { kind: 'line', node: entry, lineStart, linePrefix };
  const instruction = entry as NodeEntry<InstructionNode>;
  const rel = offset - entry.start;
  const heredocs = instruction.node.heredocs;
  if (heredocs.length > 0 && rel >= heredocs[0].body.start && bodyHasBegun(doc, entry.start + heredocs[0].body.start)) {
    let index = 0;
    for (let i = 0; i < heredocs.length; i++) if (heredocs[i].body.start <= rel) index = i;
    return { kind: 'heredoc', entry: instruction, index };
  }
  // On a comment line inside the instruction, its indentation included.
  if (instruction.node.innerComments.some((c) => c.start <= rel && rel <= c.end)) return { kind: 'inner-comment' };
  const prefix = instructionPrefix(doc, instruction, offset, lineStart);
  return prefix ? { kind: 'instruction', prefix } : { kind: 'inner-comment' };
}

/**
 * A heredoc's body begins after the line break that ends its instruction line. Until that break is
 * typed, the (still empty) body sits at the end of that line, where the cursor is on the
 * instruction, not in the body.
 */
function bodyHasBegun(doc: AnalyzedDocument, bodyStart: number): boolean {
  return doc.tree.slice(bodyStart - 1, bodyStart) === '\n';
}

/**
 * Every word of an instruction's logical line, the cursor's and those after it too (up to its first
 * heredoc body), as `instructionPrefix` splits them: what signature help needs to tell a source from
 * the destination, or an exec form from a shell test (`RUN [ -f x ]`).
 */
export function instructionWords(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>): readonly PrefixWord[] {
  const { node, start } = entry;
  let end = start + node.length;
  const heredoc = node.heredocs[0];
  if (heredoc && bodyHasBegun(doc, start + heredoc.body.start)) end = start + heredoc.body.start;
  // Ending on a line break makes the last line a whole one: its continuation is cut, an inner comment left out.
  const raw = doc.tree.slice(start, end);
  const prefix = instructionPrefix(doc, entry, end, start, raw.endsWith('\n') ? '' : '\n');
  return (prefix?.words ?? []).filter((word) => word.text !== '');
}

/** Only parser directives (after an optional `#!` line) come before node `nodeIndex`. */
export function inDirectiveBlock(doc: AnalyzedDocument, nodeIndex: number): boolean {
  const tree = doc.tree;
  for (let i = 0; i < nodeIndex && i < tree.nodeCount; i++) {
    const node = tree.node(i);
    if (node.kind === 'directive') continue;
    if (i === 0 && node.kind === 'comment' && tree.nodeText(0).startsWith('#!')) continue;
    return false;
  }
  return true;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\v' || c === '\f' || c === '\r';
}

/**
 * The logical text of an instruction up to the cursor (continuations joined, comment and empty
 * continuation lines left out) split into words; undefined on a comment line inside it.
 */
function instructionPrefix(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, lineStart: number, suffix = ''): InstructionPrefix | undefined {
  const { node, start } = entry;
  const escape = doc.tree.escape;
  const raw = doc.tree.slice(start, offset) + suffix;
  const continuationAt = new Set(node.continuations.map((c) => c.start));
  let text = '';
  const offsets: number[] = [];
  let lineRel = 0;
  const physical = raw.split('\n');
  for (let i = 0; i < physical.length; i++) {
    const line = physical[i];
    const last = i === physical.length - 1;
    const trimmed = line.trimStart();
    if (i > 0 && trimmed.startsWith('#')) {
      if (last) return undefined;
    } else if (!(i > 0 && !last && trimmed === '')) {
      let cut = line.length;
      if (!last && line.endsWith('\r')) cut--;
      // A line continuation is no part of a word, also with the cursor after it (before the line break).
      for (let j = 0; j < cut; j++) {
        if (continuationAt.has(lineRel + j)) {
          cut = j;
          break;
        }
      }
      for (let j = 0; j < cut; j++) {
        text += line[j];
        offsets.push(start + lineRel + j);
      }
    }
    lineRel += line.length + 1;
  }
  const { words, quote } = splitWords(text, offsets, offset, escape);
  return { entry, words, text, lineStart, inQuote: quote !== '', singleQuoted: quote === "'" };
}

/** White-space separated words; quotes group, the escape character keeps the next character. */
function splitWords(text: string, offsets: readonly number[], cursor: number, escape: string): { words: PrefixWord[]; quote: string } {
  const words: PrefixWord[] = [];
  let word: { text: string; start: number } | undefined;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '' && isSpace(c)) {
      if (word) words.push(word);
      word = undefined;
      continue;
    }
    word ??= { text: '', start: offsets[i] };
    if (c === escape && i + 1 < text.length && quote !== "'") {
      word.text += c + text[i + 1];
      i++;
      continue;
    }
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    }
    word.text += c;
  }
  words.push(word ?? { text: '', start: cursor });
  return { words, quote };
}
