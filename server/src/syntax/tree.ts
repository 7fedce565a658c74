// The syntax tree of one version of a document, and incremental re-parsing.
//
// Nodes are kept in chunks of a few hundred, each chunk with its own text and node starts
// relative to the chunk. An edit re-parses from the start of the first node it touches, reading
// only a window of text around the edit, until the parse is back in step with the old tree: a
// new node starts exactly where an old node (shifted by the edit) starts, with the same parser
// state. The chunks the re-parse touched are rebuilt; every other chunk is shared with the old
// tree as it is, and only the chunk start offsets after the edit move. So one keystroke costs
// time in proportion to the edit and a chunk, not to the file.

import type { CommentNode, DirectiveNode, InstructionNode, SyntaxError, TopLevelNode } from './nodes';
import { INITIAL_STATE, parseNodes, sameState, type EscapeChar, type ParsedNodes, type ParseState } from './parser';
import { lastAtMost } from './sortedSearch';

/** A replacement of text[start, end) by `text`: LSP's incremental content change, in offsets. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A syntax error with offsets into the whole document. */
export interface DocumentSyntaxError extends SyntaxError {
  /** Index of the node that carries it, or -1 for whole-file errors. */
  readonly node: number;
}

/** What the last parse did, for tests and benchmarks. */
export interface ParseStats {
  /** Nodes produced by parsing; the others were reused from the previous tree. */
  readonly parsedNodes: number;
  readonly reusedNodes: number;
  /** Characters of text the parser read. */
  readonly parsedChars: number;
}

export interface NodeEntry<T extends TopLevelNode = TopLevelNode> {
  readonly node: T;
  /** Absolute offset of the node's first character. */
  readonly start: number;
  readonly index: number;
}

interface Chunk {
  readonly nodes: readonly TopLevelNode[];
  /** Start of each node relative to the chunk start. */
  readonly rel: readonly number[];
  /** The text of each node. Every string a node holds is a slice of its own text (or of the
   *  text of the whole file, for a full parse), so re-parsed nodes never keep other text alive. */
  readonly texts: readonly string[];
  readonly length: number;
  /** What whole-file passes look for, so they skip the other nodes: chunk-relative indexes. */
  readonly marks: ChunkMarks;
  /**
   * Which nodes were made by a full parse: their strings are slices of the whole text of that
   * parse, which they keep alive. Once fewer than half the nodes of a tree are such nodes, the
   * rest are parsed again from their own text (see `release`), so an edited tree never keeps an
   * old full text. Undefined when none is.
   */
  readonly shared?: readonly boolean[];
  /** The chunk's line breaks, counted on first use: chunks are shared by versions, so each is counted once. */
  lines: ChunkLines | undefined;
}

/** Where a chunk's lines break, as LSP counts lines (`\n`, `\r\n` or a lone `\r`). */
interface ChunkLines {
  /** Chunk-relative offset just after each line break, ascending. */
  readonly breaks: Int32Array;
  readonly carriageReturns: boolean;
}

const NO_BREAKS = new Int32Array(0);

/**
 * The line breaks of a chunk. A node ends just after its `\n`, so no `\r\n` is split between two
 * nodes or chunks, and each text can be counted on its own.
 */
function linesOf(chunk: Chunk): ChunkLines {
  let count = 0;
  let carriageReturns = false;
  for (const text of chunk.texts) {
    if (text.indexOf('\r') >= 0) {
      carriageReturns = true;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) count++;
      }
    } else for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  }
  const breaks = count ? new Int32Array(count) : NO_BREAKS;
  let k = 0;
  for (let n = 0; n < chunk.texts.length; n++) {
    const text = chunk.texts[n];
    const base = chunk.rel[n];
    for (let i = text.indexOf('\n'), from = 0; ; i = text.indexOf('\n', i + 1)) {
      // Lone carriage returns before this line feed (or before the end) break lines too.
      const stop = i < 0 ? text.length : i;
      if (carriageReturns) {
        for (let r = text.indexOf('\r', from); r >= 0 && r < stop; r = text.indexOf('\r', r + 1)) if (r + 1 !== i) breaks[k++] = base + r + 1;
      }
      if (i < 0) break;
      breaks[k++] = base + i + 1;
      from = i + 1;
    }
  }
  return { breaks, carriageReturns };
}

