// workspace/symbol for one document: its named stages and its ARGs (a stage `ARG NAME` that only
// re-declares a global ARG is the same variable and is left out, as is an ARG with no name yet,
// `ARG =1`). The server asks every open document and concatenates. Names are shown as the outline
// shows them (an invisible name as its code points).

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type { Stage } from '../semantics';
import { rangeOf, type AnalyzedDocument } from './document';
import { symbolName } from './symbols';

/** Case-insensitive fuzzy match: the query's characters appear in the name in order. */
export function matchesQuery(name: string, query: string): boolean {
  const haystack = name.toLowerCase();
  let at = 0;
  for (const ch of query.toLowerCase()) {
    if (/\s/.test(ch)) continue;
    at = haystack.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function stageLabel(stage: Stage): string {
  return symbolName(stage.name ?? '', `stage ${stage.index}`);
}

export function getWorkspaceSymbols(doc: AnalyzedDocument, query: string): SymbolInformation[] {
  const model = doc.model;
  const symbols: SymbolInformation[] = [];
  const location = (start: number, end: number) => ({ uri: doc.uri, range: rangeOf(doc, start, end) });
  for (const stage of model.stages) {
    if (stage.name && stage.nameSpan && matchesQuery(stage.name, query)) {
      symbols.push({ name: stageLabel(stage), kind: SymbolKind.Class, location: location(stage.nameSpan.start, stage.nameSpan.end) });
    }
  }
  for (const declaration of model.declarations) {
    if (declaration.kind !== 'arg' || declaration.inherits || declaration.name === '' || !matchesQuery(declaration.name, query)) continue;
    const stage = declaration.stage >= 0 ? model.stages[declaration.stage] : undefined;
    symbols.push({
      name: symbolName(declaration.name, ''),
      kind: SymbolKind.Variable,
      location: location(declaration.nameSpan.start, declaration.nameSpan.end),
      containerName: stage ? stageLabel(stage) : 'global',
    });
  }
  return symbols;
}
