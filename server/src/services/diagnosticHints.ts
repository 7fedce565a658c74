// Hints that diagnostics add to a message when the text around the problem says what the user most
// likely meant: the syntax errors and rule problems say what BuildKit refuses, one node at a time (rule
// results are cached per node), and a hint may read past that node (the line above) or the whole
// instruction's pairs. One table, keyed by diagnostic code, serves both kinds of diagnostic.

import { typographicallyQuoted } from '../rules/pasted';
import { goQuote } from '../syntax';
import type { AnalyzedDocument } from './document';

/**
 * BuildKit's "can't find = in" most often means a value with a blank left unquoted (`ENV MSG=hello world`,
 * `LABEL description=My app`): the words after the last `name=value` of the instruction are read as more
 * names. The hint shows the quoted value when that is plain text; it says "if", since the word may be a name
 * whose `=value` is missing.
 */
function spacedValueHint(doc: AnalyzedDocument, start: number, nodeIndex: number): string {
  if (nodeIndex < 0) return '';
  const node = doc.tree.node(nodeIndex);
  if (node.kind !== 'instruction') return '';
  const pairs = (node.trigger ?? node).pairs;
  const at = start - doc.tree.start(nodeIndex);
  const index = pairs.findIndex((pair) => pair.key.start === at);
  let first = index;
  while (first > 0 && pairs[first].separator === '') first--;
  if (index < 0 || first === index || pairs[first].separator !== '=' || !pairs[first].value?.text) return '';
  let last = index;
  while (last + 1 < pairs.length && pairs[last + 1].separator === '') last++;
  const name = pairs[first].key.text;
  const words = [pairs[first].value!.text, ...pairs.slice(first + 1, last + 1).map((pair) => pair.key.text)];
  if (pairs[index].key.text === '`') {
    const hint = backtickContinuationHint(doc, doc.tree.start(nodeIndex) + pairs[index].key.end);
    if (hint) return hint;
  }
  const word = goQuote(pairs[index].key.text);
  const curly = typographicallyQuoted(words.join(' '));
  if (curly !== undefined && !/["'\\`]/.test(curly) && !/["'\\`]/.test(name)) {
    return `. The value of ${name} is in typographic quotes (as a word processor or web page writes them), which BuildKit does not read as quotes, so the value ends at the first blank: write ${name}="${curly}".`;
  }
  const plain = words.every((w) => !/["'\\`]/.test(w)) && !/["'\\`]/.test(name);
  return plain ? `. If ${word} is part of the value of ${name}, quote the value: ${name}="${words.join(' ')}".` : `. If ${word} is part of the value of ${name}, put the value in quotes.`;
}

/**
 * Lines continued with a backtick, as Windows Dockerfiles write them, in a file that keeps the default
 * escape character: BuildKit reads the backtick as text and the next line as a new instruction.
 */
const BACKTICK_CONTINUES = 'continues a line only in a file that starts with the parser directive # escape=`';

/** The hint for a `can't find =` in a backtick that ends its line (blanks may follow it), else ''. */
function backtickContinuationHint(doc: AnalyzedDocument, end: number): string {
  if (doc.tree.escape !== '\\' || !/^[ \t]*(\r?\n|$)/.test(doc.tree.slice(end, end + 200))) return '';
  return `. This \` ${BACKTICK_CONTINUES} (as Windows Dockerfiles often do); without it, end the line with \\ instead.`;
}

/**
 * The hint for an unknown instruction on the line after one that ends with the other escape character
 * than the file's (a backtick without `# escape=`, or a backslash with it), else ''.
 */
function unknownAfterOtherEscapeHint(doc: AnalyzedDocument, keywordStart: number): string {
  const line = doc.text.positionAt(keywordStart).line;
  if (line === 0) return '';
  const previous = doc.text.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\s+$/, '');
  if (previous.trimStart().startsWith('#')) return '';
  if (doc.tree.escape === '\\' && previous.endsWith('`')) return ` The line above ends with \`, which ${BACKTICK_CONTINUES}.`;
  if (doc.tree.escape === '`' && previous.endsWith('\\')) return ' The line above ends with \\, which does not continue a line here: the # escape=` directive at the top of the file makes ` the escape character.';
  return '';
}

/** A hint for a diagnostic code: `start` is the problem's document offset, `nodeIndex` its node (or -1). */
type Hint = (doc: AnalyzedDocument, start: number, nodeIndex: number) => string;

const HINTS: ReadonlyMap<string, Hint> = new Map<string, Hint>([
  ['missing-equals', spacedValueHint],
  ['unknown-instruction', (doc, start) => unknownAfterOtherEscapeHint(doc, start)],
]);

/** What to add to the message of a diagnostic of `code` at `start` (in node `nodeIndex`): a hint, or ''. */
export function messageHint(doc: AnalyzedDocument, code: string, start: number, nodeIndex: number): string {
  return HINTS.get(code)?.(doc, start, nodeIndex) ?? '';
}
