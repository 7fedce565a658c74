// A word that would be a flag but for its first character: `COPY –from=build /app /app`, with an en
// dash (or an em dash, a minus sign, …) where `--` was written, as editors and web pages turn it. BuildKit
// takes flags only from words that start with ASCII's `--`, and stops at the first other word, so
// this one is an argument: a source path COPY and ADD do not find, an image name or an argument too
// many for FROM, a type HEALTHCHECK does not know. The build fails either way, often with a message
// about the argument rather than the dash. A warning, as BuildKit itself does not refuse the word: a
// COPY fails only when the context has no file of that name (FROM and HEALTHCHECK are refused by the
// rules about their arguments). Reported for the words before the arguments that name a flag of the
// instruction; a RUN's are SC1100's, which reads its shell text.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getFlag, getInstruction } from '../../facts';
import { dashedFlag, describePasted } from '../pasted';
import type { InstructionRule } from '../types';
import { DOCKERFILE_REFERENCE, fixesFromData, spanInToken, withFixes } from './common';

/** The instructions whose flags BuildKit reads (ARG and STOPSIGNAL take none and ignore them), but RUN. */
function readsFlags(name: string): boolean {
  return name !== 'RUN' && name !== 'ARG' && name !== 'STOPSIGNAL' && (getInstruction(name)?.flags.length ?? 0) > 0;
}

export const unicodeDashFlag: InstructionRule = {
  code: 'unicode-dash-flag',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'A flag written with an en dash, em dash or other Unicode dash instead of --, which BuildKit reads as an argument.',
  url: DOCKERFILE_REFERENCE,
  check(node, report) {
    if (!readsFlags(node.name) || node.json) return;
    // Flags end at the first word that is none: only the words up to there could have been meant as flags.
    for (const word of node.argList) {
      const flag = dashedFlag(word.text);
      if (!flag || !getFlag(node.name, flag.name)) return;
      const written = word.text.slice(0, flag.dashes);
      const span = spanInToken(node, word, 0, flag.dashes);
      const direct = span.end - span.start === flag.dashes;
      report({
        start: word.start,
        end: word.end,
        message:
          `'${word.text}' looks like the flag --${flag.name}, but it starts with ${describePasted(word.text.charCodeAt(0))}, not "--", ` +
          `so BuildKit reads it as an argument of ${node.name}. It often comes with text copied from a web page or a document. Write '--' instead of '${written}'.`,
        data: withFixes(direct ? { title: `Write '--${flag.name}'`, newText: '--', offset: 0, length: flag.dashes, preferred: true } : undefined),
      });
    }
  },
  fixes: fixesFromData,
};
