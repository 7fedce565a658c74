// UndefinedArgInFrom: a FROM image or --platform uses a variable that no global ARG (before the
// first FROM) declares and that is not an automatic platform argument, so it expands to nothing.
// BuildKit reports each name once per expression.

import type { VariableUse } from '../../semantics';
import type { StageRule } from '../types';
import { unsetOutcome } from './support/expand';
import { renameVariableFix } from './support/fixes';
import { globalArgs } from './support/globalArgs';
import { checkMeta } from './support/meta';
import { didYouMean, suggest } from './support/suggest';

export const UndefinedArgInFrom: StageRule = {
  ...checkMeta('UndefinedArgInFrom'),
  scope: 'stage',
  check({ model, stage, report }) {
    let candidates: string[] | undefined;
    // The FROM line's uses, from the stage part's own (in node order, the FROM first): nearly always
    // all declared, and then the version makes no absolute objects of the stage's uses for this check.
    let candidate = false;
    for (const use of model.partUseFacts(stage.index)) {
      if (use.node > 0) break;
      if (!use.declaration && !use.predefined?.automatic) candidate = true;
    }
    if (!candidate) return;
    const reported = new Set<string>();
    for (const use of model.usesInNode(stage.nodeIndex)) {
      if (use.declaration || use.predefined?.automatic) continue;
      const part = partOf(use, stage.imageSpan);
      if (!part || reported.has(`${part} ${use.name}`)) continue;
      reported.add(`${part} ${use.name}`);
      candidates ??= [...globalArgs(model).values.keys(), ...model.globalArgs.map((d) => d.name)];
      const suggestion = suggest(use.name, candidates);
      report({
        nodeIndex: stage.nodeIndex,
        ...use.span,
        message: `'$${use.name}' is not declared by an ARG before the first FROM, ${unsetOutcome(model.tree, use)} here${didYouMean(suggestion, (s) => `'$${s}'`)}.`,
        data: { name: use.name, suggestion },
      });
    }
  },
  fixes: renameVariableFix,
};

/** Which part of the FROM a use is in: the image, the platform, or neither (the stage name). */
function partOf(use: VariableUse, imageSpan: { start: number; end: number } | undefined): 'image' | 'platform' | undefined {
  if (use.ref.context.kind === 'flag') return use.ref.context.flag === 'platform' ? 'platform' : undefined;
  if (imageSpan && use.span.start >= imageSpan.start && use.span.end <= imageSpan.end) return 'image';
  return undefined;
}
