// Fix All (`source.fixAll.dockerfile`, what `editor.codeActionsOnSave` and `lint --fix` run): one edit
// with the preferred fix of every diagnostic whose rule says that fix only rewrites how the file is
// written, never what BuildKit builds (Rule.fixAll). One fix may change what another finds (recasing
// FROM changes the casing its AS should have), so it runs again on its own result, incrementally as
// after an edit, in a lineage of its own that starts from a copy of the editor's diagnostics caches,
// and composes the passes into edits of the original text.

import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { getRule } from '../rules';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { TextEdit as SyntaxTextEdit } from '../syntax';
import { branchDiagnosticsCache, getDiagnostics } from './diagnostics';
import { analyzedDocument, rangeOf, type AnalyzedDocument } from './document';
import { treeTextDocument } from './treeTextDocument';

/** The kind of the Fix All action: editors ask for `source.fixAll` (on save) or `source` (a menu). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dockerfile`;
export const FIX_ALL_TITLE = 'Fix all auto-fixable Dockerfile problems';

/** What Fix All needs besides the document: what its diagnostics are computed with. */
export interface FixAllRequest {
  readonly settings?: Settings;
  readonly dockerignore?: string;
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
function fixAllPass(doc: AnalyzedDocument, request: FixAllRequest): SyntaxTextEdit[] {
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
export function fixAllAction(doc: AnalyzedDocument, request: FixAllRequest): CodeAction | undefined {
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
