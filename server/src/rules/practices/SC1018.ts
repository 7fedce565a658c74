// SC1018: a no-break space (U+00A0) in the shell text of a RUN, outside quotes. It looks like a
// space, and comes with commands copied from a web page or a document, but a POSIX shell splits words
// at ASCII blanks only: `apt-get<U+00A0>install` is one word, a command that does not exist, and the
// build fails with "not found" on a line that looks right. ShellCheck calls this SC1018 (hadolint
// reports it with that code for shell-form RUN); it is an error there and a warning here, as for
// every best practice. Inside quotes and comments it is text, and it is left alone there
// (`unquoted.ts` reads the shell text).

import type { Diagnostic } from 'vscode-languageserver-types';
import type { InstructionNode, Span } from '../../syntax';
import type { AnalyzedDocument } from '../../services/document';
import { quickFix } from '../checks/support/fixes';
import type { InstructionRule } from '../types';
import { anyOf } from '../pasted';
import { practiceMeta } from './meta';
import { foundAgainAt, isWordBreak, unquotedChars } from './unquoted';

const NO_BREAK_SPACE = 0xa0;
const MAY_HOLD = anyOf([NO_BREAK_SPACE]);

/** A no-break space as the rule reports it: its span in the node's text, and the words it joins. */
interface Joined extends Span {
  readonly before: string;
  readonly after: string;
}

/** Word characters, for the words a no-break space joins (other no-break spaces end them). */
const inWord = (c: number) => !isWordBreak(c) && c !== NO_BREAK_SPACE;

/**
 * Every run of unquoted no-break spaces a shell reads in a RUN or ONBUILD RUN (`text`: the node's
 * text), in order: side by side in the file, they are one diagnostic.
 */
function noBreakSpaces(node: InstructionNode, text: string, windowsImage: boolean): Joined[] {
  const out: Joined[] = [];
  for (const { span, source, at, from, to } of unquotedChars(node, text, windowsImage, MAY_HOLD, (c) => c === NO_BREAK_SPACE)) {
    const last = out[out.length - 1];
    if (last && last.end === span.start) {
      out[out.length - 1] = { ...last, end: span.end, after: word(source, at + 1, to, 1) };
      continue;
    }
    out.push({ ...span, before: word(source, at, from, -1), after: word(source, at + 1, to, 1) });
  }
  return out;
}

/** The word characters of `source` from `at` on (`step` 1) or before it (`step` -1), up to `bound`. */
function word(source: string, at: number, bound: number, step: 1 | -1): string {
  let end = at;
  if (step === 1) {
    while (end < bound && inWord(source.charCodeAt(end))) end++;
    return source.slice(at, end);
  }
  while (end > bound && inWord(source.charCodeAt(end - 1))) end--;
  return source.slice(end, at);
}

function message({ before, after }: Joined): string {
  const joins = before && after ? `, so '${before}' and '${after}' run together as one word` : ', so it is part of a word';
  return `This is a no-break space (U+00A0), not a plain one: the shell does not split words at it${joins}. It often comes with text copied from a web page. Replace it with a plain space.`;
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
    const { found: spaces, start, here } = foundAgainAt(doc, at, noBreakSpaces);
    if (!here) return [];
    const plain = (s: Span) => ({ start: start + s.start, end: start + s.end, text: ' '.repeat(s.end - s.start) });
    const fixes = [quickFix(here.end - here.start === 1 ? 'Replace with a plain space' : 'Replace with plain spaces', doc, diagnostic, [plain(here)], true)];
    if (spaces.length > 1) fixes.push(quickFix('Replace every no-break space of this RUN with a plain one', doc, diagnostic, spaces.map(plain)));
    return fixes;
  },
};
