// Stage names where a stage can be named: `FROM <stage>`, `COPY --from=` and `--mount=from=`.
// FROM builds on the nearest earlier stage of a name, so it is offered the earlier stages, in lower
// case as FROM matches them. `--from=` and `from=` name any stage of the file (BuildKit builds it
// first), so they are offered later stages too; a name several stages share means the last of
// them there. Never the current stage, nor a stage that needs it (that would be a cycle), and
// `from=` takes no stage number.

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
function nameableStages(request: CompletionRequest, instructionStart: number, slot: StageSlot): { stage: Stage; label: string }[] {
  const model = request.doc.model;
  // Nothing before the first FROM names a stage.
  const current = model.stageAt(instructionStart);
  if (!current) return [];
  const cyclic = stagesNeeding(model, current);
  const out: { stage: Stage; label: string }[] = [];
  for (const stage of model.stages) {
    if (stage === current || cyclic.has(stage)) continue;
    if (slot === 'from') {
      // A FROM starts the current stage: the earlier stages, each name for the nearest of it.
      if (stage.index >= current.index || stage.nameLower === undefined) continue;
      if (model.earlierStageNamed(current, stage.nameLower) !== stage) continue;
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
