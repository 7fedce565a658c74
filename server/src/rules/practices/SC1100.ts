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
import { UNICODE_DASHES, describePasted } from '../pasted';
import { foundAgainAt, isWordBreak, unquotedChars } from './unquoted';

const MAY_HOLD = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;

/** A dash that starts a word, with the rest of its word and the ASCII it most likely stood for. */
interface MistakenDash {
  readonly start: number;
  readonly end: number;
  readonly dash: number;
  readonly word: string;
  readonly meant: '-' | '--';
  /** A RUN flag (`–mount=…` before the command), which BuildKit reads only after `--`. */
  readonly runFlag?: string;
}

/** What a letter, digit or dash after the dash makes an option of. */
function startsOption(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || UNICODE_DASHES.has(c);
}

/**
 * What the dash most likely replaced, from the rest of the word: one hyphen before a hyphen (`–-pull`
 * lost one of two), a long option's two before a word with `-` or `=` (`–no-cache`, `–only=prod`) or of
 * five letters or more (`–quiet`), and one before a short cluster (`–y`, `–rf`, `–eux`, `–fsSL`).
 */
function likelyMeant(rest: string): '-' | '--' {
  if (rest.startsWith('-') || UNICODE_DASHES.has(rest.charCodeAt(0))) return '-';
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
    const rest = source.slice(at + 1, end);
    const word = source.slice(at, end);
    const name = /^-?([a-z]+)(=|$)/.exec(rest)?.[1];
    const runFlag = commandLine && (at === from || at === flagsFrom) && name !== undefined && getFlag('RUN', name) ? name : undefined;
    if (runFlag) {
      flagsFrom = end;
      while (flagsFrom < to && (source.charCodeAt(flagsFrom) === 0x20 || source.charCodeAt(flagsFrom) === 0x09)) flagsFrom++;
    }
    out.push({ ...span, dash: source.charCodeAt(at), word, meant: runFlag ? (rest.startsWith('-') ? '-' : '--') : likelyMeant(rest), ...(runFlag ? { runFlag } : {}) });
  }
  return out;
}

function message({ dash, word, meant, runFlag }: MistakenDash): string {
  if (runFlag) {
    return `This is ${describePasted(dash)}, not "--", so '${word}' is not RUN's flag --${runFlag}: BuildKit takes it for the start of the command, which the shell then runs. It often comes with text copied from a web page or a document. Write '${meant}' instead.`;
  }
  const option = meant + word.slice(1);
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
    const { found, start } = foundAgainAt(doc, at, mistakenDashes);
    const here = found.find((d) => start + d.start === at);
    if (!here) return [];
    const write = (text: '-' | '--') => quickFix(`Write '${text}'`, doc, diagnostic, [{ start: at, end: at + 1, text }], text === here.meant);
    return here.meant === '-' ? [write('-'), write('--')] : [write('--'), write('-')];
  },
};
