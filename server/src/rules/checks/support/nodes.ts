// Small helpers over syntax nodes that several checks share.

import type { AnalyzedDocument } from '../../../services/document';
import type { InstructionNode, NodeEntry, Span, SyntaxTree, Token } from '../../../syntax';

/** The instruction text from its keyword to the end of its arguments (heredoc bodies excluded), relative. */
export function instructionSpan(node: InstructionNode): Span {
  let end = node.keyword.end;
  for (const flag of node.flags) end = Math.max(end, flag.end);
  if (node.args) end = Math.max(end, node.args.end);
  return { start: node.keyword.start, end };
}

/** The FROM's `AS` keyword and stage name, when it has both. */
export function stageNameTokens(node: InstructionNode): { as: Token; name: Token } | undefined {
  if (node.name !== 'FROM' || node.argList.length !== 3) return undefined;
  return { as: node.argList[1], name: node.argList[2] };
}

/** A flag by name (flag names are case-sensitive). */
export function flagNamed(node: InstructionNode, name: string): InstructionNode['flags'][number] | undefined {
  return node.flags.find((flag) => flag.name.text === name);
}

/**
 * The sources of a COPY or ADD that may come from the build context, as written, with their spans
 * (relative; inside a JSON string's quotes): all but the destination, none for COPY --from. Heredoc
 * names and what ADD fetches itself are the caller's to tell apart.
 */
export function contextSources(node: InstructionNode): { text: string; start: number; end: number }[] {
  if (node.name !== 'COPY' && node.name !== 'ADD') return [];
  if (node.name === 'COPY' && flagNamed(node, 'from')) return [];
  if (node.json) return node.json.elements.slice(0, -1).map((e) => ({ text: e.value, start: e.start + 1, end: e.end - 1 }));
  return node.argList.slice(0, -1).map((t) => ({ text: t.text, start: t.start, end: t.end }));
}

/** Offset just past the line terminator of the line containing `offset` (or the end of the text). */
export function nextLineStart(tree: SyntaxTree, offset: number): number {
  const entry = tree.entryAt(offset);
  if (!entry) return offset;
  const end = entry.start + entry.node.length;
  const rest = tree.slice(offset, end);
  const newline = rest.indexOf('\n');
  return newline < 0 ? end : offset + newline + 1;
}

/** The instruction containing the start of `range` in the current version of `doc`. */
export function instructionAtRange(doc: AnalyzedDocument, range: { start: { line: number; character: number } }): NodeEntry<InstructionNode> | undefined {
  return doc.tree.instructionAt(doc.text.offsetAt(range.start));
}

/** Whether a word is written in one case (all upper or all lower). */
export function isSelfConsistentCasing(word: string): boolean {
  return word === word.toLowerCase() || word === word.toUpperCase();
}
