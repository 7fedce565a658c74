// Text meant as a comment that BuildKit reads as part of a pattern. A `.dockerignore` line is a
// comment only when `#` is its very first character, tested before the line is trimmed; there are
// no comments after a pattern. So `  # build output` is the pattern `# build output` (harmless, but
// not a comment), and `node_modules  # dependencies` is one pattern, spaces and all, which matches
// no path: `node_modules` goes to the builder after all.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { DOCKERIGNORE_REFERENCE } from './reference';
import type { IgnoreFileRule } from './types';

/** White space then `#`, after the start of a pattern: a comment that is none. */
const TRAILING_COMMENT = /[ \t]+#/;

export const notAComment: IgnoreFileRule = {
  code: 'dockerignore-not-a-comment',
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'A # that does not start its .dockerignore line, which BuildKit reads as part of a pattern.',
  url: DOCKERIGNORE_REFERENCE,
  check(file, report) {
    const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    // Comment lines are no patterns: a pattern that starts with `#` is an indented comment.
    for (const { written, offset: start, line: index } of file.patterns) {
      const line = file.lines[index];
      if (written.startsWith('#')) {
        report({
          start,
          end: start + written.length,
          message: `BuildKit reads a comment only where '#' is the first character of the line, so this indented line is the pattern '${written}'. Remove the indentation to make it a comment.`,
          fixes: [{ title: 'Remove the indentation', edits: [{ start: line.offset, end: start, newText: '' }], preferred: true }],
        });
        continue;
      }
      const match = TRAILING_COMMENT.exec(written);
      if (!match) continue;
      const meant = written.slice(0, match.index);
      const hash = match.index + match[0].length - 1;
      const comment = written.slice(hash);
      const effect = meant.startsWith('!') ? `'${meant.slice(1)}' is not brought back` : `'${meant}' is not excluded`;
      const indent = line.text.slice(0, start - line.offset);
      report({
        start: start + hash,
        end: start + written.length,
        message: `'#' starts a comment only at the start of a line: BuildKit reads this whole line as the pattern '${written}', so ${effect}. Move the comment to a line of its own.`,
        fixes: [
          {
            title: 'Move the comment to the line above',
            edits: [
              { start: line.offset, end: line.offset, newText: `${indent}${comment}${eol}` },
              { start: start + match.index, end: start + written.length, newText: '' },
            ],
            preferred: true,
          },
        ],
      });
    }
  },
};
