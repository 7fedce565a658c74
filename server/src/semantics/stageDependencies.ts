// Which stages need which: a stage needs the stage it is built FROM and every stage its COPY --from
// and RUN --mount from= name, as the model resolves them (any stage of the file, also one further
// down, which is an error of its own). `stagesNeeding`: what completion may offer and a rule may
// suggest without closing a cycle; `stagesNeededBy`: what a build of a stage reaches.

import type { DockerfileModel, Stage } from './model';

/** For each stage index, the stages that need it directly; made once per model. */
const usersByModel = new WeakMap<DockerfileModel, readonly (readonly Stage[])[]>();

function directUsers(model: DockerfileModel): readonly (readonly Stage[])[] {
  let users = usersByModel.get(model);
  if (!users) {
    const lists: Stage[][] = model.stages.map(() => []);
    for (const stage of model.stages) {
      for (const reference of model.stageReferencesIn(stage)) {
        if (reference.stage && reference.stage !== stage) lists[reference.stage.index].push(stage);
      }
    }
    usersByModel.set(model, (users = lists));
  }
  return users;
}

/**
 * The stages that need `stage`, directly or through others (not `stage` itself, unless it is on a
 * cycle): naming any of them from `stage` (by FROM, COPY --from or --mount from=) closes a cycle.
 */
export function stagesNeeding(model: DockerfileModel, stage: Stage): Set<Stage> {
  const users = directUsers(model);
  const found = new Set<Stage>();
  const pending: Stage[] = [stage];
  while (pending.length) {
    for (const user of users[pending.pop()!.index]) {
      if (found.has(user)) continue;
      found.add(user);
      pending.push(user);
    }
  }
  return found;
}

/**
 * The stages a build of `stage` needs, itself included: the stage it is built FROM and the stages its
 * COPY --from and --mount from= name, through each other, as BuildKit finds the stages a target
 * reaches (allReachableStages).
 */
export function stagesNeededBy(model: DockerfileModel, stage: Stage): Set<Stage> {
  const found = new Set<Stage>([stage]);
  const pending: Stage[] = [stage];
  while (pending.length) {
    for (const reference of model.stageReferencesIn(pending.pop()!)) {
      const needed = reference.stage;
      if (!needed || found.has(needed)) continue;
      found.add(needed);
      pending.push(needed);
    }
  }
  return found;
}
