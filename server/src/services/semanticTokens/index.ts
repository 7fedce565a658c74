// textDocument/semanticTokens (full, range, delta). The legend and the meaning of every token
// type are in legend.ts; what gets a token in collect.ts; the encoding in encode.ts.

import type { Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../document';
import { collectTokens } from './collect';
import { lineStarts, toLineTokens, type AbsoluteTokens } from './encode';

export { LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from './legend';
export { diffTokenData, encodeRelative, type AbsoluteTokens } from './encode';
export { collectTokens, type OffsetToken } from './collect';

/**
 * The tokens of the document, or of the lines of `range`, as absolute line/character tokens
 * (five integers each, UTF-16 characters). `encodeRelative` gives LSP's `data`.
 */
export function getSemanticTokens(doc: AnalyzedDocument, range?: Range): AbsoluteTokens {
  const text = doc.text.getText();
  if (!range) return toLineTokens(text, collectTokens(doc));
  const from = doc.text.offsetAt(range.start);
  const to = doc.text.offsetAt(range.end);
  const tokens = collectTokens(doc, from, to).filter((t) => t.end > from && t.start < to);
  return toLineTokens(text, tokens, lineStarts(text));
}
