// A pattern BuildKit refuses, shown on the line of the `.dockerignore` itself (the Dockerfile's
// `invalid-dockerignore` shows it where a build first reads the context). Under the same code, so
// one setting turns both off. A bare `!` or a pattern Go's filepath.Match calls malformed fails
// every build that reads the file, as the client builds its matcher; a character class Go's
// regular expressions cannot compile fails once a path is matched against it.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { refusedLines } from '../checks/support/dockerignore';
import { DOCKERIGNORE_REFERENCE } from './reference';
import type { IgnoreFileRule } from './types';

export const invalidPattern: IgnoreFileRule = {
  code: 'invalid-dockerignore',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A .dockerignore pattern BuildKit refuses, which stops the builds that read the file.',
  url: DOCKERIGNORE_REFERENCE,
  check(file, report) {
    for (const refused of refusedLines(file.patterns)) {
      const consequence = refused.whenMatched
        ? 'A build that reads this file fails as soon as BuildKit matches a path of the context against this pattern (any path the lines above leave in).'
        : 'Every build that reads this file fails as the context is sent, before any instruction runs.';
      report({
        start: refused.offset,
        end: refused.offset + refused.written.length,
        message: `'${refused.written}' ${refused.reason}. ${consequence}`,
      });
    }
  },
};
