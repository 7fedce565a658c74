// Stage names where a stage can be named: `FROM <stage>`, `COPY --from=` and `--mount=from=`.
// BuildKit builds the stages in file order, so each of them can only use a stage defined above the
// current one. FROM builds on the nearest earlier stage of a name, so it is offered in lower case
// as FROM matches it. `--from=` and `from=` mean the last stage of a name in the whole file, so a
// name that a stage further down shares is not offered (it would name that stage, which is not
// built yet). Never a stage that needs the current one (that would be a cycle), and `from=` takes
// no stage number.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { stagesNeeding, type Stage } from '../../semantics';
import { DocWriter } from '../markup';
import { item, type CompletionRequest } from './items';

/** Where a stage is being named. */
export type StageSlot = 'from' | 'copy-from' | 'mount-from';

/** The first line of a stage's FROM instruction. */
export function fromLine(request: CompletionRequest, stage: Stage): string {
  const text = request.doc.tree.nodeText(stage.nodeIndex);
  return text.replace(/\r?\n[\s\S]*$/, '').trim();
}

/** The stages the instruction at `instructionStart` can name, each with the label that names it. */
export function nameableStages(request: CompletionRequest, instructionStart: number, slot: StageSlot): { stage: Stage; label: string }[] {
  const model = request.doc.model;
  // Nothing before the first FROM names a stage.
  const current = model.stageAt(instructionStart);
  if (!current) return [];
  const cyclic = stagesNeeding(model, current);
  const out: { stage: Stage; label: string }[] = [];
  for (const stage of model.stages.slice(0, current.index)) {
    if (cyclic.has(stage)) continue;
    if (slot === 'from') {
      // A FROM starts the current stage: each name for the nearest earlier stage of it.
      if (stage.nameLower === undefined || model.earlierStageNamed(current, stage.nameLower) !== stage) continue;
      out.push({ stage, label: stage.nameLower });
    } else if (stage.nameLower !== undefined) {
      if (model.lastNamed(stage.nameLower) === stage) out.push({ stage, label: stage.name! });
    } else if (slot === 'copy-from') out.push({ stage, label: String(stage.index) });
  }
  return out;
}

export function stageItems(request: CompletionRequest, from: number, instructionStart: number, slot: StageSlot): CompletionItem[] {
  const writer = new DocWriter(request.format);
  return nameableStages(request, instructionStart, slot).map(({ stage, label }) =>
    item(request, label, CompletionItemKind.Reference, from, label, stage.index, {
      detail: stage.image !== undefined ? `stage ${stage.index}: ${stage.image}` : `stage ${stage.index}`,
      documentation: writer.content(writer.block(fromLine(request, stage))),
    }),
  );
}
