// Code actions: the quick fixes for our diagnostics. Each rule offers its own fixes (Rule.fixes),
// found by the diagnostic's code; every build check also offers to skip it for the instruction
// or for the file, and every best practice to ignore it for the instruction (hadolint's pragma).
// Fixes are computed on the current version of the document: a diagnostic is acted on only when its
// rule (its code), run again, finds a problem at its range (with the data it has now), so a diagnostic
// from an older version, which an editor may send, yields nothing rather than a wrong edit. The message
// is not required to match: editors may prefix, wrap or cut it.
// Fix All (`source.fixAll.dockerfile`, what `editor.codeActionsOnSave` runs) applies at once the
// preferred fix of every diagnostic whose rule says that fix only rewrites how the file is written
// (Rule.fixAll).

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { getRule } from '../rules';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { checkFrontend, checkMode } from '../rules/pinnedChecks';
import { ignoreForInstruction } from '../rules/practices/pragmas';
import { branchDiagnosticsCache, DIAGNOSTIC_SOURCE, getDiagnostics, problemNow } from './diagnostics';
import type { TextEdit as SyntaxTextEdit } from '../syntax';
import { analyzedDocument, rangeOf, type AnalyzedDocument } from './document';
import { treeTextDocument } from './treeTextDocument';
import { skipForFile, skipForInstruction } from './skipCheck';

export interface CodeActionRequest {
  /** The diagnostics the editor sends for the range (LSP CodeActionContext.diagnostics). */
  readonly diagnostics: readonly Diagnostic[];
  /** CodeActionContext.only: the kinds the editor asks for. */
  readonly only?: readonly string[];
  /** The `.dockerignore` text the diagnostics were computed with (DiagnosticsOptions.dockerignore). */
  readonly dockerignore?: string;
  /** The settings the document's diagnostics are computed with: Fix All fixes what they report. */
  readonly settings?: Settings;
}

/** The kind of the Fix All action: editors ask for `source.fixAll` (on save) or `source` (a menu). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerfile`;
export const FIX_ALL_TITLE = 'Fix all auto-fixable Dockerfile problems';

/** Whether `kind` is one of the requested kinds (kinds are hierarchical: `quickfix` covers `quickfix.x`). */
function wanted(kind: string, only: readonly string[] | undefined): boolean {
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

/** Fix All runs again on its own result until nothing is left to fix, this many times at most. */
const FIX_ALL_PASSES = 10;

/**
 * Two edits that touch the same text, or insert where the other replaces, cannot both be applied
 * in one edit (LSP forbids overlapping edits): the later fix waits for the next pass.
 */
function overlaps(a: SyntaxTextEdit, b: SyntaxTextEdit): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Where `edit` goes among `sorted` (sorted by start and apart): the index of the first that starts after it. */
function insertionPoint(sorted: readonly SyntaxTextEdit[], edit: SyntaxTextEdit): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]!.start <= edit.start) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One pass of Fix All: the preferred fix of every problem this version's diagnostics report whose
 * rule marks it Fix All, in offsets, leaving out a fix that overlaps one taken before it. Sorted by
 * start: the taken edits are apart, so only the neighbours of where an edit goes can overlap it.
 */
function fixAllPass(doc: AnalyzedDocument, request: CodeActionRequest): SyntaxTextEdit[] {
  const taken: SyntaxTextEdit[] = [];
  for (const diagnostic of getDiagnostics(doc, request.settings ?? DEFAULT_SETTINGS, { dockerignore: request.dockerignore })) {
    const rule = typeof diagnostic.code === 'string' ? getRule(diagnostic.code) : undefined;
    if (!rule?.fixAll || !rule.fixes) continue;
    let fixEdits: TextEdit[] | undefined;
    try {
      fixEdits = rule.fixes(diagnostic, doc).find((action) => action.isPreferred)?.edit?.changes?.[doc.uri];
    } catch {
      continue;
    }
    if (!fixEdits?.length) continue;
    const edits = fixEdits.map((edit) => ({ start: doc.text.offsetAt(edit.range.start), end: doc.text.offsetAt(edit.range.end), text: edit.newText }));
    const clashes = (edit: SyntaxTextEdit, i: number) =>
      edits.some((other, j) => j !== i && overlaps(edit, other)) ||
      [-1, 0].some((k) => {
        const other = taken[insertionPoint(taken, edit) + k];
        return other !== undefined && overlaps(edit, other);
      });
    if (edits.some(clashes)) continue;
    for (const edit of edits) taken.splice(insertionPoint(taken, edit), 0, edit);
  }
  return taken;
}

