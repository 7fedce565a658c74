// An instruction keyword BuildKit does not know. Often a typo, or a shell command whose previous
// line lost its line continuation, or a keyword followed by a space pasted from a web page or a word
// processor (a no-break space), which BuildKit does not split words at: its blanks are ASCII.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { INSTRUCTIONS } from '../../facts';
import { KNOWN_INSTRUCTIONS } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { keywordCase, prefersLowerCase } from '../../services/keywordCase';
import { quickFix } from '../checks/support/fixes';
import { DOCKERFILE_REFERENCE } from './common';
import { UNICODE_SPACES, describePasted } from '../pasted';

/** A known keyword's letters followed by a space outside ASCII, which BuildKit does not split at. */
function pastedSpaceAfterKeyword(written: string): { keyword: string; space: number } | undefined {
  const letters = /^[A-Za-z]+/.exec(written)?.[0];
  if (!letters || !KNOWN_INSTRUCTIONS.has(letters.toUpperCase())) return undefined;
  const space = written.charCodeAt(letters.length);
  return UNICODE_SPACES.has(space) ? { keyword: letters, space } : undefined;
}

export const unknownInstruction: InstructionRule = {
  code: 'unknown-instruction',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An instruction keyword that does not exist.',
  url: DOCKERFILE_REFERENCE,
  check(node, report, escape) {
    if (KNOWN_INSTRUCTIONS.has(node.name)) return;
    const written = node.keyword.text;
    const pasted = pastedSpaceAfterKeyword(written);
    if (pasted) {
      report({
        start: node.keyword.start,
        end: node.keyword.end,
        message:
          `Unknown instruction "${written}": the character after ${pasted.keyword} is ${describePasted(pasted.space)}, which looks like a space ` +
          'but is none to BuildKit, so the whole run of text is read as one keyword. Replace it with a plain space.',
        data: { unicodeSpaces: true },
      });
      return;
    }
    const match = suggest(written, INSTRUCTIONS.map((i) => i.name));
    if (match) {
      report({
        start: node.keyword.start,
        end: node.keyword.end,
        message: `Unknown instruction "${written}". Did you mean ${match.value}?`,
        data: { keyword: match.value, preferred: match.unique },
      });
      return;
    }
    report({
      start: node.keyword.start,
      end: node.keyword.end,
      message:
        `Unknown instruction "${written}". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; ` +
        `if this line belongs to the instruction above, end that line with ${escape} to continue it.`,
    });
  },
  // The keyword in the case the rest of the file writes keywords in (known only with the file).
  // Pasted spaces become plain ones (each of them in the word, as the shell would not split at them either).
  fixes(diagnostic, doc) {
    const { keyword, preferred, unicodeSpaces } = (diagnostic.data ?? {}) as { keyword?: string; preferred?: boolean; unicodeSpaces?: boolean };
    const start = doc.text.offsetAt(diagnostic.range.start);
    const end = doc.text.offsetAt(diagnostic.range.end);
    if (unicodeSpaces) {
      const written = doc.text.getText(diagnostic.range);
      const edits: { start: number; end: number; text: string }[] = [];
      for (let i = 0; i < written.length; i++) if (UNICODE_SPACES.has(written.charCodeAt(i))) edits.push({ start: start + i, end: start + i + 1, text: ' ' });
      return edits.length ? [quickFix(edits.length === 1 ? 'Replace with a plain space' : 'Replace with plain spaces', doc, diagnostic, edits, true)] : [];
    }
    if (!keyword) return [];
    const replacement = keywordCase(keyword, prefersLowerCase(doc, doc.tree.nodeIndexAt(start)));
    return [quickFix(`Change to ${replacement}`, doc, diagnostic, [{ start, end, text: replacement }], preferred === true)];
  },
};
