// Code actions: the quick fixes for our diagnostics, and one refactoring (runAsHeredoc.ts). Each rule offers its own fixes (Rule.fixes),
// found by the diagnostic's code; every build check also offers to skip it for the instruction
// or for the file, and every best practice to ignore it for the instruction (hadolint's pragma).
// Fixes are computed on the current version of the document: a diagnostic is acted on only when its
// rule (its code), run again, finds a problem at its range (with the data it has now), so a diagnostic
// from an older version, which an editor may send, yields nothing rather than a wrong edit. The message
// is not required to match: editors may prefix, wrap or cut it.
// Fix All (`source.fixAll.dockerfile`, what `editor.codeActionsOnSave` runs) is `fixAll.ts`, offered
// only when asked for by kind.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { getRule } from '../rules';
import type { Settings } from '../settings';
import { checkFrontend, checkMode } from '../rules/pinnedChecks';
import { ignoreForInstruction } from '../rules/practices/pragmas';
import { DIAGNOSTIC_SOURCE, problemNow } from './diagnostics';
import type { AnalyzedDocument } from './document';
import { FIX_ALL_KIND, fixAllAction } from './fixAll';
import { runAsHeredocAction } from './runAsHeredoc';
import { skipForFile, skipForInstruction } from './skipCheck';

export interface CodeActionRequest {
  /** The diagnostics the editor sends for the range (LSP CodeActionContext.diagnostics). */
  readonly diagnostics: readonly Diagnostic[];
  /** CodeActionContext.only: the kinds the editor asks for. */
  readonly only?: readonly string[];
  /** The range the actions are for (the cursor or selection): refactorings apply to the instruction at its start. */
  readonly range?: Range;
  /** The `.dockerignore` text the diagnostics were computed with (DiagnosticsOptions.dockerignore). */
  readonly dockerignore?: string;
  /** The settings the document's diagnostics are computed with: Fix All fixes what they report. */
  readonly settings?: Settings;
}

/** Whether `kind` is one of the requested kinds (kinds are hierarchical: `quickfix` covers `quickfix.x`). */
export function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((requested) => requested === '' || kind === requested || kind.startsWith(requested + '.'));
}

/**
 * The actions in the order first offered, one for each title and edit: several diagnostics sent together
 * (a selection over a line or the file) often get the same one, say "Skip UndefinedVar for this instruction"
 * for two variables of a COPY, or "Skip X in this file" for every X; it is offered once, naming them all.
 */
class ActionList {
  readonly actions: CodeAction[] = [];
  private readonly byKey = new Map<string, CodeAction>();

  add(action: CodeAction): void {
    const key = JSON.stringify([action.title, action.kind, action.edit]);
    const same = this.byKey.get(key);
    if (!same) {
      this.byKey.set(key, action);
      this.actions.push(action);
    } else if (action.diagnostics) {
      same.diagnostics = [...(same.diagnostics ?? []), ...action.diagnostics];
      if (action.isPreferred) same.isPreferred = true;
    }
  }
}

/** Whether a request for these kinds gets Fix All: only when asked for by kind (`source`, `source.fixAll`, …). */
export function asksForFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && wanted(FIX_ALL_KIND, only);
}

export function getCodeActions(doc: AnalyzedDocument, request: CodeActionRequest): CodeAction[] {
  const actions = wanted(CodeActionKind.QuickFix, request.only) ? quickFixes(doc, request) : [];
  if (request.range && wanted(CodeActionKind.RefactorRewrite, request.only)) {
    const rewrite = runAsHeredocAction(doc, doc.text.offsetAt(request.range.start));
    if (rewrite) actions.push(rewrite);
  }
  // Only when asked for by kind: a lightbulb request names none, and comes at every move of the
  // cursor, which should not pay for the whole file's diagnostics.
  if (asksForFixAll(request.only)) {
    const fixAll = fixAllAction(doc, request);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

function quickFixes(doc: AnalyzedDocument, request: CodeActionRequest): CodeAction[] {
  const list = new ActionList();
  for (const sent of request.diagnostics) {
    // Another tool's diagnostic is not ours to fix; one whose source the editor dropped may be.
    if ((sent.source !== undefined && sent.source !== DIAGNOSTIC_SOURCE) || typeof sent.code !== 'string') continue;
    const rule = getRule(sent.code);
    if (!rule) continue;
    const problem = problemNow(doc, rule, sent, request);
    if (!problem) continue;
    // The editor's diagnostic (actions name it), with what the rule says of it now.
    const { data: _sentData, ...rest } = sent;
    const diagnostic: Diagnostic = problem.data === undefined ? rest : { ...rest, data: problem.data };
    if (rule.fixes) {
      try {
        for (const action of rule.fixes(diagnostic, doc)) list.add(action);
      } catch {
        // A fix that cannot be computed (say, for a diagnostic from an older version) is left out.
      }
    }
    // Experimental checks ignore `skip` in BuildKit, so skipping them would do nothing; nor would
    // a comment above the instruction under a frontend that predates them.
    const frontend = rule.kind === 'check' ? checkFrontend(doc.tree) : undefined;
    if (frontend && checkMode(frontend, rule.code, rule.experimental === true) === 'on') {
      const local = frontend.readsInstructionComments ? skipForInstruction(doc, diagnostic, rule.code) : undefined;
      if (local) list.add(local);
      const file = skipForFile(doc, diagnostic, rule.code, frontend.optionSyntax);
      if (file) list.add(file);
    }
    if (rule.kind === 'practice') {
      const ignore = ignoreForInstruction(doc, diagnostic, rule.code);
      if (ignore) list.add(ignore);
    }
  }
  return list.actions;
}
