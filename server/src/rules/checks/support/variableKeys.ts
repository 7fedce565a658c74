// ENVs whose key is a variable (`ENV $KEY=bar`). BuildKit expands an ENV's key as it expands its
// value (instructions: `expandKvp`), in the environment before the instruction, and adds the result
// to the stage's environment; the words after it are expanded in that environment. So with
// `ARG KEY=FOO` before it, the ENV sets FOO, and BuildKit's UndefinedVar says nothing about `$FOO`.
// The name is known here when every variable of the key has a value the model knows without a build.
// A `--build-arg` could change it; UndefinedVar then stays quiet rather than warn on the default build.

import type { Declaration, DockerfileModel, ScopeLookup, Stage } from '../../../semantics';
import { countBelow, lex } from '../../../syntax';

/** Whether a declaration is an ENV whose key is written with a variable. */
export const hasVariableKey = (declaration: Declaration): boolean => declaration.kind === 'env' && declaration.name.includes('$');

/**
 * The name an ENV sets: its key, expanded when it is written with variables, each read from `scope`
 * when given, else taken as the model resolved it where the key is. Undefined when a variable of the
 * key has no known value, or the key expands to nothing.
 */
export function envKeyName(model: DockerfileModel, declaration: Declaration, scope?: ScopeLookup): string | undefined {
  if (!hasVariableKey(declaration)) return declaration.name;
  const span = declaration.nameSpan;
  const values = new Map<string, string | undefined>();
  for (const use of model.usesInNode(declaration.nodeIndex)) {
    if (use.span.start < span.start || use.span.end > span.end) continue;
    const value = scope ? scope.get(use.name)?.value : use.value;
    if (value === undefined) return undefined;
    values.set(use.name, value);
  }
  const result = lex(model.tree.slice(span.start, span.end), (name) => values.get(name), { escape: model.tree.escape, splitWords: false });
  return result.error || !result.value ? undefined : result.value;
}

/** A name an ENV with a variable key sets, in `stage` (and the stages built FROM it). */
interface KeyedName {
  readonly stage: Stage;
  /** The ENV's node: in `stage` itself, or, for an ONBUILD trigger of its base, in the base. */
  readonly nodeIndex: number;
  /** An ONBUILD ENV of the base stage, which `stage` runs before its own instructions. */
  readonly trigger: boolean;
  readonly declaration: Declaration;
}

/** Where the ENVs with a key the file leaves open run in one stage (node indexes, ascending). */
interface OpenKeys {
  /** Its own ENVs. */
  readonly own: number[];
  /** Its base's ONBUILD ENVs, which it runs first. */
  readonly triggers: number[];
}

interface KeyedNames {
  readonly byName: ReadonlyMap<string, readonly KeyedName[]>;
  /** Each stage's place in a walk of the FROM tree: a stage is below another when its place lies within the other's. */
  readonly enter: Int32Array;
  readonly leave: Int32Array;
  /** How many stages each stage's FROM chain has above it. */
  readonly depth: Int32Array;
  /** Per stage, its ENVs with an open key; undefined for a stage without any. */
  readonly open: readonly (OpenKeys | undefined)[];
  /** Per stage, the run order (`order`) of the last ENV with an open key that ran by its end, in it or its chain; -1 for none. */
  readonly openByEnd: Float64Array;
  /** The size of one phase of a stage in `order`: more than any node index. */
  readonly span: number;
}

const keyedNamesByModel = new WeakMap<DockerfileModel, KeyedNames | null>();
const NO_DECLARATIONS: readonly Declaration[] = [];

/**
 * The names the model's ENVs with variable keys set, each with where, and where those whose name is
 * left open run: made once per model (null without any ENV with a variable key), so a use costs a
 * look-up of its name and of its stage, however long the FROM chain. An ONBUILD ENV is expanded where
 * the stage built FROM its stage runs it: in what the stage ends with, its ARGs too, and the triggers
 * before it (`inheritedTriggerLookup`).
 */
