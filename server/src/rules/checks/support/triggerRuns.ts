// Where the ONBUILD triggers of a stage run in this file: in each stage built FROM it that the
// build reaches. BuildKit parses and dispatches a base stage's triggers as the first commands of
// such a stage (dockerfile2llb initOnBuildTriggers), with their location reset to that stage's
// FROM, so the checks of the dispatch (LegacyKeyValueFormat, SecretsUsedInArgOrEnv, ...) report
// there. It does so only for the stages the target needs: `docker build --check` without a target
// dispatches every stage, but initialises triggers only in those reachable from the last one
// (`stagesTheDefaultBuildReaches`, which counts the stages triggers name with COPY --from too).

import { stagesTheDefaultBuildReaches, type DockerfileModel, type Stage } from '../../../semantics';
import type { InstructionNode } from '../../../syntax';
import { stageTriggers } from './chain';

export interface TriggerRun {
  /** The stage that runs the triggers first: the one built FROM the stage that has them. */
  readonly stage: Stage;
  /** Its base stage's triggers, in order, with the node index of their ONBUILD. */
  readonly triggers: readonly { readonly trigger: InstructionNode; readonly index: number }[];
}

/** Each stage that runs ONBUILD triggers of its base stage in a build of this file, in file order. */
export function triggerRuns(model: DockerfileModel): TriggerRun[] {
  const runs: TriggerRun[] = [];
  let reached: ReadonlySet<Stage> | undefined;
  for (const stage of model.stages) {
    if (!stage.base) continue;
    const triggers = stageTriggers(model, stage.base);
    if (!triggers.length) continue;
    reached ??= stagesTheDefaultBuildReaches(model);
    if (reached.has(stage)) runs.push({ stage, triggers });
  }
  return runs;
}