interface ChunkMarks {
  /** FROM instructions, where stages start. */
  readonly froms: readonly number[];
  /** Comment nodes. */
  readonly comments: readonly number[];
  /** Nodes with syntax errors. */
  readonly errors: readonly number[];
  readonly hasInstruction: boolean;
}

const NO_INDEXES: readonly number[] = [];

function marksOf(nodes: readonly TopLevelNode[]): ChunkMarks {
  let froms: number[] | undefined;
  let comments: number[] | undefined;
  let errors: number[] | undefined;
  let hasInstruction = false;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind === 'instruction') {
      hasInstruction = true;
      if (node.name === 'FROM') (froms ??= []).push(i);
    } else if (node.kind === 'comment') (comments ??= []).push(i);
    if (node.errors.length) (errors ??= []).push(i);
  }
  return { froms: froms ?? NO_INDEXES, comments: comments ?? NO_INDEXES, errors: errors ?? NO_INDEXES, hasInstruction };
}

const CHUNK_NODES = 256;

function firstLineLength(text: string): number {
  const newline = text.indexOf('\n');
  return newline < 0 ? text.length : newline + 1;
}

/**
 * A flat copy of `s` that holds no reference to the strings it was made from (V8 keeps the
 * sources of slices and concatenations alive).
 */
function detach(s: string): string {
  return (' ' + s).slice(1);
}

/** Splits nodes into chunks of at most CHUNK_NODES, as even in size as possible. */
function makeChunks(nodes: readonly TopLevelNode[], texts: readonly string[], shared?: readonly boolean[]): Chunk[] {
  const chunks: Chunk[] = [];
  const size = Math.ceil(nodes.length / Math.max(1, Math.ceil(nodes.length / CHUNK_NODES)));
  for (let i = 0; i < nodes.length; i += size) {
    const j = Math.min(nodes.length, i + size);
    const rel: number[] = new Array(j - i);
    let offset = 0;
    for (let k = i; k < j; k++) {
      rel[k - i] = offset;
      offset += nodes[k].length;
    }
    const chunkNodes = nodes.slice(i, j);
    const chunkShared = shared?.slice(i, j);
    chunks.push({
      nodes: chunkNodes,
      rel,
      texts: texts.slice(i, j),
      length: offset,
      marks: marksOf(chunkNodes),
      shared: chunkShared?.includes(true) ? chunkShared : undefined,
      lines: undefined,
    });
  }
  return chunks;
}

/** The states of the leading nodes up to the end of the directive block, and the state after it. */
function splitStates(states: readonly ParseState[]): { head: ParseState[]; final: ParseState } {
  const done = states.findIndex((s) => s.directivesDone);
  if (done < 0) return { head: states.slice(), final: states.length ? states[states.length - 1] : INITIAL_STATE };
  return { head: states.slice(0, done + 1), final: states[done] };
}

export class SyntaxTree {
  private cachedText: string | undefined;
  private cachedFroms: readonly number[] | undefined;
  private cachedComments: readonly number[] | undefined;
  /** Line breaks before each chunk (one more entry: all of them); made on first use. */
  private cachedLineBase: Int32Array | undefined;
  private cachedLineStarts: Int32Array | undefined;
  /** Whether any chunk has a carriage return; found on first use (whole-document passes ask once per stage). */
  private cachedCarriageReturns: boolean | undefined;
  private defaultReader: TextReader | undefined;