function keyedNames(model: DockerfileModel): KeyedNames | null {
  const known = keyedNamesByModel.get(model);
  if (known !== undefined) return known;
  // Most files have no such ENV: asked of each stage's part, which keeps the answer across versions.
  if (!model.stages.some((stage) => model.hasVariableKeyEnv(stage.index))) {
    keyedNamesByModel.set(model, null);
    return null;
  }
  const byName = new Map<string, KeyedName[]>();
  const open: (OpenKeys | undefined)[] = model.stages.map(() => undefined);
  const openIn = (stage: Stage): OpenKeys => (open[stage.index] ??= { own: [], triggers: [] });
  let any = false;
  const add = (name: string | undefined, entry: KeyedName) => {
    any = true;
    if (name === undefined) {
      (entry.trigger ? openIn(entry.stage).triggers : openIn(entry.stage).own).push(entry.nodeIndex);
      return;
    }
    const list = byName.get(name);
    if (list) list.push(entry);
    else byName.set(name, [entry]);
  };
  const triggersOf: (readonly Declaration[])[] = [];
  const children: number[][] = model.stages.map(() => []);
  for (const stage of model.stages) {
    const own = model.hasVariableKeyEnv(stage.index) ? model.declarationsOf(stage).filter(hasVariableKey) : NO_DECLARATIONS;
    triggersOf.push(own.filter((declaration) => declaration.trigger));
    const base = stage.base;
    if (base) {
      children[base.index].push(stage.index);
      for (const declaration of triggersOf[base.index]) {
        add(envKeyName(model, declaration, model.inheritedTriggerLookup(stage, declaration.nodeIndex)), { stage, nodeIndex: declaration.nodeIndex, trigger: true, declaration });
      }
    }
    for (const declaration of own) if (!declaration.trigger) add(envKeyName(model, declaration), { stage, nodeIndex: declaration.nodeIndex, trigger: false, declaration });
  }
  let result: KeyedNames | null = null;
  if (any) {
    // Numbered in a walk of the FROM tree, without recursion: a stage's descendants come right after it.
    const enter = new Int32Array(model.stages.length);
    const leave = new Int32Array(model.stages.length);
    const depth = new Int32Array(model.stages.length);
    let clock = 0;
    for (const root of model.stages) {
      if (root.base) continue;
      const stack: [number, number][] = [[root.index, 0]];
      enter[root.index] = clock++;
      while (stack.length) {
        const top = stack[stack.length - 1];
        const next = children[top[0]][top[1]++];
        if (next === undefined) {
          leave[top[0]] = clock++;
          stack.pop();
        } else {
          enter[next] = clock++;
          depth[next] = stack.length;
          stack.push([next, 0]);
        }
      }
    }
    const span = model.tree.nodeCount + 1;
    // A base stage comes before the stages built FROM it, so its entry is ready when they ask.
    const openByEnd = new Float64Array(model.stages.length);
    for (const stage of model.stages) {
      const keys = open[stage.index];
      const at = (phase: number, nodeIndex: number) => runOrder(depth[stage.index], phase, nodeIndex, span);
      openByEnd[stage.index] = keys?.own.length
        ? at(1, keys.own[keys.own.length - 1])
        : keys?.triggers.length
          ? at(0, keys.triggers[keys.triggers.length - 1])
          : stage.base
            ? openByEnd[stage.base.index]
            : -1;
    }
    result = { byName, enter, leave, depth, open, openByEnd, span };
  }
  keyedNamesByModel.set(model, result);
  return result;
}

/**
 * Where an instruction runs in the build of a stage, as a number that grows with it along one FROM
 * chain: the chain's stages in turn, in each the base's ONBUILD triggers (phase 0) before its own
 * instructions (phase 1), each in the order of its node.
 */
function runOrder(depth: number, phase: 0 | 1 | number, nodeIndex: number, span: number): number {
  return (depth * 2 + phase) * span + nodeIndex;
}

/** A point of a stage's build: before its own node `beforeNode`, or before its base's trigger `beforeTrigger`, which it runs first. */
export type BuildPoint = { readonly beforeNode: number } | { readonly beforeTrigger: number };

/**
 * Whether an ENV with a variable key sets `name` for a use in `stage`: an ENV of a stage below it in
 * its FROM chain, an ONBUILD ENV such a stage runs, or an ENV of `stage` itself before `beforeNode`.
 * With `beforeTrigger`, the use is in that ONBUILD trigger of the stage `stage` is built FROM, which
 * `stage` runs before its own instructions: only the base's triggers before it count in `stage`.
 */
