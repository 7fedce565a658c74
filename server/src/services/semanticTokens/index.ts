// textDocument/semanticTokens (full, range, delta). The legend and the meaning of every token
// type are in legend.ts; what gets a token in collect.ts; the encoding in encode.ts.

import type { Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../document';
import { collectFlatTokens } from './collect';
import { flatToLineTokens, lineStarts, type AbsoluteTokens } from './encode';

export { LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from './legend';
export { diffTokenData, encodeRelative, type AbsoluteTokens } from './encode';
export { collectFlatTokens, collectTokens, type OffsetToken } from './collect';

/**
 * The tokens of the document, or of the lines of `range`, as absolute line/character tokens
 * (five integers each, UTF-16 characters). `encodeRelative` gives LSP's `data`.
 */
export function getSemanticTokens(doc: AnalyzedDocument, range?: Range): AbsoluteTokens {
  const text = doc.text.getText();
  if (!range) return flatToLineTokens(text, collectFlatTokens(doc));
  const from = doc.text.offsetAt(range.start);
  const to = doc.text.offsetAt(range.end);
  const all = collectFlatTokens(doc, from, to);
  const tokens: number[] = [];
  for (let i = 0; i < all.length; i += 4) if (all[i + 1] > from && all[i] < to) tokens.push(all[i], all[i + 1], all[i + 2], all[i + 3]);
  return flatToLineTokens(text, tokens, lineStarts(text));
}