  private constructor(
    private readonly chunks: readonly Chunk[],
    /** Absolute start offset of each chunk. */
    private readonly chunkStarts: readonly number[],
    /** Index of each chunk's first node. */
    private readonly chunkFirst: readonly number[],
    readonly nodeCount: number,
    /** Length of the whole text. */
    readonly length: number,
    /** State after node i, for the nodes of the directive block; later nodes all share `final`. */
    private readonly head: readonly ParseState[],
    private readonly final: ParseState,
    readonly stats: ParseStats,
    /** How many nodes still slice a full-parse text. */
    private readonly sharing: number,
  ) {}

  private static build(chunks: Chunk[], length: number, head: ParseState[], final: ParseState, stats: ParseStats, sharing = 0): SyntaxTree {
    const chunkStarts: number[] = new Array(chunks.length);
    const chunkFirst: number[] = new Array(chunks.length);
    let offset = 0;
    let index = 0;
    for (let c = 0; c < chunks.length; c++) {
      chunkStarts[c] = offset;
      chunkFirst[c] = index;
      offset += chunks[c].length;
      index += chunks[c].nodes.length;
    }
    return new SyntaxTree(chunks, chunkStarts, chunkFirst, index, length, head, final, stats, sharing);
  }

  static parse(text: string): SyntaxTree {
    const out: ParsedNodes = { nodes: [], starts: [], states: [] };
    parseNodes(text, 0, INITIAL_STATE, out);
    const { head, final } = splitStates(out.states);
    const texts = out.nodes.map((node, i) => text.slice(out.starts[i], out.starts[i] + node.length));
    const tree = SyntaxTree.build(
      makeChunks(out.nodes, texts, new Array<boolean>(out.nodes.length).fill(true)),
      text.length,
      head,
      final,
      { parsedNodes: out.nodes.length, reusedNodes: 0, parsedChars: text.length },
      out.nodes.length,
    );
    tree.cachedText = text;
    return tree;
  }

  /** The whole text (joined from the chunks on first use). */
  get text(): string {
    if (this.cachedText === undefined) {
      let text = '';
      for (const chunk of this.chunks) for (const t of chunk.texts) text += t;
      this.cachedText = text;
    }
    return this.cachedText;
  }

  /** The escape character in effect after the directive block. */
  get escape(): EscapeChar {
    return this.final.escape;
  }

  private stateAfter(index: number): ParseState {
    if (index < 0) return INITIAL_STATE;
    return index < this.head.length ? this.head[index] : this.final;
  }

  private chunkOfIndex(index: number): number {
    return lastAtMost(this.chunkFirst, index);
  }

  private chunkOfOffset(offset: number): number {
    return lastAtMost(this.chunkStarts, offset);
  }

  node(index: number): TopLevelNode {
    const c = this.chunkOfIndex(index);
    return this.chunks[c].nodes[index - this.chunkFirst[c]];
  }

  start(index: number): number {
    const c = this.chunkOfIndex(index);
    return this.chunkStarts[c] + this.chunks[c].rel[index - this.chunkFirst[c]];
  }

  end(index: number): number {
    return this.start(index) + this.node(index).length;
  }

  /** The text of one node. */
  nodeText(index: number): string {
    const c = this.chunkOfIndex(index);
    return this.chunks[c].texts[index - this.chunkFirst[c]];
  }

  /** text[from, to) without joining the whole text. */
  slice(from: number, to: number): string {
    from = Math.max(0, from);
    to = Math.min(this.length, to);
    if (to <= from) return '';
    if (this.cachedText !== undefined) return this.cachedText.slice(from, to);
    let out = '';
    for (let i = this.nodeIndexAt(from); i < this.nodeCount; i++) {
      const start = this.start(i);
      if (start >= to) break;
      out += this.nodeText(i).slice(Math.max(0, from - start), to - start);
    }
    return out;
  }

  // ---- Lines, as LSP counts them: the text's positions without the text ----------------------

  private chunkLines(c: number): ChunkLines {
    const chunk = this.chunks[c];
    return (chunk.lines ??= linesOf(chunk));
  }

