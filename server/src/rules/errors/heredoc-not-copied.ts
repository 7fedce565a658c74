// COPY or ADD with white space after `<<` (`COPY << EOF /x`). Since frontend 1.16 the parser reads
// the lines that follow as the heredoc's body, but the instruction splits its arguments at white
// space and tells a heredoc source from a path one argument at a time: `<<` and `EOF` are then two
// paths in the build context, and the body is dropped. BuildKit does not refuse it; the copy fails
// when the context has no such files, so a warning, with the marker written without the space as
// the fix. (In RUN the shell reads the whole line, so `<< EOF` works there.)

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { isCopiedHeredoc } from '../../syntax';
import type { InstructionRule } from '../types';
import { fixesFromData, withFixes } from './common';

/** `<<` and the name on one line, with only blanks between: what the fix can join. */
const JOINABLE = /^(\d*<<)[ \t]+(\S+)$/;

export const heredocNotCopied: InstructionRule = {
  code: 'heredoc-not-copied',
  kind: 'error',
  scope: 'instruction',
  // BuildKit builds the step; it fails when the context lacks files named `<<` and the marker's name.
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'COPY or ADD with white space after <<, which takes the marker for two paths and drops the heredoc.',
  url: 'https://docs.docker.com/reference/dockerfile/#here-documents',
  check(node, report, _escape, text) {
    const owner = node.name === 'ONBUILD' ? node.trigger : node;
    if (owner?.name !== 'COPY' && owner?.name !== 'ADD') return;
    for (const heredoc of node.heredocs) {
      if (isCopiedHeredoc(heredoc)) continue;
      const marker = text.slice(heredoc.marker.start, heredoc.marker.end);
      const joined = JOINABLE.exec(marker);
      const opener = /^\d*<</.exec(marker)?.[0] ?? '<<';
      const written = joined ? joined[1] + joined[2] : `${opener}${heredoc.name}`;
      report({
        start: heredoc.marker.start,
        end: heredoc.marker.end,
        message: `${owner.name} does not copy this heredoc: it splits "${marker.replace(/\s+/g, ' ')}" at the white space into two paths in the build context, "${opener}" and "${heredoc.name}", and drops the body. Write ${written}.`,
        data: withFixes(joined ? { title: `Change to ${written}`, newText: written, preferred: true } : undefined),
      });
    }
  },
  fixes: fixesFromData,
};
