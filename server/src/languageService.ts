// The language service: every feature as a function of an analyzed document (and a position),
// with no transport code. The server holds documents and calls these; the CLI and tests call
// them directly.

import type { CodeAction, Diagnostic, DocumentSymbol, FormattingOptions, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions, type CodeActionRequest } from './services/codeActions';
import { diagnosticsJson, getDiagnostics, type DiagnosticsOptions } from './services/diagnostics';
import { analyzedDocument, type AnalyzedDocument } from './services/document';
import { getFormattingEdits } from './services/formatting';
import { getIgnoreFileCodeActions, getIgnoreFileDiagnostics, getIgnoreFileHover } from './services/ignoreFile';
import type { DocFormat } from './services/markup';
import type { JsonPieces } from './services/keptJson';
import { getDocumentSymbols, type SymbolOptions } from './services/symbols';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { SyntaxTree } from './syntax';

export type { AnalyzedDocument } from './services/document';

export interface LanguageService {
  /**
   * Wraps a text document (and its tree, when the caller keeps one incrementally). `previous`, the
   * analysis of an earlier version of the same document, lets the model reuse untouched stages.
   */
  analyze(text: TextDocument, tree?: SyntaxTree, previous?: AnalyzedDocument): AnalyzedDocument;
  getDiagnostics(doc: AnalyzedDocument, settings?: Settings, options?: DiagnosticsOptions): Diagnostic[];
  /** Diagnostics as a JSON array, each one's text kept with it (what the server sends, prepared). */
  diagnosticsJson(diagnostics: readonly Diagnostic[], out?: JsonPieces): JsonPieces;
  getCodeActions(doc: AnalyzedDocument, request: CodeActionRequest): CodeAction[];
  getDocumentSymbols(doc: AnalyzedDocument, options?: SymbolOptions): DocumentSymbol[];
  /** Format Document's edits, with the editor's indentation options when given. */
  getFormattingEdits(doc: AnalyzedDocument, settings?: Settings, editor?: Partial<FormattingOptions>): TextEdit[];
  /** A `.dockerignore` document's own diagnostics (services/ignoreFile). */
  getIgnoreFileDiagnostics(text: TextDocument, settings?: Settings): Diagnostic[];
  getIgnoreFileHover(text: TextDocument, position: Position, format: DocFormat): Hover | null;
  getIgnoreFileCodeActions(text: TextDocument, diagnostics: readonly Diagnostic[], only?: readonly string[], range?: Range): CodeAction[];
}

export function createLanguageService(): LanguageService {
  return {
    analyze: (text, tree, previous) => analyzedDocument(text, tree ?? SyntaxTree.parse(text.getText()), previous),
    getDiagnostics: (doc, settings = DEFAULT_SETTINGS, options) => getDiagnostics(doc, settings, options),
    diagnosticsJson,
    getCodeActions,
    getDocumentSymbols,
    getFormattingEdits: (doc, settings = DEFAULT_SETTINGS, editor) => getFormattingEdits(doc, settings, editor),
    getIgnoreFileDiagnostics: (text, settings = DEFAULT_SETTINGS) => getIgnoreFileDiagnostics(text, settings),
    getIgnoreFileHover,
    getIgnoreFileCodeActions,
  };
}