  private lineBase(): Int32Array {
    if (!this.cachedLineBase) {
      const base = new Int32Array(this.chunks.length + 1);
      for (let c = 0; c < this.chunks.length; c++) base[c + 1] = base[c] + this.chunkLines(c).breaks.length;
      this.cachedLineBase = base;
    }
    return this.cachedLineBase;
  }

  /** How many lines the text has (one more than its line breaks). */
  get lineCount(): number {
    const base = this.lineBase();
    return base[base.length - 1] + 1;
  }

  /** The offset where `line` starts, for 0 ≤ line < lineCount. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    const base = this.lineBase();
    // The chunk holding the line break that ends line - 1.
    const c = lastAtMost(base, line - 1, 0, this.chunks.length - 1);
    return this.chunkStarts[c] + this.chunkLines(c).breaks[line - 1 - base[c]];
  }

  /** The line holding `offset` (clamped to the text); a line break belongs to the line it ends. */
  lineOf(offset: number): number {
    if (this.chunks.length === 0 || offset <= 0) return 0;
    const c = this.chunkOfOffset(Math.min(offset, this.length));
    const rel = Math.min(offset, this.length) - this.chunkStarts[c];
    const breaks = this.chunkLines(c).breaks;
    // How many of the chunk's line breaks end at or before the offset.
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] <= rel) lo = mid + 1;
      else hi = mid;
    }
    return this.lineBase()[c] + lo;
  }

  /**
   * The start of every line, in a table of its exact size, for the passes over the whole document
   * (outline, folds, semantic tokens). Copied from the chunks' tables, which versions share, so a
   * version never scans its text for them.
   */
  lineStarts(): Int32Array {
    if (!this.cachedLineStarts) {
      const starts = new Int32Array(this.lineCount);
      let k = 1;
      for (let c = 0; c < this.chunks.length; c++) {
        const breaks = this.chunkLines(c).breaks;
        const offset = this.chunkStarts[c];
        for (let i = 0; i < breaks.length; i++) starts[k++] = offset + breaks[i];
      }
      this.cachedLineStarts = starts;
    }
    return this.cachedLineStarts;
  }

  /** Whether the text has a carriage return anywhere. */
  hasCarriageReturns(): boolean {
    if (this.cachedCarriageReturns === undefined) {
      let found = false;
      for (let c = 0; c < this.chunks.length && !found; c++) found = this.chunkLines(c).carriageReturns;
      this.cachedCarriageReturns = found;
    }
    return this.cachedCarriageReturns;
  }

  /** The UTF-16 code unit at `offset` (NaN outside the text), without joining the whole text. */
  charCodeAt(offset: number): number {
    return (this.defaultReader ??= this.reader()).charCodeAt(offset);
  }

  /**
   * A reader of the text's characters with a place of its own: a pass that reads in increasing order
   * finds each character in the node it read last or a few nodes on, without a search. A pass that
   * reads in two places at once (a stage's end and its instructions) takes a reader for each.
   */
  reader(): TextReader {
    return new TreeReader(this.chunks, this.chunkStarts, this.length, this.cachedText, (offset) => this.chunkOfOffset(offset));
  }

  /** Index of the node containing `offset` (the last node for the end of the text), or -1 when empty. */
  nodeIndexAt(offset: number): number {
    if (this.nodeCount === 0) return -1;
    const c = this.chunkOfOffset(offset);
    return this.chunkFirst[c] + lastAtMost(this.chunks[c].rel, offset - this.chunkStarts[c]);
  }

  /** The node at `offset` with its start. */
  entryAt(offset: number): NodeEntry | undefined {
    const index = this.nodeIndexAt(offset);
    return index < 0 ? undefined : { node: this.node(index), start: this.start(index), index };
  }

  /** The instruction at `offset` with its start, if the offset is inside one (or at its end). */
  instructionAt(offset: number): NodeEntry<InstructionNode> | undefined {
    const entry = this.entryAt(offset);
    if (!entry || entry.node.kind !== 'instruction' || offset > entry.start + entry.node.length) return undefined;
    return entry as NodeEntry<InstructionNode>;
  }

  /**
   * Calls `visit` for each node from index `from` on, in order, with its absolute start, until it
   * returns false. Allocates nothing per node: the whole-file passes run on every version use it.
   */
  forEach(visit: (node: TopLevelNode, start: number, index: number) => boolean | void, from = 0): void {
    if (from >= this.nodeCount) return;
    let c = this.chunkOfIndex(Math.max(0, from));
    let index = this.chunkFirst[c];
    for (; c < this.chunks.length; c++) {
      const { nodes, rel } = this.chunks[c];
      const base = this.chunkStarts[c];
      for (let i = 0; i < nodes.length; i++, index++) {
        if (index < from) continue;
        if (visit(nodes[i], base + rel[i], index) === false) return;
      }
    }
  }

  /**
   * The comment nodes BuildKit attaches to the node at `index` (its `PrevComment`), in order: every
   * comment since the previous instruction, across blank lines and directives, restarted by an
   * empty `#` line. Tools read an ARG's or a stage's description there.
   */
  commentBlockBefore(index: number): NodeEntry<CommentNode>[] {
    const block: NodeEntry<CommentNode>[] = [];
    for (let i = index - 1; i >= 0; i--) {
      const node = this.node(i);
      if (node.kind === 'instruction' || (node.kind === 'comment' && node.content === '')) break;
      if (node.kind === 'comment') block.push({ node, start: this.start(i), index: i });
    }
    return block.reverse();
  }

  /** Indexes of the FROM instructions, in order: where stages start. */
  fromIndexes(): readonly number[] {
    return (this.cachedFroms ??= this.marked('froms'));
  }

  /** Indexes of the comment nodes, in order. */
  commentIndexes(): readonly number[] {
    return (this.cachedComments ??= this.marked('comments'));
  }

  private marked(kind: 'froms' | 'comments' | 'errors'): number[] {
    const out: number[] = [];
    for (let c = 0; c < this.chunks.length; c++) for (const i of this.chunks[c].marks[kind]) out.push(this.chunkFirst[c] + i);
    return out;
  }

  /** Whether the nodes from index `from` on are exactly the objects of `nodes` (incremental parsing reuses them). */
  sameNodes(from: number, nodes: readonly TopLevelNode[]): boolean {
    if (from < 0 || from + nodes.length > this.nodeCount) return false;
    if (nodes.length === 0) return true;
    let c = this.chunkOfIndex(from);
    let local = from - this.chunkFirst[c];
    for (let i = 0; i < nodes.length; ) {
      const chunkNodes = this.chunks[c].nodes;
      for (; local < chunkNodes.length && i < nodes.length; local++, i++) if (chunkNodes[local] !== nodes[i]) return false;
      c++;
      local = 0;
    }
    return true;
  }

  /**
   * How many nodes this tree shares with `older` at its start and at its end: the same objects in
   * the same order, as an edit keeps every node it did not parse again. Whole chunks are compared by
   * identity, then node by node from the first chunk that differs. The two never overlap.
   */
  sharedWith(older: SyntaxTree): { readonly prefix: number; readonly suffix: number } {
    const limit = Math.min(this.nodeCount, older.nodeCount);
    let prefix = 0;
    let c = 0;
    while (c < this.chunks.length && c < older.chunks.length && this.chunks[c] === older.chunks[c]) prefix += this.chunks[c++].nodes.length;
    while (prefix < limit && this.node(prefix) === older.node(prefix)) prefix++;
    let suffix = 0;
    for (let a = this.chunks.length - 1, b = older.chunks.length - 1; a >= 0 && b >= 0 && this.chunks[a] === older.chunks[b]; a--, b--) {
      if (suffix + this.chunks[a].nodes.length > limit - prefix) break;
      suffix += this.chunks[a].nodes.length;
    }
    while (suffix < limit - prefix && this.node(this.nodeCount - 1 - suffix) === older.node(older.nodeCount - 1 - suffix)) suffix++;
    return { prefix, suffix };
  }

  /** All nodes in order with their absolute starts. */
  *entries(): IterableIterator<NodeEntry> {
    let index = 0;
    for (let c = 0; c < this.chunks.length; c++) {
      const { nodes, rel } = this.chunks[c];
      const base = this.chunkStarts[c];
      for (let i = 0; i < nodes.length; i++) yield { node: nodes[i], start: base + rel[i], index: index++ };
    }
  }

  /** Instructions in order, with their absolute starts. */
  *instructions(): IterableIterator<NodeEntry<InstructionNode>> {
    for (const entry of this.entries()) if (entry.node.kind === 'instruction') yield entry as NodeEntry<InstructionNode>;
  }

  /** The parser directives of the leading block, with their absolute starts. */
  directives(): NodeEntry<DirectiveNode>[] {
    const out: NodeEntry<DirectiveNode>[] = [];
    for (const entry of this.entries()) {
      if (entry.node.kind === 'directive') out.push(entry as NodeEntry<DirectiveNode>);
      else if (this.stateAfter(entry.index).directivesDone) break;
    }
    return out;
  }

  /**
   * The last line BuildKit reads, without its line break: a final line break ends the line before
   * it rather than starting an empty one. A node owns whole lines, so the last node holds it.
   */
  lastLine(): { start: number; end: number } {
    const index = this.nodeCount - 1;
    if (index < 0) return { start: 0, end: 0 };
    const text = this.nodeText(index);
    const base = this.start(index);
    let end = text.length;
    if (text.endsWith('\n')) end -= text.endsWith('\r\n') ? 2 : 1;
    return { start: base + (end > 0 ? text.lastIndexOf('\n', end - 1) + 1 : 0), end: base + end };
  }

  /** All syntax errors, in document offsets, including whole-file ones. */
  errors(): DocumentSyntaxError[] {
    const out: DocumentSyntaxError[] = [];
    const hasInstruction = this.chunks.some((chunk) => chunk.marks.hasInstruction);
    for (const index of this.marked('errors')) {
      const start = this.start(index);
      for (const e of this.node(index).errors) out.push({ start: start + e.start, end: start + e.end, message: e.message, code: e.code, node: index });
    }
    const text = this.length <= 1 ? this.text : '';
    if (this.length === 0 || text === '\uFEFF') {
      out.push({ start: 0, end: 0, code: 'empty-file', message: 'the Dockerfile cannot be empty', node: -1 });
    } else if (!hasInstruction) {
      // On the last line, where BuildKit reports it and an instruction has to go; not over the
      // whole text, which underlined every header line of a new file as it was typed.
      const last = this.lastLine();
      out.push({ start: last.start, end: last.end, code: 'no-instructions', message: 'file with no instructions', node: -1 });
    }
    return out;
  }

  /** Applies one edit and returns the new tree, re-parsing only what the edit touched. */
  edit(change: TextEdit): SyntaxTree {
    const start = Math.max(0, Math.min(change.start, this.length));
    const end = Math.max(start, Math.min(change.end, this.length));
    if (this.nodeCount === 0) return SyntaxTree.parse(change.text);
    const delta = change.text.length - (end - start);
    const newLength = this.length + delta;

    // Re-parse from the node containing the edit start. (A node never depends on the text after
    // it, so the node before an edit at a node's very start stays as it is.)
    const first = this.nodeIndexAt(start);
    const from = this.start(first);
    const stateBefore = this.stateAfter(first - 1);
    const editEnd = start + change.text.length;

    // Parse a window of text from the edited node to the first line of the node where the parse
    // can fall back in step; widen it when the parse runs off its end. Windows stay small because
    // the new nodes keep slices of the window's text alive.
    const atEnd = this.nodeIndexAt(end);
    const resyncNode = this.start(atEnd) >= end ? atEnd : atEnd + 1;
    let extraNodes = 0;
    for (;;) {
      const lastNode = resyncNode + extraNodes;
      const windowEndOld = lastNode < this.nodeCount ? this.start(lastNode) + firstLineLength(this.nodeText(lastNode)) : this.length;
      const window = this.slice(from, start) + change.text + this.slice(end, windowEndOld);
      const out: ParsedNodes = { nodes: [], starts: [], states: [] };
      let resume = -1;
      const windowIsRest = windowEndOld >= this.length;
      parseNodes(window, 0, stateBefore, out, (offset, state) => {
        // A node that reaches the end of the window may have been cut short by it.
        if (offset >= window.length && !windowIsRest) return false;
        const absolute = from + offset;
        if (absolute < editEnd) return false;
        const oldOffset = absolute - delta;
        if (oldOffset < end || oldOffset >= this.length) return false;
        const candidate = this.nodeIndexAt(oldOffset);
        if (this.start(candidate) !== oldOffset || !sameState(this.stateAfter(candidate - 1), state)) return false;
        resume = candidate;
        return true;
      }, from, false);
      if (resume < 0 && !windowIsRest) {
        extraNodes = extraNodes * 8 + 8;
        continue;
      }
      return this.splice(first, resume < 0 ? this.nodeCount : resume, out, from, window, newLength);
    }
  }

  /**
   * A tree with old nodes [first, resume) replaced by `parsed` (starts relative to `from`). Each new
   * node is parsed again from its own detached text, so it holds no slice of the window.
   */
  private splice(first: number, resume: number, parsed: ParsedNodes, from: number, window: string, newLength: number): SyntaxTree {
    const cFirst = this.chunkOfIndex(first);
    const cLast = resume < this.nodeCount ? this.chunkOfIndex(resume) : this.chunks.length - 1;
    const chunkA = this.chunks[cFirst];
    const chunkC = this.chunks[cLast];
    const localFirst = first - this.chunkFirst[cFirst];

    // The rebuilt stretch: the untouched head of chunk A, the new nodes, the untouched tail of chunk C.
    const nodes: TopLevelNode[] = chunkA.nodes.slice(0, localFirst) as TopLevelNode[];
    const texts: string[] = chunkA.texts.slice(0, localFirst) as string[];
    const shared: boolean[] = [];
    for (let i = 0; i < localFirst; i++) shared.push(chunkA.shared?.[i] === true);
    let parsedEnd = 0;
    for (let i = 0; i < parsed.nodes.length; i++) {
      const start = parsed.starts[i];
      const own = detach(window.slice(start, start + parsed.nodes[i].length));
      const again: ParsedNodes = { nodes: [], starts: [], states: [] };
      parseNodes(own, 0, i > 0 ? parsed.states[i - 1] : this.stateAfter(first - 1), again, () => true, from + start);
      nodes.push(again.nodes[0]);
      texts.push(own);
      shared.push(false);
      parsedEnd = start + own.length;
    }
    if (resume < this.nodeCount) {
      const localResume = resume - this.chunkFirst[cLast];
      for (let i = localResume; i < chunkC.nodes.length; i++) {
        nodes.push(chunkC.nodes[i]);
        texts.push(chunkC.texts[i]);
        shared.push(chunkC.shared?.[i] === true);
      }
    }
    // A small stretch takes in the next chunk, so edits never leave a trail of tiny chunks.
    let next = cLast + 1;
    if (nodes.length < CHUNK_NODES / 2 && next < this.chunks.length) {
      const chunk = this.chunks[next];
      nodes.push(...chunk.nodes);
      texts.push(...chunk.texts);
      for (let i = 0; i < chunk.nodes.length; i++) shared.push(chunk.shared?.[i] === true);
      next++;
    }
    const chunks = this.chunks.slice(0, cFirst).concat(makeChunks(nodes, texts, shared), this.chunks.slice(next));
    let sharing = this.sharing;
    if (sharing > 0) for (let i = first; i < resume; i++) if (this.isShared(i)) sharing--;

    // Parser states change only inside the directive block.
    let head = this.head as ParseState[];
    let final = this.final;
    if (first < this.head.length) {
      const states = this.head.slice(0, first).concat(parsed.states);
      for (let i = resume; i < this.head.length; i++) states.push(this.head[i]);
      ({ head, final } = splitStates(states));
    }
    const tree = SyntaxTree.build(
      chunks,
      newLength,
      head,
      final,
      { parsedNodes: parsed.nodes.length, reusedNodes: this.nodeCount - (resume - first), parsedChars: parsedEnd },
      sharing,
    );
    return sharing > 0 && sharing * 2 <= tree.nodeCount ? tree.release() : tree;
  }

  /**
   * Parses every node that still slices an old full text again from a copy of its own text, so
   * that old text can be freed. Runs at most once per full parse, when half the nodes have been
   * replaced by edits, so its cost spreads over those edits.
   */
  private release(): SyntaxTree {
    const chunks = this.chunks.map((chunk, c) => {
      if (!chunk.shared) return chunk;
      const nodes = chunk.nodes.slice() as TopLevelNode[];
      const texts = chunk.texts.slice() as string[];
      for (let i = 0; i < nodes.length; i++) {
        if (!chunk.shared[i]) continue;
        const index = this.chunkFirst[c] + i;
        const own = detach(texts[i]);
        const again: ParsedNodes = { nodes: [], starts: [], states: [] };
        parseNodes(own, 0, this.stateAfter(index - 1), again, () => true, this.chunkStarts[c] + chunk.rel[i]);
        nodes[i] = again.nodes[0];
        texts[i] = own;
      }
      // The same text: the line breaks counted for the old chunk still hold.
      return { nodes, rel: chunk.rel, texts, length: chunk.length, marks: marksOf(nodes), shared: undefined, lines: chunk.lines };
    });
    return SyntaxTree.build(chunks, this.length, this.head as ParseState[], this.final, this.stats, 0);
  }

  private isShared(index: number): boolean {
    const c = this.chunkOfIndex(index);
    return this.chunks[c].shared?.[index - this.chunkFirst[c]] === true;
  }

  /** Applies edits in order (each relative to the text the previous one produced). */
  applyEdits(edits: readonly TextEdit[]): SyntaxTree {
    return edits.reduce<SyntaxTree>((tree, e) => tree.edit(e), this);
  }
}

