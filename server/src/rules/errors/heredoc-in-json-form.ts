// COPY or ADD in the JSON form with a source written as a heredoc marker (`COPY ["<<EOF", "/x"]`).
// The parser opens no heredoc in the JSON form, so the lines that follow are instructions; but the
// instruction still asks of each source whether it is a marker (parseSourcesAndDest), finds no body
// for it, and copies an empty file named after it. BuildKit builds that without a word, so a
// warning; the destination is heredoc-destination's.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { heredocSourceName } from '../../syntax';
import type { InstructionRule } from '../types';

export const heredocInJsonForm: InstructionRule = {
  code: 'heredoc-in-json-form',
  kind: 'error',
  scope: 'instruction',
  // BuildKit builds the step: the image gets an empty file.
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'COPY or ADD in the JSON form with a heredoc marker as a source, which copies an empty file.',
  url: 'https://docs.docker.com/reference/dockerfile/#here-documents',
  check(node, report) {
    const owner = node.name === 'ONBUILD' ? node.trigger : node;
    if ((owner?.name !== 'COPY' && owner?.name !== 'ADD') || !owner.json) return;
    const args = owner.argList;
    const dest = args[args.length - 1];
    for (let i = 0; i < args.length - 1; i++) {
      const source = args[i];
      const name = heredocSourceName(source.text);
      if (name === undefined) continue;
      // The shell form splits at white space: the marker in one word, and a destination without blanks.
      const marker = source.text.replace(/^(\d*<<-?)\s+/, '$1');
      const destination = /\s/.test(dest.text) ? '<destination>' : dest.text;
      report({
        start: source.start,
        end: source.end,
        message: `The JSON form has no heredocs: ${owner.name} copies an empty file named "${name}" here, and the lines after it are instructions. For a heredoc, use the shell form: ${owner.name} ${marker} ${destination}, then the body and a line "${name}".`,
      });
    }
  },
};
