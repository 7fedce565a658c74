// SC1100: a word of a RUN's shell text that starts with a Unicode dash (an en dash, em dash, minus
// sign, …) where an option was meant: `apt-get install –y curl`. Editors and web pages turn `-` and
// `--` into such dashes, and a command reads `–y` as an operand, not as the option `-y` (apt-get then
// looks for a package named `–y`). ShellCheck calls this SC1100 (hadolint reports it for RUN); it is
// an error there, a warning here as every best practice. Only a dash that starts a word outside
// quotes and comments, followed by a letter, a digit or another dash, is taken for a mistaken option:
// `echo a – b` prints a dash on purpose. The fixes write `-` or `--`, the likelier one preferred.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import { getFlag } from '../../facts';
import type { InstructionNode } from '../../syntax';
import { quickFix } from '../checks/support/fixes';
import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { UNICODE_DASHES, anyOf, dashedFlag, describePasted } from '../pasted';
import { foundAgainAt, isWordBreak, unquotedChars } from './unquoted';

const MAY_HOLD = anyOf(UNICODE_DASHES.keys());

/** A dash that starts a word, with the rest of its word and the ASCII it most likely stood for. */
interface MistakenDash {
  readonly start: number;
  readonly end: number;
  readonly dash: number;
  readonly word: string;
  /** How many Unicode dashes open the word (`——link`: two), which the fix replaces. */
  readonly dashes: 1 | 2;
  readonly meant: '-' | '--';
  /** A RUN flag (`–mount=…` before the command), which BuildKit reads only after `--`. */
  readonly runFlag?: string;
}

/** What a letter, digit or dash after the dash makes an option of. */
function startsOption(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || UNICODE_DASHES.has(c);
}

/**
 * What the dash most likely replaced, from the rest of the word after it: one hyphen before a hyphen
 * (`–-pull` lost one of two), a long option's two before a word with `-` or `=` (`–no-cache`, `–only=prod`)
 * or of five letters or more (`–quiet`), and one before a short cluster (`–y`, `–rf`, `–eux`, `–fsSL`).
 */
function likelyMeant(rest: string): '-' | '--' {
  if (rest.startsWith('-')) return '-';
  if (/[-=]/.test(rest)) return '--';
  return rest.length <= 4 || /[A-Z]/.test(rest) ? '-' : '--';
}

function mistakenDashes(node: InstructionNode, text: string, windowsImage: boolean): MistakenDash[] {
  const found = unquotedChars(node, text, windowsImage, MAY_HOLD, (c, wordStart) => wordStart && UNICODE_DASHES.has(c));
  const out: MistakenDash[] = [];
  // Where the next of the words that open the command line starts, while they name RUN's flags.
  let flagsFrom = -1;
  for (const { span, source, at, from, to, commandLine } of found) {
    if (at + 1 >= to || !startsOption(source.charCodeAt(at + 1))) continue;
    let end = at + 1;
    while (end < to && !isWordBreak(source.charCodeAt(end))) end++;
    // Two Unicode dashes (`——link`) stand for two hyphens together.
    const dashes = UNICODE_DASHES.has(source.charCodeAt(at + 1)) ? 2 : 1;
    const rest = source.slice(at + dashes, end);
    const word = source.slice(at, end);
    const flag = commandLine && (at === from || at === flagsFrom) ? dashedFlag(word) : undefined;
    const runFlag = flag && getFlag('RUN', flag.name) ? flag.name : undefined;
    if (runFlag) {
      flagsFrom = end;
      while (flagsFrom < to && (source.charCodeAt(flagsFrom) === 0x20 || source.charCodeAt(flagsFrom) === 0x09)) flagsFrom++;
    }
    const meant = dashes === 2 ? '--' : runFlag ? (rest.startsWith('-') ? '-' : '--') : likelyMeant(rest);
    out.push({ ...span, dash: source.charCodeAt(at), word, dashes, meant, ...(runFlag ? { runFlag } : {}) });
  }
  return out;
}

function message({ dash, word, dashes, meant, runFlag }: MistakenDash): string {
  if (runFlag) {
    return `This is ${describePasted(dash)}, not "--", so '${word}' is not RUN's flag --${runFlag}: BuildKit takes it for the start of the command, which the shell then runs. It often comes with text copied from a web page or a document. Write '${meant}' instead.`;
  }
  const option = meant + word.slice(dashes);
  return `This is ${describePasted(dash)}, not a minus, so '${word}' is not the option '${option}' to the shell or the command it runs. It often comes with text copied from a web page or a document. Write '${meant}' instead.`;
}

export const SC1100: InstructionRule = {
  ...practiceMeta('SC1100', 'error', 'A word of a RUN that starts with a Unicode dash (an en dash, em dash, …) where an option was meant.'),
  url: 'https://www.shellcheck.net/wiki/SC1100',
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    for (const dash of mistakenDashes(node, text, windowsImage)) report({ start: dash.start, end: dash.end, message: message(dash) });
  },
  fixes(diagnostic: Diagnostic, doc: AnalyzedDocument) {
    const at = doc.text.offsetAt(diagnostic.range.start);
    const { here } = foundAgainAt(doc, at, mistakenDashes);
    // Two dashes are replaced together only where they stand side by side in the file too.
    if (!here || (here.dashes === 2 && !UNICODE_DASHES.has(doc.tree.charCodeAt(at + 1)))) return [];
    // The span is the first dash; a second one after it (`——link`) goes too (a line break between them is no option anyway).
    const write = (text: '-' | '--') => quickFix(`Write '${text}'`, doc, diagnostic, [{ start: at, end: at + here.dashes, text }], text === here.meant);
    return here.meant === '-' ? [write('-'), write('--')] : [write('--'), write('-')];
  },
};
