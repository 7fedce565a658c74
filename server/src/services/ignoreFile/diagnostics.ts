// The diagnostics of a `.dockerignore` document: each rule of rules/dockerignore, with the user's
// severities applied as to a Dockerfile's.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IGNORE_FILE_RULES, type IgnoreFileProblem, type IgnoreFileRule } from '../../rules/dockerignore';
import type { Settings } from '../../settings';
import { DIAGNOSTIC_SOURCE, withUserSeverity } from '../diagnostics';
import { readIgnoreFileText } from './file';

/** The problems `rule` finds in the document's current text. */
export function ignoreFileProblems(rule: IgnoreFileRule, document: TextDocument): IgnoreFileProblem[] {
  const problems: IgnoreFileProblem[] = [];
  rule.check(readIgnoreFileText(document.getText()), (problem) => problems.push(problem));
  return problems;
}

export function getIgnoreFileDiagnostics(document: TextDocument, settings: Settings): Diagnostic[] {
  if (!settings.diagnostics.enable) return [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of IGNORE_FILE_RULES) {
    for (const problem of ignoreFileProblems(rule, document)) {
      const diagnostic = withUserSeverity(
        {
          range: { start: document.positionAt(problem.start), end: document.positionAt(problem.end) },
          severity: rule.defaultSeverity,
          code: rule.code,
          codeDescription: { href: rule.url },
          source: DIAGNOSTIC_SOURCE,
          message: problem.message,
        },
        settings,
      );
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
