// A `!` line with no pattern above it to make an exception to. BuildKit tries an exclusion only on
// paths that a line above it already excluded, so one that comes before every other pattern brings
// nothing back: it was meant below the line it is an exception to (`!README.md` then `*.md`
// excludes README.md all the same). The fix moves it to the end of the file, below every pattern,
// where it wins over each.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { refusedLines } from '../checks/support/dockerignore';
import { DOCKERIGNORE_REFERENCE } from './reference';
import type { IgnoreFileRule } from './types';

export const exclusionFirst: IgnoreFileRule = {
  code: 'dockerignore-exclusion-first',
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'A ! line above every pattern it could make an exception to, which brings nothing back.',
  url: DOCKERIGNORE_REFERENCE,
  check(file, report) {
    // A bare `!` is refused outright (invalid-dockerignore).
    const refused = new Set(refusedLines(file.patterns).map((line) => line.offset));
    const excludes = file.patterns.some((line) => !line.pattern.startsWith('!'));
    const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    for (const line of file.patterns) {
      if (!line.pattern.startsWith('!')) return;
      if (refused.has(line.offset)) continue;
      // At the end of the file it comes after every line that excludes, and wins over each: the last line that matches decides.
      const start = file.lines[line.line].offset;
      const next = file.lines[line.line + 1]?.offset ?? file.text.length;
      const ending = file.text.endsWith('\n') ? '' : eol;
      report({
        start: line.offset,
        end: line.offset + line.written.length,
        message: `'${line.written}' brings nothing back: BuildKit applies a '!' line only to paths a line above it excludes, and no line above this one excludes anything. Move it below the line it is an exception to.`,
        ...(excludes
          ? {
              fixes: [
                {
                  title: 'Move it to the end of the file',
                  edits: [
                    { start, end: next, newText: '' },
                    { start: file.text.length, end: file.text.length, newText: `${ending}${line.written}${eol}` },
                  ],
                  preferred: true,
                },
              ],
            }
          : {}),
      });
    }
  },
};
