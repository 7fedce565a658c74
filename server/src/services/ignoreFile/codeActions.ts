// Code actions of a `.dockerignore` document: the quick fixes for its diagnostics and one
// refactoring. As for a Dockerfile (services/codeActions.ts), a diagnostic is acted on only when its
// rule, run on the current text, finds a problem at its range: one from an older version yields
// nothing rather than a wrong edit. The refactoring makes a pattern that matches at the root of the
// context only (`node_modules`) match in every folder (`**/node_modules`), what a .gitignore habit meant.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EVERYTHING } from '../../rules/checks/support/dockerignore';
import { IGNORE_FILE_RULES } from '../../rules/dockerignore';
import { wanted } from '../codeActions';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { ignoreFileProblems } from './diagnostics';
import { patternAt, readIgnoreFileText } from './file';

export const EVERY_FOLDER_TITLE = 'Match in every folder (**/)';

export function getIgnoreFileCodeActions(document: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[], range?: Range): CodeAction[] {
  const actions = wanted(CodeActionKind.QuickFix, only) ? quickFixes(document, diagnostics) : [];
  const everyFolder = range && wanted(CodeActionKind.RefactorRewrite, only) ? everyFolderAction(document, range) : undefined;
  if (everyFolder) actions.push(everyFolder);
  return actions;
}

// `**` and a slash before the pattern on the line `range` starts on, when it has no `/` (so BuildKit
// matches it at the context's root only) and is no wildcard over everything.
function everyFolderAction(document: TextDocument, range: Range): CodeAction | undefined {
  const offset = document.offsetAt(range.start);
  const line = patternAt(readIgnoreFileText(document.getText()), offset);
  if (!line || line.written.includes('\\')) return undefined;
  const exclusion = line.pattern.startsWith('!');
  const pattern = exclusion ? line.pattern.slice(1) : line.pattern;
  if (pattern === '' || pattern.includes('/') || pattern.startsWith('**') || EVERYTHING.has(pattern) || pattern === '.') return undefined;
  // After the `!` and the blanks BuildKit trims after it, and any `/` or `./` it cleans away.
  const written = line.written;
  let at = exclusion ? 1 : 0;
  while (at < written.length && /\s/.test(written[at])) at++;
  const rest = written.slice(at);
  const lead = /^(\.?\/)*/.exec(rest)![0].length;
  const start = document.positionAt(line.offset + at);
  const end = document.positionAt(line.offset + at + lead);
  return {
    title: EVERY_FOLDER_TITLE,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [document.uri]: [{ range: { start, end }, newText: '**/' }] } },
  };
}

function quickFixes(document: TextDocument, diagnostics: readonly Diagnostic[]): CodeAction[] {
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
