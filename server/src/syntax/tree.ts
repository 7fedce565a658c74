// The syntax tree of one version of a document, and incremental re-parsing.
//
// An edit re-parses from the start of the first node it touches until the parse is back in step
// with the old tree: a new node starts exactly where an old node (shifted by the edit) starts,
// with the same parser state. From there the old nodes are reused as they are (their spans are
// relative to their own start, so nothing inside them moves).

import type { DirectiveNode, InstructionNode, SyntaxError, TopLevelNode } from './nodes';
import { INITIAL_STATE, parseNodes, sameState, type EscapeChar, type ParseState } from './parser';

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

/** Statistics about the last parse, for tests and benchmarks. */
export interface ParseStats {
  /** Nodes produced by parsing (the rest were reused). */
  readonly parsedNodes: number;
  readonly reusedNodes: number;
}

export class SyntaxTree {
  private constructor(
    readonly text: string,
    readonly nodes: readonly TopLevelNode[],
    /** Absolute start offset of each node. */
    readonly starts: readonly number[],
    /** Parser state after each node. */
    private readonly states: readonly ParseState[],
    readonly stats: ParseStats,
  ) {}

  static parse(text: string): SyntaxTree {
    const parsed = parseNodes(text, 0, INITIAL_STATE);
    return new SyntaxTree(
      text,
      parsed.map((p) => p.node),
      parsed.map((p) => p.start),
      parsed.map((p) => p.state),
      { parsedNodes: parsed.length, reusedNodes: 0 },
    );
  }

  /** The escape character in effect after the directive block. */
  get escape(): EscapeChar {
    return this.states.length ? this.states[this.states.length - 1].escape : '\\';
  }

  get nodeCount(): number {
    return this.nodes.length;
  }

  end(index: number): number {
    return this.starts[index] + this.nodes[index].length;
  }

  /** Index of the node containing `offset` (the last node for the end of the text), or -1 when empty. */
  nodeIndexAt(offset: number): number {
    const starts = this.starts;
    if (starts.length === 0) return -1;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The instruction at `offset` with its start, if the offset is inside one. */
  instructionAt(offset: number): { node: InstructionNode; start: number; index: number } | undefined {
    const index = this.nodeIndexAt(offset);
    if (index < 0) return undefined;
    const node = this.nodes[index];
    if (node.kind !== 'instruction' || offset > this.starts[index] + node.length) return undefined;
    return { node, start: this.starts[index], index };
  }

  /** Instructions in order, with their absolute start offsets. */
  *instructions(): IterableIterator<{ node: InstructionNode; start: number; index: number }> {
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      if (node.kind === 'instruction') yield { node, start: this.starts[i], index: i };
    }
  }

  /** The parser directives of the leading block, with their absolute start offsets. */
  directives(): { node: DirectiveNode; start: number; index: number }[] {
    const out: { node: DirectiveNode; start: number; index: number }[] = [];
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      if (node.kind === 'directive') out.push({ node, start: this.starts[i], index: i });
      else if (this.states[i].directivesDone) break;
    }
    return out;
  }

  /** All syntax errors, in document offsets, including whole-file ones. */
  errors(): DocumentSyntaxError[] {
    const out: DocumentSyntaxError[] = [];
    let hasInstruction = false;
    for (let i = 0; i < this.nodes.length; i++) {
      const node = this.nodes[i];
      const start = this.starts[i];
      if (node.kind === 'instruction') hasInstruction = true;
      for (const e of node.errors) out.push({ ...e, start: start + e.start, end: start + e.end, node: i });
    }
    if (this.text.length === 0 || (this.text.length === 1 && this.text.charCodeAt(0) === 0xfeff)) {
      out.push({ start: 0, end: 0, code: 'empty-file', message: 'the Dockerfile cannot be empty', node: -1 });
    } else if (!hasInstruction) {
      out.push({ start: 0, end: this.text.length, code: 'no-instructions', message: 'file with no instructions', node: -1 });
    }
    return out;
  }

  /** Applies one edit and returns the new tree, re-parsing only what the edit touched. */
  edit(change: TextEdit): SyntaxTree {
    const start = Math.max(0, Math.min(change.start, this.text.length));
    const end = Math.max(start, Math.min(change.end, this.text.length));
    const text = this.text.slice(0, start) + change.text + this.text.slice(end);
    if (this.nodes.length === 0) return SyntaxTree.parse(text);
    const delta = change.text.length - (end - start);

    // Re-parse from the node containing the edit start. An edit at the very start of a node may
    // also change the node before it when that one ran to the end of the text.
    let first = this.nodeIndexAt(start);
    if (first > 0 && start === this.starts[first] && this.end(first - 1) === this.text.length) first--;
    const from = this.starts[first];
    const state = first > 0 ? this.states[first - 1] : INITIAL_STATE;

    // Old nodes that start after the edited range are candidates for reuse.
    let next = first;
    const editEndInNew = start + change.text.length;
    const parsed = parseNodes(text, from, state, (offset, parsedState) => {
      if (offset < editEndInNew) return false;
      const oldOffset = offset - delta;
      while (next < this.nodes.length && this.starts[next] < oldOffset) next++;
      return next < this.nodes.length && this.starts[next] === oldOffset && oldOffset >= end && sameState(this.states[next - 1], parsedState);
    });
    const lastParsedEnd = parsed.length ? parsed[parsed.length - 1].start + parsed[parsed.length - 1].node.length : from;
    const resumed = lastParsedEnd < text.length;
    const reuseFrom = resumed ? next : this.nodes.length;

    const nodes: TopLevelNode[] = this.nodes.slice(0, first) as TopLevelNode[];
    const starts: number[] = this.starts.slice(0, first) as number[];
    const states: ParseState[] = this.states.slice(0, first) as ParseState[];
    for (const p of parsed) {
      nodes.push(p.node);
      starts.push(p.start);
      states.push(p.state);
    }
    for (let i = reuseFrom; i < this.nodes.length; i++) {
      nodes.push(this.nodes[i]);
      starts.push(this.starts[i] + delta);
      states.push(this.states[i]);
    }
    return new SyntaxTree(text, nodes, starts, states, { parsedNodes: parsed.length, reusedNodes: this.nodes.length - reuseFrom + first });
  }

  /** Applies edits in order (each relative to the text the previous one produced). */
  applyEdits(edits: readonly TextEdit[]): SyntaxTree {
    let tree: SyntaxTree = this;
    for (const e of edits) tree = tree.edit(e);
    return tree;
  }
}
