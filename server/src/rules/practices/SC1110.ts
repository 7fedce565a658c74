// SC1110: typographic double quotes (“ ” „) in a RUN's shell text, outside quotes. A word processor or
// web page puts them where `"` was typed, and the shell reads them as characters of a word, not as
// quotes: `bash -c “apt-get update && make”` runs `bash -c “apt-get`, then the rest of the line after
// `&&` in the outer shell. ShellCheck calls this SC1110 (hadolint reports it for RUN). Its single
// quotes (‘ ’) are left alone here: `’` is just as often an apostrophe (`echo It’s done`), which a
// straight quote would break. Inside quotes and comments they are text.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import type { InstructionNode, Span } from '../../syntax';
import { quickFix } from '../checks/support/fixes';
import { anyOf, describePasted } from '../pasted';
import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { foundAgainAt, unquotedChars } from './unquoted';

const CURLY_DOUBLE = new Set([0x201c, 0x201d, 0x201e]);
const MAY_HOLD = anyOf(CURLY_DOUBLE);

function curlyQuotes(node: InstructionNode, text: string, windowsImage: boolean): (Span & { readonly quote: number })[] {
  return unquotedChars(node, text, windowsImage, MAY_HOLD, (c) => CURLY_DOUBLE.has(c)).map(({ span, source, at }) => ({ ...span, quote: source.charCodeAt(at) }));
}

export const SC1110: InstructionRule = {
  ...practiceMeta('SC1110', 'warning', 'Typographic double quotes (“ ” „) in the shell text of a RUN, which the shell reads as characters, not as quotes.'),
  url: 'https://www.shellcheck.net/wiki/SC1110',
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    for (const quote of curlyQuotes(node, text, windowsImage)) {
      report({
        start: quote.start,
        end: quote.end,
        message: `This is ${describePasted(quote.quote)}, not a shell quote: the shell keeps it as a character of the word and splits the text it seems to quote at its spaces. It often comes with text copied from a web page or a document. Write '"' instead, or put it in single quotes to keep it as a character.`,
      });
    }
  },
  // All of the RUN's at once: a pair is fixed together, or the line quotes worse than before.
  fixes(diagnostic: Diagnostic, doc: AnalyzedDocument) {
    const at = doc.text.offsetAt(diagnostic.range.start);
    const { found: quotes, start, here } = foundAgainAt(doc, at, curlyQuotes);
    if (!here) return [];
    const edits = quotes.map((q) => ({ start: start + q.start, end: start + q.end, text: '"' }));
    // An even number pairs up into quoted strings; an odd one leaves a quote open, which is no fix to prefer.
    const title = quotes.length === 1 ? 'Write a straight double quote' : `Write straight double quotes for all ${quotes.length} of this RUN`;
    return [quickFix(title, doc, diagnostic, edits, quotes.length % 2 === 0)];
  },
};
