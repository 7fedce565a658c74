// Building quick fixes: a code action of kind quickfix with edits in the current document.

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { rangeOf, type AnalyzedDocument } from '../../../services/document';

/** A replacement in document offsets. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export function quickFix(title: string, doc: AnalyzedDocument, diagnostic: Diagnostic, edits: readonly OffsetEdit[], isPreferred = false): CodeAction {
  const textEdits: TextEdit[] = edits.map((edit) => ({ range: rangeOf(doc, edit.start, edit.end), newText: edit.text }));
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: textEdits } },
    ...(isPreferred ? { isPreferred: true } : {}),
  };
}

/** The line break the document uses (the first one found), for inserted lines. */
export function lineBreakOf(doc: AnalyzedDocument): string {
  const text = doc.text.getText();
  const newline = text.indexOf('\n');
  return newline > 0 && text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
}

/**
 * The fix of UndefinedVar and UndefinedArgInFrom: the misspelt name replaced by the suggestion
 * their diagnostic carries (`data: { name, suggestion }`).
 */
export function renameVariableFix(diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const { name, suggestion } = (diagnostic.data ?? {}) as { name?: string; suggestion?: string };
  if (!name || !suggestion) return [];
  const use = doc.model.useAt(doc.text.offsetAt(diagnostic.range.start));
  if (!use || use.name !== name) return [];
  return [quickFix(`Change to '$${suggestion}'`, doc, diagnostic, [{ ...use.nameSpan, text: suggestion }], true)];
}
