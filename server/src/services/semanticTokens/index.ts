// textDocument/semanticTokens (full, range, delta). The legend and the meaning of every token
// type are in legend.ts; what gets a token in collect.ts; the encoding in encode.ts; a whole
// document's tokens are kept per stage in parts.ts.

import type { Range } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../document';
import { lineStartsIn } from '../positions';
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
  const tree = doc.tree;
  const from = doc.text.offsetAt(range.start);
  const to = doc.text.offsetAt(range.end);
  if (tree.nodeCount === 0) return [];
  // The text of the nodes the range touches, which hold every token it asks for; lines are counted
  // from the first of them and moved to the document's lines at the end.
  const origin = tree.start(tree.nodeIndexAt(from));
  const text = tree.slice(origin, tree.end(tree.nodeIndexAt(to)));
  const starts = lineStartsIn(text, 0, text.length);
  const writer = new LineTokenWriter(text, starts);
  writer.restart(text, starts, 0, origin);
  forEachToken(doc, from, to, {
    add: (start, end, type, modifiers) => {
      if (end > from && start < to) writer.add(start, end, type, modifiers);
    },
  });
  const tokens = writer.tokens;
  const firstLine = tree.lineOf(origin);
  for (let i = 0; i < tokens.length; i += 5) tokens[i] += firstLine;
  return tokens;
}
