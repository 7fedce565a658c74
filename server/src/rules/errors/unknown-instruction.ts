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

/** Characters that look like a space (or nothing) but are no blank to BuildKit. */
const UNICODE_SPACES = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;
/** A known keyword's letters followed by one of those. */
const KEYWORD_THEN_UNICODE_SPACE = /^([A-Za-z]+)([\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff])/;

function spaceName(c: string): string {
  const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  switch (c) {
    case '\u00a0':
      return `a no-break space (${code})`;
    case '\u202f':
      return `a narrow no-break space (${code})`;
    case '\u200b':
      return `a zero-width space (${code})`;
    case '\ufeff':
      return `a zero-width no-break space (${code})`;
    default:
      return `a Unicode space (${code})`;
  }
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
    const pasted = KEYWORD_THEN_UNICODE_SPACE.exec(written);
    if (pasted && KNOWN_INSTRUCTIONS.has(pasted[1].toUpperCase())) {
      report({
        start: node.keyword.start,
        end: node.keyword.end,
        message:
          `Unknown instruction "${written}": the character after ${pasted[1]} is ${spaceName(pasted[2])}, which looks like a space ` +
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
      const edits = [...doc.text.getText(diagnostic.range).matchAll(UNICODE_SPACES)].map((m) => ({ start: start + m.index, end: start + m.index + 1, text: ' ' }));
      return edits.length ? [quickFix(edits.length === 1 ? 'Replace with a plain space' : 'Replace with plain spaces', doc, diagnostic, edits, true)] : [];
    }
    if (!keyword) return [];
    const replacement = keywordCase(keyword, prefersLowerCase(doc, doc.tree.nodeIndexAt(start)));
    return [quickFix(`Change to ${replacement}`, doc, diagnostic, [{ start, end, text: replacement }], preferred === true)];
  },
};
