// A TextDocument read from a syntax tree: the text and its line positions come from the tree's
// chunks, which versions share, so a new version costs the edit, not a copy of the whole text
// (vscode-languageserver-textdocument joins the old text and the change into a new string at every
// change, and its line table is shared by, and changed under, every version made from it).
// Each version is its own object and never changes; the whole text is joined only when a feature
// asks for it, once per version.

import type { Position, Range } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SyntaxTree } from '../syntax';
import { isLineBreak } from './positions';

/** An offset inside a line break moved to the end of its line's content, as the text library does. */
function beforeLineBreak(tree: SyntaxTree, offset: number, lineStart: number): number {
  while (offset > lineStart && isLineBreak(tree.charCodeAt(offset - 1))) offset--;
  return offset;
}

/** TextDocument.positionAt over a tree. */
export function treePositionAt(tree: SyntaxTree, offset: number): Position {
  offset = Math.max(0, Math.min(offset, tree.length));
  const line = tree.lineOf(offset);
  const lineStart = tree.lineStart(line);
  return { line, character: beforeLineBreak(tree, offset, lineStart) - lineStart };
}

/** TextDocument.offsetAt over a tree: a character past its line's end stops there. */
export function treeOffsetAt(tree: SyntaxTree, position: Position): number {
  if (position.line >= tree.lineCount) return tree.length;
  if (position.line < 0) return 0;
  const lineStart = tree.lineStart(position.line);
  if (position.character <= 0) return lineStart;
  const next = position.line + 1 < tree.lineCount ? tree.lineStart(position.line + 1) : tree.length;
  return beforeLineBreak(tree, Math.min(lineStart + position.character, next), lineStart);
}

class TreeTextDocument implements TextDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly tree: SyntaxTree,
  ) {}

  getText(range?: Range): string {
    if (!range) return this.tree.text;
    const start = treeOffsetAt(this.tree, range.start);
    const end = treeOffsetAt(this.tree, range.end);
    // Reversed, as String.substring takes it.
    return this.tree.slice(Math.min(start, end), Math.max(start, end));
  }

  positionAt(offset: number): Position {
    return treePositionAt(this.tree, offset);
  }

  offsetAt(position: Position): number {
    return treeOffsetAt(this.tree, position);
  }

  get lineCount(): number {
    return this.tree.lineCount;
  }

  /** The line's range without its line break (the last line for a line past the end). */
  getLineRange(line: number): Range {
    const tree = this.tree;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    if (line >= tree.lineCount) {
      const last = tree.lineCount - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: tree.length - tree.lineStart(last) } };
    }
    const start = tree.lineStart(line);
    const next = line + 1 < tree.lineCount ? tree.lineStart(line + 1) : tree.length;
    return { start: { line, character: 0 }, end: { line, character: beforeLineBreak(tree, next, start) - start } };
  }

  /** The line break that ends the line ('' for the last line, or a line outside the text). */
  getEOLCharacters(line: number): string {
    const tree = this.tree;
    if (line < 0 || line >= tree.lineCount) return '';
    const start = tree.lineStart(line);
    const next = line + 1 < tree.lineCount ? tree.lineStart(line + 1) : tree.length;
    return tree.slice(beforeLineBreak(tree, next, start), next);
  }
}

/** The text of one version of a document, read from its tree. */
export function treeTextDocument(uri: string, languageId: string, version: number, tree: SyntaxTree): TextDocument {
  return new TreeTextDocument(uri, languageId, version, tree);
}
