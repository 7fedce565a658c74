// Which stages need which: a stage needs the stage it is built FROM and every stage its COPY --from
// and RUN --mount from= name, as the model resolves them (any stage of the file, also one further
// down, which is an error of its own). `stagesNeeding`: what completion may offer and a rule may
// suggest without closing a cycle; `stagesTheDefaultBuildReaches`: what a plain `docker build` (no
// --target) reaches, ONBUILD triggers included, where trigger checks and dispatch-time errors apply.

import type { InstructionNode } from '../syntax';
import type { DockerfileModel, Stage } from './model';
import { stageIndex } from './stageIndex';

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
 * An ONBUILD COPY --from or RUN --mount from= value of a stage, with where it is: offsets from the
 * stage's FROM line, so a stage analysis reused by a later version (same nodes) keeps them.
 */
interface TriggerSource {
  readonly text: string;
  /** A RUN --mount from=, which BuildKit looks up by name only: `from=0` is no stage number. */
  readonly mount: boolean;
  readonly start: number;
  readonly end: number;
}

/** The trigger sources of a stage; found once per stage analysis, however many stages are built FROM it. */
const triggerSourcesByPart = new WeakMap<object, readonly TriggerSource[]>();

function triggerSources(model: DockerfileModel, stage: Stage): readonly TriggerSource[] {
  const part = model.partOf(stage.index);
  let sources = triggerSourcesByPart.get(part);
  if (!sources) {
    const found: TriggerSource[] = [];
    model.tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind === 'instruction' && node.trigger) collectSources(node.trigger, start - stage.fromStart, found);
    }, stage.nodeIndex + 1);
    triggerSourcesByPart.set(part, (sources = found));
  }
  return sources;
}

function collectSources(trigger: InstructionNode, at: number, out: TriggerSource[]): void {
  for (const flag of trigger.flags) {
    if (trigger.name === 'COPY' && flag.name.text === 'from' && flag.value?.text) {
      out.push({ text: flag.value.text, mount: false, start: at + flag.value.start, end: at + flag.value.end });
    }
    for (const option of flag.mountOptions ?? []) {
      if (trigger.name === 'RUN' && option.key.text.toLowerCase() === 'from' && option.value?.text) {
        out.push({ text: option.value.text, mount: true, start: at + option.value.start, end: at + option.value.end });
      }
    }
  }
}

/**
 * What a trigger's `--from` or `from=` value names, as BuildKit looks it up when the trigger runs
 * (toCommand): for COPY a number, else the last stage of the name; for a mount the name only
 * (detectRunMount), as it is outside triggers.
 */
function triggerSourceStage(model: DockerfileModel, source: TriggerSource): Stage | undefined {
  const index = source.mount ? undefined : stageIndex(source.text);
  if (index !== undefined) return index >= 0 ? model.stages[index] : undefined;
  return model.lastNamed(source.text.toLowerCase());
}

/** A stage an ONBUILD trigger names, with where it names it (document offsets). */
export interface TriggerUse {
  readonly stage: Stage;
  readonly start: number;
  readonly end: number;
  /** Named by its number (`ONBUILD COPY --from=0`), which a rename of the stage leaves as it is. */
  readonly byNumber: boolean;
}

/**
 * The stages named by the ONBUILD COPY --from and RUN --mount from= triggers of the stage `stage` is
 * built FROM: BuildKit runs them in `stage` and looks the names up there (initOnBuildTriggers, as
 * triggerSourceStage does), so `stage` needs those stages. The same list for every stage built FROM
 * one base, found once: asking this of every stage costs the file once, not once per stage.
 */
export function triggerUses(model: DockerfileModel, stage: Stage): readonly TriggerUse[] {
  const base = stage.base;
  if (!base) return [];
  // The same for every stage built FROM `base`: made once per model and base.
  let byBase = triggerUsesByModel.get(model);
  if (!byBase) triggerUsesByModel.set(model, (byBase = new Map()));
  let uses = byBase.get(base);
  if (!uses) {
    const found: TriggerUse[] = [];
    for (const source of triggerSources(model, base)) {
      const named = triggerSourceStage(model, source);
      if (named) found.push({ stage: named, start: base.fromStart + source.start, end: base.fromStart + source.end, byNumber: !source.mount && stageIndex(source.text) !== undefined });
    }
    byBase.set(base, (uses = found));
  }
  return uses;
}

const triggerUsesByModel = new WeakMap<DockerfileModel, Map<Stage, readonly TriggerUse[]>>();

/** A stage whose ONBUILD triggers run in the stages of this file built FROM it. */
export interface TriggerRun {
  readonly base: Stage;
  /** The stages built FROM `base`, in file order: each runs every trigger of `base`. */
  readonly runners: readonly Stage[];
  /** The stages the triggers name (`triggerUses`, the same for every runner). */
  readonly uses: readonly TriggerUse[];
}

const triggerRunsByModel = new WeakMap<DockerfileModel, readonly TriggerRun[]>();

/**
 * Every stage of the file that other stages are built FROM, with those stages and what its triggers
 * name, in the order of the bases' first runners: what navigation, rename and hover walk, once per
 * base rather than once per stage built FROM it.
 */
export function triggerRuns(model: DockerfileModel): readonly TriggerRun[] {
  let runs = triggerRunsByModel.get(model);
  if (!runs) {
    const byBase = new Map<Stage, Stage[]>();
    for (const stage of model.stages) {
      if (!stage.base) continue;
      const runners = byBase.get(stage.base);
      if (runners) runners.push(stage);
      else byBase.set(stage.base, [stage]);
    }
    runs = [...byBase].map(([base, runners]) => ({ base, runners, uses: triggerUses(model, runners[0]) }));
    triggerRunsByModel.set(model, runs);
  }
  return runs;
}

/**
 * The `--from` and `from=` values of the triggers `stage` runs (its base's), whatever they name,
 * at their document offsets: a name that is an image now would mean a stage given that name.
 */
export function triggerNamesRun(model: DockerfileModel, stage: Stage): { readonly text: string; readonly start: number; readonly end: number }[] {
  const base = stage.base;
  if (!base) return [];
  return triggerSources(model, base).map((source) => ({ text: source.text, start: base.fromStart + source.start, end: base.fromStart + source.end }));
}

const reachedByModel = new WeakMap<DockerfileModel, ReadonlySet<Stage>>();

/**
 * The stages a plain `docker build` of the file (no --target: the last stage) builds, as BuildKit
 * finds them before it dispatches: the last stage and what it needs (FROM, COPY --from, --mount
 * from=, through each other), plus the stages named by the
 * ONBUILD COPY --from and RUN --mount from= triggers of the base of every stage it reaches, which
 * BuildKit adds as needs of the stage that runs them (initOnBuildTriggers) until nothing new comes.
 * Triggers of base images from a registry are unknown here. Made once per model.
 */
export function stagesTheDefaultBuildReaches(model: DockerfileModel): ReadonlySet<Stage> {
  let reached = reachedByModel.get(model);
  if (reached) return reached;
  const found = new Set<Stage>();
  const last = model.stages[model.stages.length - 1];
  const pending: Stage[] = [];
  const reach = (stage: Stage | undefined): void => {
    if (!stage || found.has(stage)) return;
    found.add(stage);
    pending.push(stage);
  };
  reach(last);
  while (pending.length) {
    const stage = pending.pop()!;
    for (const reference of model.stageReferencesIn(stage)) reach(reference.stage);
    if (stage.base) for (const source of triggerSources(model, stage.base)) reach(triggerSourceStage(model, source));
  }
  reachedByModel.set(model, (reached = found));
  return reached;
}
