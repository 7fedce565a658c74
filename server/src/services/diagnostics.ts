// Diagnostics: what BuildKit's parser rejects (syntax errors). Rules add to this list.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { rangeOf, type AnalyzedDocument } from './document';

export const DIAGNOSTIC_SOURCE = 'dockerfile-lsp';

export function getSyntaxDiagnostics(doc: AnalyzedDocument): Diagnostic[] {
  return doc.tree.errors().map((error) => ({
    range: rangeOf(doc, error.start, error.end),
    severity: DiagnosticSeverity.Error,
    code: error.code,
    source: DIAGNOSTIC_SOURCE,
    message: error.message,
  }));
}
