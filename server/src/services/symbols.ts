// textDocument/documentSymbol: the outline. One symbol per stage (named after its AS name, else
// its image; detail: image, platform and index) with its instructions as children; instructions
// before the first FROM at the top.

import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { InstructionNode } from '../syntax';
import { rangeOf, type AnalyzedDocument } from './document';

function instructionDetail(node: InstructionNode): string {
  const args = [...node.flags.map((f) => f.text), node.args?.text ?? ''].join(' ').trim();
  const oneLine = args.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? oneLine.slice(0, 59) + '…' : oneLine;
}

/** `end` moved back over a final line terminator. */
function withoutLineEnd(doc: AnalyzedDocument, end: number): number {
  const tail = doc.tree.slice(end - 2, end);
  if (tail.endsWith('\r\n')) return end - 2;
  if (tail.endsWith('\n') || tail.endsWith('\r')) return end - 1;
  return end;
}

/** The range of an instruction without its final line terminator. */
function instructionRange(doc: AnalyzedDocument, start: number, node: InstructionNode) {
  return rangeOf(doc, start, withoutLineEnd(doc, start + node.length));
}

function instructionSymbol(doc: AnalyzedDocument, start: number, node: InstructionNode): DocumentSymbol {
  const kind = node.name === 'ARG' || node.name === 'ENV' ? SymbolKind.Variable : SymbolKind.Function;
  const name = node.keyword.text.toUpperCase() || '(empty)';
  const range = instructionRange(doc, start, node);
  const selection = rangeOf(doc, start + node.keyword.start, start + node.keyword.end);
  const symbol = DocumentSymbol.create(name, instructionDetail(node), kind, range, selection);
  if ((node.name === 'ARG' || node.name === 'ENV') && node.pairs.length) {
    symbol.children = node.pairs.map((pair) =>
      DocumentSymbol.create(
        pair.key.text,
        pair.value?.text ?? '',
        node.name === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant,
        rangeOf(doc, start + pair.start, start + pair.end),
        rangeOf(doc, start + pair.key.start, start + pair.key.end),
      ),
    );
  }
  return symbol;
}

/** The end of the last instruction among nodes [first, last] (trailing comments belong to what follows). */
function lastInstructionEnd(doc: AnalyzedDocument, first: number, last: number): number {
  for (let i = last; i > first; i--) if (doc.tree.node(i).kind === 'instruction') return doc.tree.end(i);
  return doc.tree.end(first);
}

export function getDocumentSymbols(doc: AnalyzedDocument): DocumentSymbol[] {
  const model = doc.model;
  const result: DocumentSymbol[] = [];
  let stageSymbol: DocumentSymbol | undefined;
  for (const { node, start, index } of doc.tree.instructions()) {
    const stage = model.stageOfNode(index);
    if (node.name === 'FROM' && stage) {
      // The image as it will be pulled: global ARG defaults expanded when they are known.
      const image = stage.resolvedImage || stage.image;
      const name = stage.name ?? image ?? `stage ${stage.index}`;
      const details = [stage.name ? image : undefined, stage.platform ? `--platform=${stage.platform}` : undefined, `stage ${stage.index}`];
      const range = rangeOf(doc, start, withoutLineEnd(doc, lastInstructionEnd(doc, stage.nodeIndex, stage.lastNodeIndex)));
      const selection = stage.nameSpan
        ? rangeOf(doc, stage.nameSpan.start, stage.nameSpan.end)
        : rangeOf(doc, start + node.keyword.start, start + node.keyword.end);
      stageSymbol = DocumentSymbol.create(name, details.filter(Boolean).join(' · '), SymbolKind.Class, range, selection, [instructionSymbol(doc, start, node)]);
      result.push(stageSymbol);
    } else if (stage && stageSymbol) {
      stageSymbol.children!.push(instructionSymbol(doc, start, node));
    } else {
      result.push(instructionSymbol(doc, start, node));
    }
  }
  return result;
}
