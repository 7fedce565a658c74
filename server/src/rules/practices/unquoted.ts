// The characters of a RUN's shell text that a POSIX shell reads outside quotes and comments, for the
// rules about characters pasted from a web page or a document (SC1018's no-break space, SC1100's
// Unicode dash, SC1110's curly quotes): there they change how the shell splits or reads a word, while inside quotes or a
// comment they are only text. The text read is what a shell runs: the command line with its
// continuations joined (`logicalLineOf`), and the heredoc bodies a shell runs as a script or reads
// on its standard input (`heredocRunsAsShell`); an exec-form RUN runs no shell.

import type { AnalyzedDocument } from '../../services/document';
import { logicalLineOf, type InstructionNode, type Span } from '../../syntax';
import { heredocRunsAsShell, runOf } from './shell';

/** Where a word ends for the shell: a blank or an operator character (`;&|()<>`). */
export function isWordBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e;
}

/** A character found, with the text it was read in (the logical line or a heredoc body) to look around it. */
export interface UnquotedChar {
  /** Its span in the node's text. */
  readonly span: Span;
  /** The text it was read in, its offset there, and the bounds of the shell text in it. */
  readonly source: string;
  readonly at: number;
  readonly from: number;
  readonly to: number;
  /** Read in the command line (from `from`, the start of the RUN's command), not in a heredoc body. */
  readonly commandLine: boolean;
}

/**
 * The offsets in `source[from, to)` of the characters outside quotes and comments that `wanted`
 * takes (`wordStart`: the character starts a word).
 */
function scan(source: string, from: number, to: number, wanted: (c: number, wordStart: boolean) => boolean): number[] {
  const found: number[] = [];
  let quote = 0;
  let wordStart = true;
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (quote === 0x27) {
      if (c === 0x27) quote = 0;
      continue;
    }
    if (c === 0x5c) {
      // A backslash takes the next character as it is (inside double quotes too, for this purpose).
      i++;
      wordStart = false;
      continue;
    }
    if (quote === 0x22) {
      if (c === 0x22) quote = 0;
      continue;
    }
    if (c === 0x27 || c === 0x22) {
      quote = c;
      wordStart = false;
    } else if (c === 0x23 && wordStart) {
      while (i + 1 < to && source.charCodeAt(i + 1) !== 0x0a) i++;
    } else {
      if (wanted(c, wordStart)) found.push(i);
      wordStart = isWordBreak(c);
    }
  }
  return found;
}

/**
 * The characters `wanted` takes that a shell reads outside quotes and comments in a RUN or ONBUILD
 * RUN (`text`: the node's text), in order; none for other instructions, an exec-form RUN, or a text
 * `mayHold` says has none (a quick test before the scan).
 */
export function unquotedChars(
  node: InstructionNode,
  text: string,
  windowsImage: boolean,
  mayHold: RegExp,
  wanted: (c: number, wordStart: boolean) => boolean,
): UnquotedChar[] {
  const run = runOf(node);
  if (!run || run.json || !mayHold.test(text)) return [];
  const out: UnquotedChar[] = [];
  if (run.args) {
    const logical = logicalLineOf(node, text);
    const from = logical.logicalOffset(run.args.start);
    const to = logical.text.length;
    for (const at of scan(logical.text, from, to, wanted)) out.push({ span: logical.span(at, at + 1), source: logical.text, at, from, to, commandLine: true });
  }
  for (const heredoc of node.heredocs) {
    if (!heredocRunsAsShell(node, heredoc, text, windowsImage)) continue;
    const { start, end } = heredoc.body;
    for (const at of scan(text, start, end, wanted)) out.push({ span: { start: at, end: at + 1 }, source: text, at, from: start, to: end, commandLine: false });
  }
  return out;
}

/**
 * What `find` finds in the instruction at document offset `offset`, with the instruction's offset and
 * the finding that starts at `offset` (`here`): a quick fix of these rules finds its characters again in
 * the version it is asked for.
 */
export function foundAgainAt<T extends Span>(
  doc: AnalyzedDocument,
  offset: number,
  find: (node: InstructionNode, text: string, windowsImage: boolean) => T[],
): { found: T[]; start: number; here: T | undefined } {
  const index = doc.tree.nodeIndexAt(offset);
  const node = doc.tree.node(index);
  const start = doc.tree.start(index);
  if (node.kind !== 'instruction') return { found: [], start, here: undefined };
  const found = find(node, doc.tree.slice(start, start + node.length), doc.model.stageAt(start)?.windows === true);
  return { found, start, here: found.find((f) => start + f.start === offset) };
}