export function setThroughVariableKey(model: DockerfileModel, stage: Stage, name: string, where: BuildPoint): boolean {
  const names = keyedNames(model);
  const entries = names?.byName.get(name);
  if (!names || !entries) return false;
  for (const entry of entries) {
    if (entry.stage === stage) {
      if ('beforeTrigger' in where ? entry.trigger && entry.nodeIndex < where.beforeTrigger : entry.trigger || entry.nodeIndex < where.beforeNode) return true;
    } else if (names.enter[entry.stage.index] < names.enter[stage.index] && names.leave[stage.index] < names.leave[entry.stage.index]) return true;
  }
  return false;
}

/** Whether the model has an ENV with a variable key, so values it worked out by name may miss what such an ENV set. */
export const hasKeyedEnv = (model: DockerfileModel): boolean => keyedNames(model) !== null;

/** The ENV with a variable key that last set a name by a point of a build, with the stage that ran it. */
export interface KeyedSetting {
  readonly declaration: Declaration;
  readonly stage: Stage;
  readonly trigger: boolean;
}

/**
 * What ENVs with variable keys make of `name` at a point of `stage`'s build, against `resolved`,
 * the declaration the model found there by name (which knows nothing of them): undefined when none
 * of them set it later than `resolved` ran (then `resolved` stands); the one that did, when its key
 * is known; 'unknown' when the last that may have is an ENV whose key the file leaves open (`ARG K`
 * without a value, an undeclared name), which could set any name. An ENV beats an ARG of the same
 * name whatever their order, as in BuildKit.
 */
export function keyedSettingAt(model: DockerfileModel, stage: Stage, name: string, where: BuildPoint, resolved?: Declaration): KeyedSetting | 'unknown' | undefined {
  const names = keyedNames(model);
  if (!names) return undefined;
  const { depth, span } = names;
  const here = stage.index;
  const point = 'beforeTrigger' in where ? runOrder(depth[here], 0, where.beforeTrigger, span) : runOrder(depth[here], 1, where.beforeNode, span);
  let best: KeyedName | undefined;
  let bestOrder = -1;
  for (const entry of names.byName.get(name) ?? []) {
    const order = runOrder(depth[entry.stage.index], entry.trigger ? 0 : 1, entry.nodeIndex, span);
    const inChain = entry.stage === stage ? order < point : names.enter[entry.stage.index] < names.enter[here] && names.leave[here] < names.leave[entry.stage.index];
    if (inChain && order > bestOrder) {
      best = entry;
      bestOrder = order;
    }
  }
  // The last ENV with an open key by the point: in the stage itself, else by the end of its base.
  let openOrder = -1;
  const keys = names.open[here];
  // The last node of an ascending list below a limit, or -1: a stage may have many such ENVs.
  const before = (list: readonly number[] | undefined, limit: number) => {
    const count = list ? countBelow(list, (nodeIndex) => nodeIndex, limit) : 0;
    return count ? list![count - 1] : -1;
  };
  const ownOpen = 'beforeNode' in where ? before(keys?.own, where.beforeNode) : -1;
  const triggerOpen = before(keys?.triggers, 'beforeTrigger' in where ? where.beforeTrigger : Infinity);
  if (ownOpen >= 0) openOrder = runOrder(depth[here], 1, ownOpen, span);
  else if (triggerOpen >= 0) openOrder = runOrder(depth[here], 0, triggerOpen, span);
  else if (stage.base) openOrder = names.openByEnd[stage.base.index];
  // Where the declaration the model found ran; an ARG loses to any ENV.
  let resolvedOrder = -1;
  if (resolved?.kind === 'env' && resolved.stage >= 0) {
    const owner = resolved.stage;
    resolvedOrder = resolved.trigger ? runOrder(depth[owner] + 1, 0, resolved.nodeIndex, span) : runOrder(depth[owner], 1, resolved.nodeIndex, span);
  }
  if (Math.max(bestOrder, openOrder) <= resolvedOrder) return undefined;
  if (openOrder > bestOrder) return 'unknown';
  return best && { declaration: best.declaration, stage: best.stage, trigger: best.trigger };
}
