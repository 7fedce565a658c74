// SC1018: a no-break space (U+00A0) in the shell text of a RUN, outside quotes. It looks like a
// space, and comes with commands copied from a web page or a document, but a POSIX shell splits words
// at ASCII blanks only: `apt-get<U+00A0>install` is one word, a command that does not exist, and the
// build fails with "not found" on a line that looks right. ShellCheck calls this SC1018 (hadolint
// reports it with that code for shell-form RUN); it is an error there and a warning here, as for
// every best practice. Inside quotes and comments it is text, and it is left alone there. The text
// read is what a shell runs: the command line (continuations joined) and the heredoc bodies the
// shell runs as a script.

import type { Diagnostic } from 'vscode-languageserver-types';
import { heredocRunsAsShell } from './shell';
import { quickFix } from '../checks/support/fixes';
import type { InstructionNode, Span } from '../../syntax';
import { logicalLineOf } from '../../syntax';
import type { AnalyzedDocument } from '../../services/document';
import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';

const NO_BREAK_SPACE = 0xa0;

/** Where a word ends for the shell (and a `#` after one starts a comment). */
function isBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3b || c === 0x26 || c === 0x7c || c === 0x28 || c === 0x29 || c === 0x3c || c === 0x3e;
}

/** The offsets of the no-break spaces in `source[from, to)` that a POSIX shell reads outside quotes and comments. */
function unquotedNoBreakSpaces(source: string, from: number, to: number): number[] {
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
    } else if (c === NO_BREAK_SPACE) {
      found.push(i);
      wordStart = false;
    } else {
      wordStart = isBreak(c);
    }
  }
  return found;
}

/** A no-break space as the rule reports it: its span in the node's text, and the words it joins. */
interface Joined extends Span {
  readonly before: string;
  readonly after: string;
}

/** The word characters either side of `at` in `source` (stopping at blanks, operators and other no-break spaces). */
function around(source: string, at: number, from: number, to: number): { before: string; after: string } {
  let start = at;
  while (start > from && !isBreak(source.charCodeAt(start - 1)) && source.charCodeAt(start - 1) !== NO_BREAK_SPACE) start--;
  let end = at + 1;
  while (end < to && !isBreak(source.charCodeAt(end)) && source.charCodeAt(end) !== NO_BREAK_SPACE) end++;
  return { before: source.slice(start, at), after: source.slice(at + 1, end) };
}

/** The RUN a node runs: itself, or the trigger of `ONBUILD RUN`. */
function runOf(node: InstructionNode): InstructionNode | undefined {
  if (node.name === 'RUN') return node;
  if (node.name === 'ONBUILD' && node.trigger?.name === 'RUN') return node.trigger;
  return undefined;
}

/** Every unquoted no-break space a shell reads in a RUN or ONBUILD RUN (`text`: the node's text), in order. */
function noBreakSpaces(node: InstructionNode, text: string, windowsImage: boolean): Joined[] {
  const run = runOf(node);
  if (!run || run.json || !text.includes('\u00a0')) return [];
  const out: Joined[] = [];
  if (run.args) {
    const logical = logicalLineOf(node, text);
    const from = logical.logicalOffset(run.args.start);
    const to = logical.text.length;
    for (const at of unquotedNoBreakSpaces(logical.text, from, to)) out.push({ ...logical.span(at, at + 1), ...around(logical.text, at, from, to) });
  }
  for (const heredoc of node.heredocs) {
    if (!heredocRunsAsShell(node, heredoc, text, windowsImage)) continue;
    const { start, end } = heredoc.body;
    for (const at of unquotedNoBreakSpaces(text, start, end)) out.push({ start: at, end: at + 1, ...around(text, at, start, end) });
  }
  return out;
}

function message({ before, after }: Joined): string {
  const joins = before && after ? `, so '${before}' and '${after}' run together as one word` : ', so it is part of a word';
  return `This is a no-break space (U+00A0), not a plain one: the shell does not split words at it${joins}. It often comes with text copied from a web page. Replace it with a plain space.`;
}

/** The no-break spaces of the RUN the diagnostic is in, as the rule finds them now. */
function spacesOfRunAt(doc: AnalyzedDocument, offset: number): { spaces: Joined[]; start: number } {
  const index = doc.tree.nodeIndexAt(offset);
  const node = doc.tree.node(index);
  const start = doc.tree.start(index);
  if (node.kind !== 'instruction') return { spaces: [], start };
  const windowsImage = doc.model.stageAt(start)?.windows === true;
  return { spaces: noBreakSpaces(node, doc.tree.slice(start, start + node.length), windowsImage), start };
}

export const SC1018: InstructionRule = {
  ...practiceMeta('SC1018', 'error', 'A no-break space (U+00A0) in the shell text of a RUN, where the shell does not split words.'),
  url: 'https://www.shellcheck.net/wiki/SC1018',
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    for (const joined of noBreakSpaces(node, text, windowsImage)) report({ start: joined.start, end: joined.end, message: message(joined) });
  },
  // This one, and where the RUN has more, all of them at once.
  fixes(diagnostic: Diagnostic, doc: AnalyzedDocument) {
    const at = doc.text.offsetAt(diagnostic.range.start);
    const { spaces, start } = spacesOfRunAt(doc, at);
    const here = spaces.find((s) => start + s.start === at);
    if (!here) return [];
    const plain = (s: Span) => ({ start: start + s.start, end: start + s.end, text: ' ' });
    const fixes = [quickFix('Replace with a plain space', doc, diagnostic, [plain(here)], true)];
    if (spaces.length > 1) fixes.push(quickFix(`Replace all ${spaces.length} no-break spaces of this RUN with plain spaces`, doc, diagnostic, spaces.map(plain)));
    return fixes;
  },
};
