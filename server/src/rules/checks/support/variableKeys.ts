// ENVs whose key is a variable (`ENV $KEY=bar`). BuildKit expands an ENV's key as it expands its
// value (instructions: `expandKvp`), in the environment before the instruction, and adds the result
// to the stage's environment; the words after it are expanded in that environment. So with
// `ARG KEY=FOO` before it, the ENV sets FOO, and BuildKit's UndefinedVar says nothing about `$FOO`.
// The name is known here when every variable of the key has a value the model knows without a build.
// A `--build-arg` could change it; UndefinedVar then stays quiet rather than warn on the default build.
//
// Cost: the index is made once per model, and only for a file that has such an ENV. A use then reads
// the entries of its name, all of them: a file where thousands of stages set the same name through a
// variable key pays their number per use (12,000 such stages: 7.9 s against 1.6 without keyed ENVs).
// Such files are not known to exist; an index per chain would remove it.

import { foldName, type Declaration, type DockerfileModel, type ScopeLookup, type Stage } from '../../../semantics';
import { countBelow, lex } from '../../../syntax';
import { hasVariableKey, setRegardless } from './alwaysSet';

export { hasVariableKey };


/**
 * The name an ENV sets: its key, expanded when it is written with variables, each read from `scope`
 * when given, else taken as the model resolved it where the key is. Undefined when a variable of the
 * key has no known value, or the key expands to nothing.
 */
export function envKeyName(model: DockerfileModel, declaration: Declaration, scope?: ScopeLookup): string | undefined {
  return envKey(model, declaration, scope) ?? undefined;
}

/**
 * Whether an ENV with a variable key other than `declaration` runs before it, in its FROM chain: one
 * may have set a name its key reads, which the model, resolving by name, does not know of. (A
 * trigger runs after the whole stage that declares it, so every keyed ENV of that stage counts.)
 */
function otherKeyedEnvBefore(model: DockerfileModel, declaration: Declaration): boolean {
  const stage = model.stages[declaration.stage] as Stage | undefined;
  if (!stage) return false;
  for (let base = stage.base; base; base = base.base) if (model.hasVariableKeyEnv(base.index)) return true;
  if (!model.hasVariableKeyEnv(stage.index)) return false;
  const at = declaration.span.start;
  return model.declarationsOf(stage).some((d) => d !== declaration && hasVariableKey(d) && (declaration.trigger ? !d.trigger || d.span.start < at : !d.trigger && d.span.start < at));
}

/**
 * The name an ENV sets as its key expands: undefined when it cannot be told without a build (a
 * variable that a --build-arg, the base image or an earlier keyed ENV may set; a key with a `=`,
 * which the build's state keeps whole as the name while the image's configuration reads the part
 * before it), null when it expands to nothing.
 */
function envKey(model: DockerfileModel, declaration: Declaration, scope?: ScopeLookup): string | null | undefined {
  if (!hasVariableKey(declaration)) return declaration.name;
  const span = declaration.nameSpan;
  const stage = model.stages[declaration.stage] as Stage | undefined;
  const values = new Map<string, string | undefined>();
  for (const use of model.usesInNode(declaration.nodeIndex)) {
    if (use.span.start < span.start || use.span.end > span.end) continue;
    let value = scope ? scope.get(use.name)?.value : use.value;
    if (value === undefined) {
      // A declared variable without a known value (`ARG K`) could be set by a --build-arg, and a
      // name the base image sets has the image's value; any other name is unset, so empty.
      const declared = scope ? scope.has(use.name) : use.declaration !== undefined;
      if (declared || setRegardless(stage, use.name) || otherKeyedEnvBefore(model, declaration)) return undefined;
      value = '';
    }
    values.set(use.name, value);
  }
  const result = lex(model.tree.slice(span.start, span.end), (name) => values.get(name), { escape: model.tree.escape, splitWords: false });
  if (result.error) return undefined;
  if (!result.value) return null;
  return result.value.includes('=') ? undefined : result.value;
}

/** A name an ENV with a variable key sets, in `stage` (and the stages built FROM it). */
interface KeyedName {
  readonly stage: Stage;
  /** The ENV's node: in `stage` itself, or, for an ONBUILD trigger of its base, in the base. */
  readonly nodeIndex: number;
  /** An ONBUILD ENV of the base stage, which `stage` runs before its own instructions. */
  readonly trigger: boolean;
  readonly declaration: Declaration;
  /** The name as the key expands, in its case (the index holds it folded, for Windows stages). */
  readonly name: string;
}

/** Where the ENVs with a key the file leaves open run in one stage (the offsets of their pairs, ascending). */
interface OpenKeys {
  /** Its own ENVs. */
  readonly own: number[];
  /** Its base's ONBUILD ENVs, which it runs first. */
  readonly triggers: number[];
}

