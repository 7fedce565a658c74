// Stage names where a stage can be named: `FROM <stage>`, `COPY --from=` and `--mount=from=`.
// Only stages declared before the current one count (BuildKit refuses later ones). FROM matches
// stage names exactly in lower case, so it gets the lower-cased name.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Stage } from '../../semantics';
import { DocWriter } from '../markup';
import { item, type CompletionRequest } from './items';

/** The first line of a stage's FROM instruction. */
export function fromLine(request: CompletionRequest, stage: Stage): string {
  const text = request.doc.tree.nodeText(stage.nodeIndex);
  return text.replace(/\r?\n[\s\S]*$/, '').trim();
}

/** Stages declared before `offset`'s stage (before the instruction at `offset` for FROM). */
function earlierStages(request: CompletionRequest, instructionStart: number): readonly Stage[] {
  return request.doc.model.stages.filter((stage) => stage.fromStart < instructionStart && stage.end <= instructionStart);
}

export function stageItems(request: CompletionRequest, from: number, instructionStart: number, forFrom: boolean): CompletionItem[] {
  const writer = new DocWriter(request.format);
  const items: CompletionItem[] = [];
  for (const stage of earlierStages(request, instructionStart)) {
    // Unnamed stages can be named by index in --from, never in FROM.
    const label = stage.name === undefined ? (forFrom ? undefined : String(stage.index)) : forFrom ? stage.nameLower! : stage.name;
    if (label === undefined) continue;
    items.push(
      item(request, label, CompletionItemKind.Reference, from, label, stage.index, {
        detail: stage.image !== undefined ? `stage ${stage.index}: ${stage.image}` : `stage ${stage.index}`,
        documentation: writer.content(writer.block(fromLine(request, stage))),
      }),
    );
  }
  return items;
}
