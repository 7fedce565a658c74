// A `!` line with no pattern above it to make an exception to. BuildKit tries an exclusion only on
// paths that a line above it already excluded, so one that comes before every other pattern brings
// nothing back: it was meant below the line it is an exception to (`!README.md` then `*.md`
// excludes README.md all the same).

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
    for (const line of file.patterns) {
      if (!line.pattern.startsWith('!')) return;
      if (refused.has(line.offset)) continue;
      report({
        start: line.offset,
        end: line.offset + line.written.length,
        message: `'${line.written}' brings nothing back: BuildKit applies a '!' line only to paths a line above it excludes, and no line above this one excludes anything. Move it below the line it is an exception to.`,
      });
    }
  },
};
