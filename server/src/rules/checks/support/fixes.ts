// Building quick fixes: a code action of kind quickfix with edits in the current document.

import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import type { InstructionNode } from '../../../syntax';
import { rangeOf, type AnalyzedDocument } from '../../../services/document';
import { keywordCase, prefersLowerCase } from '../../../services/keywordCase';

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

/** An ONBUILD a trigger warning's fix edits: the warning is at the FROM of a stage that runs it. */
export interface FixedOnbuild {
  readonly node: InstructionNode;
  readonly trigger: InstructionNode;
  /** The ONBUILD's document offset, which the trigger's spans are relative to. */
  readonly start: number;
  /** Its 1-based line, for the fix's title ("… in the ONBUILD on line N"). */
  readonly line: number;
}

/**
 * The ONBUILD at node `index` (the `onbuild` a trigger check put in the diagnostic's data), or
 * undefined when the document no longer has an ONBUILD with a trigger there.
 */
export function fixedOnbuild(doc: AnalyzedDocument, index: number): FixedOnbuild | undefined {
  if (index < 0 || index >= doc.tree.nodeCount) return undefined;
  const node = doc.tree.node(index);
  if (node.kind !== 'instruction' || !node.trigger) return undefined;
  const start = doc.tree.start(index);
  return { node, trigger: node.trigger, start, line: doc.text.positionAt(start).line + 1 };
}

/** The line break the document uses (the first one found), for inserted lines. */
export function lineBreakOf(doc: AnalyzedDocument): string {
  // Node by node: a node ends just after its line feed, so a `\r\n` is never split between two.
  for (let i = 0; i < doc.tree.nodeCount; i++) {
    const text = doc.tree.nodeText(i);
    const newline = text.indexOf('\n');
    if (newline >= 0) return newline > 0 && text.charCodeAt(newline - 1) === 13 ? '\r\n' : '\n';
  }
  return '\n';
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

/**
 * The fix of an UndefinedVar whose name is a global (or BuildKit-set) ARG the stage did not
 * declare (`data: { name, declare: true }`): `ARG NAME` on a new line below the stage's FROM, in
 * the file's keyword case. Without a value, the stage's ARG takes the global one.
 */
export function declareArgFix(diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const { name, declare } = (diagnostic.data ?? {}) as { name?: string; declare?: boolean };
  if (!name || !declare) return [];
  const stage = doc.model.stageAt(doc.text.offsetAt(diagnostic.range.start));
  if (!stage) return [];
  const keyword = keywordCase('ARG', prefersLowerCase(doc));
  const end = stage.fromStart + stage.from.length;
  const last = doc.tree.charCodeAt(end - 1);
  const endsLine = last === 0x0a || last === 0x0d;
  const lineBreak = lineBreakOf(doc);
  const line = `${keyword} ${name}`;
  const insert = endsLine ? line + lineBreak : lineBreak + line;
  return [quickFix(`Add 'ARG ${name}' to this stage`, doc, diagnostic, [{ start: end, end, text: insert }], true)];
}
