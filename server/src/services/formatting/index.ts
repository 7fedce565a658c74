// textDocument/formatting, rangeFormatting and onTypeFormatting. The rules are in format.ts and
// instruction.ts; this module turns settings and the editor's options into FormatOptions and
// offset edits into LSP TextEdits.
//
// Indentation: the editor's FormattingOptions (tabSize, insertSpaces) decide the unit, so the
// formatter agrees with the editor; `formatting.continuationIndent` (spaces) is used when a
// client sends no usable options.

import type { FormattingOptions, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Settings } from '../../settings';
import { rangeOf, type AnalyzedDocument } from '../document';
import { formatEdits, onNewLineEdits, type FormatOptions, type OffsetEdit, type RunsInCmd } from './format';

export { formatEdits, onNewLineEdits, type FormatOptions, type OffsetEdit, type RunsInCmd } from './format';

/** The triggers of on-type formatting: the newline after a line-continuing escape. */
export const ON_TYPE_TRIGGER = '\n';

export function formatOptions(settings: Settings, editor?: Partial<FormattingOptions>): FormatOptions {
  const fromEditor = typeof editor?.tabSize === 'number' && editor.tabSize >= 1 && typeof editor.insertSpaces === 'boolean';
  const fallback = Math.min(16, Math.floor(settings.formatting.continuationIndent));
  const tabSize = fromEditor ? Math.min(16, Math.floor(editor!.tabSize!)) : Math.max(1, fallback);
  return {
    keywordCase: settings.formatting.keywordCase,
    indent: fromEditor ? (editor!.insertSpaces ? ' '.repeat(tabSize) : '\t') : ' '.repeat(fallback),
    tabSize,
    blankLineBetweenStages: settings.formatting.blankLineBetweenStages,
  };
}

function toTextEdits(doc: AnalyzedDocument, edits: readonly OffsetEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(doc, e.start, e.end), newText: e.text }));
}

/** What the model says of each instruction's shell: cmd keeps the blanks at its joins. */
function runsInCmd(doc: AnalyzedDocument): RunsInCmd {
  return (nodeIndex) => doc.model.shellAt(nodeIndex)?.kind === 'cmd';
}

/** The whole document's formatting edits, or those of the instructions that `range` touches. */
export function format(doc: AnalyzedDocument, options: FormatOptions, range?: Range): TextEdit[] {
  const offsets = range ? { start: doc.text.offsetAt(range.start), end: doc.text.offsetAt(range.end) } : undefined;
  return toTextEdits(doc, formatEdits(doc.tree, options, offsets, runsInCmd(doc)));
}

export function getFormattingEdits(doc: AnalyzedDocument, settings: Settings, editor?: Partial<FormattingOptions>, range?: Range): TextEdit[] {
  if (!settings.formatting.enable) return [];
  return format(doc, formatOptions(settings, editor), range);
}

export function getOnTypeFormattingEdits(doc: AnalyzedDocument, position: Position, ch: string, settings: Settings, editor?: Partial<FormattingOptions>): TextEdit[] {
  if (!settings.formatting.enable || ch !== ON_TYPE_TRIGGER) return [];
  return toTextEdits(doc, onNewLineEdits(doc.tree, doc.text.offsetAt(position), formatOptions(settings, editor), runsInCmd(doc)));
}
