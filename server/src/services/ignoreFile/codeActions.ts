// Quick fixes for the diagnostics of a `.dockerignore` document. As for a Dockerfile
// (services/codeActions.ts), a diagnostic is acted on only when its rule, run on the current text,
// finds a problem at its range: one from an older version yields nothing rather than a wrong edit.

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { IGNORE_FILE_RULES } from '../../rules/dockerignore';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { ignoreFileProblems } from './diagnostics';

function wanted(only: readonly string[] | undefined): boolean {
  return !only || only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(kind + '.'));
}

export function getIgnoreFileCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[] {
  if (!wanted(only)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== undefined && diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const rule = IGNORE_FILE_RULES.find((r) => r.code === diagnostic.code);
    if (!rule) continue;
    const start = document.offsetAt(diagnostic.range.start);
    const end = document.offsetAt(diagnostic.range.end);
    const problem = ignoreFileProblems(rule, document).find((p) => p.start === start && p.end === end);
    for (const fix of problem?.fixes ?? []) {
      const edits = fix.edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, newText: e.newText }));
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [document.uri]: edits } } };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