/** The characters of a text, read by offset. */
export interface TextReader {
  readonly length: number;
  charCodeAt(offset: number): number;
}

/** See `SyntaxTree.reader`. */
class TreeReader implements TextReader {
  private chunk = 0;
  private node = 0;
  /** The node read last: its start and text. */
  private start = 0;
  private text = '';

  constructor(
    private readonly chunks: readonly Chunk[],
    private readonly chunkStarts: readonly number[],
    readonly length: number,
    private readonly whole: string | undefined,
    private readonly chunkOfOffset: (offset: number) => number,
  ) {}

  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const end = this.start + this.text.length;
    if (offset >= this.start && offset < end) return this.text.charCodeAt(offset - this.start);
    if (offset >= end && this.text !== '') {
      // A few nodes further on: stepped to, node by node.
      let c = this.chunk;
      let i = this.node;
      let start = end;
      for (let step = 0; step < 8; step++) {
        if (++i >= this.chunks[c].texts.length) {
          if (++c >= this.chunks.length) break;
          i = 0;
        }
        const length = this.chunks[c].texts[i].length;
        if (offset < start + length) return this.readFrom(c, i, start, offset);
        start += length;
      }
    }
    const c = this.chunkOfOffset(offset);
    const i = lastAtMost(this.chunks[c].rel, offset - this.chunkStarts[c]);
    return this.readFrom(c, i, this.chunkStarts[c] + this.chunks[c].rel[i], offset);
  }

  private readFrom(chunk: number, node: number, start: number, offset: number): number {
    this.chunk = chunk;
    this.node = node;
    this.start = start;
    this.text = this.chunks[chunk].texts[node];
    return this.text.charCodeAt(offset - start);
  }
}