interface KeyedNames {
  /** Keyed by the folded name: a Windows stage reads names regardless of case. */
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
  /** The size of one phase of a stage in `order`: more than any offset of the document. */
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
  const add = (key: string | null | undefined, entry: Omit<KeyedName, 'name'>) => {
    any = true;
    // A key that expands to nothing sets no name a word can read.
    if (key === null) return;
    if (key === undefined) {
      (entry.trigger ? openIn(entry.stage).triggers : openIn(entry.stage).own).push(entry.declaration.span.start);
      return;
    }
    const folded = foldName(key);
    const full = { ...entry, name: key };
    const list = byName.get(folded);
    if (list) list.push(full);
    else byName.set(folded, [full]);
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
        add(envKey(model, declaration, model.inheritedTriggerLookup(stage, declaration.nodeIndex)), { stage, nodeIndex: declaration.nodeIndex, trigger: true, declaration });
      }
    }
    for (const declaration of own) if (!declaration.trigger) add(envKey(model, declaration), { stage, nodeIndex: declaration.nodeIndex, trigger: false, declaration });
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
    const span = model.tree.length + 1;
    // A base stage comes before the stages built FROM it, so its entry is ready when they ask.
    const openByEnd = new Float64Array(model.stages.length);
    for (const stage of model.stages) {
      const keys = open[stage.index];
      const at = (phase: number, offset: number) => runOrder(depth[stage.index], phase, offset, span);
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
 * Where a pair of an instruction takes effect in the build of a stage, as a number that grows with it
 * along one FROM chain: the chain's stages in turn, in each the base's ONBUILD triggers (phase 0)
 * before its own instructions (phase 1), each in the order of its offset, so the pairs of one ENV or
 * ARG line in their order too (BuildKit adds them one by one).
 */
function runOrder(depth: number, phase: 0 | 1 | number, offset: number, span: number): number {
  return (depth * 2 + phase) * span + offset;
}

/** Whether a declaration sets its name when it runs: an ENV, or an ARG with a value (its own or a global ARG's); `ARG NAME` alone sets nothing. */
const setsName = (declaration: Declaration): boolean =>
  declaration.kind === 'env' || declaration.rawValue !== undefined || declaration.inherits?.rawValue !== undefined;

/** The entries of the index for a name as `stage` reads it: in a Windows stage, any spelling. */
function entriesFor(names: KeyedNames, stage: Stage, name: string): readonly KeyedName[] {
  const entries = names.byName.get(foldName(name));
  if (!entries || stage.windows) return entries ?? [];
  return entries.every((entry) => entry.name === name) ? entries : entries.filter((entry) => entry.name === name);
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
  if (!names) return false;
  for (const entry of entriesFor(names, stage, name)) {
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
 * of them set it later than `resolved` did (then `resolved` stands); the one that did, when its key
 * is known; 'unknown' when the last that may have is an ENV whose key the file leaves open (`ARG K`
 * without a value), which could set any name. BuildKit adds ENV pairs and ARGs with a value to the
 * environment one by one, so the last of them wins, whatever kind; a use sees the state before its
 * instruction, as every word of an instruction is expanded before any of its pairs is added.
 */
export function keyedSettingAt(model: DockerfileModel, stage: Stage, name: string, where: BuildPoint, resolved?: Declaration): KeyedSetting | 'unknown' | undefined {
  const names = keyedNames(model);
  if (!names) return undefined;
  const { depth, span } = names;
  const tree = model.tree;
  const here = stage.index;
  const point = 'beforeTrigger' in where ? runOrder(depth[here], 0, tree.start(where.beforeTrigger), span) : runOrder(depth[here], 1, tree.start(where.beforeNode), span);
  let best: KeyedName | undefined;
  let bestOrder = -1;
  for (const entry of entriesFor(names, stage, name)) {
    const order = runOrder(depth[entry.stage.index], entry.trigger ? 0 : 1, entry.declaration.span.start, span);
    const inChain = entry.stage === stage ? order < point : names.enter[entry.stage.index] < names.enter[here] && names.leave[here] < names.leave[entry.stage.index];
    if (inChain && order > bestOrder) {
      best = entry;
      bestOrder = order;
    }
  }
  // The last ENV with an open key by the point: in the stage itself, else by the end of its base.
  let openOrder = -1;
  const keys = names.open[here];
  // The last offset of an ascending list below a limit, or -1: a stage may have many such ENVs.
  const before = (list: readonly number[] | undefined, limit: number) => {
    const count = list ? countBelow(list, (offset) => offset, limit) : 0;
    return count ? list![count - 1] : -1;
  };
  const ownOpen = 'beforeNode' in where ? before(keys?.own, tree.start(where.beforeNode)) : -1;
  const triggerOpen = before(keys?.triggers, 'beforeTrigger' in where ? tree.start(where.beforeTrigger) : Infinity);
  if (ownOpen >= 0) openOrder = runOrder(depth[here], 1, ownOpen, span);
  else if (triggerOpen >= 0) openOrder = runOrder(depth[here], 0, triggerOpen, span);
  else if (stage.base) openOrder = names.openByEnd[stage.base.index];
  // Where the declaration the model found set the name; an ARG without a value sets nothing.
  let resolvedOrder = -1;
  if (resolved && resolved.stage >= 0 && setsName(resolved)) {
    const owner = resolved.stage;
    const offset = resolved.span.start;
    resolvedOrder = resolved.trigger ? runOrder(depth[owner] + 1, 0, offset, span) : runOrder(depth[owner], 1, offset, span);
  }
  if (Math.max(bestOrder, openOrder) <= resolvedOrder) return undefined;
  if (openOrder > bestOrder) return 'unknown';
  return best && { declaration: best.declaration, stage: best.stage, trigger: best.trigger };
}
