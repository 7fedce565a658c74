// textDocument/semanticTokens (full, range, delta). The legend and the meaning of every token
// type are in legend.ts; what gets a token in collect.ts; the encoding in encode.ts; a whole
// document's tokens are kept per stage in parts.ts.

import type { Range } from 'vscode-languageserver-types';
import { documentLineStarts, type AnalyzedDocument } from '../document';
import { forEachToken } from './collect';
import { LineTokenWriter, type AbsoluteTokens } from './encode';
import { documentTokens } from './parts';

export { diffTokenLayouts, documentTokenData, documentTokenLayout, joinTokenLayout, joinTokenLayoutJson, type TokenLayout } from './parts';
export { LEGEND, TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from './legend';
export { diffTokenData, encodeRelative, type AbsoluteTokens } from './encode';
export { collectFlatTokens } from './collect';

/**
 * The tokens of the document, or of the lines of `range`, as absolute line/character tokens
 * (five integers each, UTF-16 characters). `encodeRelative` gives LSP's `data`.
 */
export function getSemanticTokens(doc: AnalyzedDocument, range?: Range): AbsoluteTokens {
  if (!range) return documentTokens(doc);
  const text = doc.text.getText();
  const writer = new LineTokenWriter(text, documentLineStarts(doc));
  const from = doc.text.offsetAt(range.start);
  const to = doc.text.offsetAt(range.end);
  forEachToken(doc, from, to, {
    add: (start, end, type, modifiers) => {
      if (end > from && start < to) writer.add(start, end, type, modifiers);
    },
  });
  return writer.tokens;
}