/**
 * Adds `change`, in offsets of the text `done` makes of the original, to `done` (edits of the
 * original, sorted and apart). Edits it overlaps or touches merge into one, whose text `current`
 * (a slice of the current text) supplies.
 */
export function composeEdit(done: readonly SyntaxTextEdit[], change: SyntaxTextEdit, current: (from: number, to: number) => string): SyntaxTextEdit[] {
  return composeEdits(done, [change], current);
}

/**
 * Adds `changes` (edits of the current text, the one `done` makes of the original, sorted and
 * apart), to `done` (edits of the original, sorted and apart), in one walk over both. Edits that
 * overlap or touch merge into one, whose text `current` (a slice of the current text) supplies.
 */
export function composeEdits(done: readonly SyntaxTextEdit[], changes: readonly SyntaxTextEdit[], current: (from: number, to: number) => string): SyntaxTextEdit[] {
  const out: SyntaxTextEdit[] = [];
  let delta = 0; // how much longer the current text is than the original, before the edit at hand
  let i = 0;
  let c = 0;
  while (c < changes.length) {
    // The done edits before the next change, and not touching it, stay as they are.
    for (; i < done.length; i++) {
      const edit = done[i]!;
      if (edit.start + delta + edit.text.length >= changes[c]!.start) break;
      out.push(edit);
      delta += edit.text.length - (edit.end - edit.start);
    }
    // One run of changes and done edits, each overlapping or touching the run so far (in the current text).
    const before = delta;
    let from = changes[c]!.start;
    // (At least the change's start, so that the run takes it even if its end comes first.)
    let to = Math.max(from, changes[c]!.end);
    let text = '';
    let at = from; // how far the current text is copied into `text`
    for (;;) {
      const edit = done[i];
      const change = changes[c];
      if (edit && edit.start + delta <= to && (!change || edit.start + delta <= change.start || change.start > to)) {
        const start = edit.start + delta;
        if (start < from) {
          from = start;
          at = start;
        }
        to = Math.max(to, start + edit.text.length);
        delta += edit.text.length - (edit.end - edit.start);
        i++;
      } else if (change && change.start <= to) {
        text += current(at, change.start) + change.text;
        at = change.end;
        to = Math.max(to, change.end);
        c++;
      } else {
        break;
      }
    }
    out.push({ start: from - before, end: to - delta, text: text + current(at, to) });
  }
  for (; i < done.length; i++) out.push(done[i]!);
  return out;
}

/**
 * Fix All: one action whose edit is what repeated passes make of the document, each pass run on the
 * result of the one before (incrementally, as after an edit), since one fix may change what another
 * finds: recasing FROM changes the casing its AS should have. Undefined when nothing changes.
 */
function fixAllAction(doc: AnalyzedDocument, request: CodeActionRequest): CodeAction | undefined {
  let done: SyntaxTextEdit[] = [];
  let current = doc;
  // The passes' versions are not the editor's: the caches kept for its next keystroke stay its own.
  const lineage = {};
  for (let pass = 0; pass < FIX_ALL_PASSES; pass++) {
    const edits = fixAllPass(current, request);
    if (edits.length === 0) break;
    const before = current.tree;
    done = composeEdits(done, edits, (from, to) => before.slice(from, to));
    let tree = before;
    // From the end, so that each edit's offsets still hold when it is applied.
    for (let k = edits.length - 1; k >= 0; k--) tree = tree.edit(edits[k]!);
    // The passes after the first start from what the editor's version found (its caches, copied).
    branchDiagnosticsCache(doc, lineage);
    current = analyzedDocument(treeTextDocument(doc.uri, doc.text.languageId, doc.version, tree), tree, current, lineage);
  }
  const edits = done.filter((edit) => doc.tree.slice(edit.start, edit.end) !== edit.text).map((edit) => ({ range: rangeOf(doc, edit.start, edit.end), newText: edit.text }));
  return edits.length ? { title: FIX_ALL_TITLE, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: edits } } } : undefined;
}
