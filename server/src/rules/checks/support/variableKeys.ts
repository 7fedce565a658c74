// ENVs whose key is a variable (`ENV $KEY=bar`). BuildKit expands an ENV's key as it expands its
// value (instructions: `expandKvp`), in the environment before the instruction, and adds the result
// to the stage's environment; the words after it are expanded in that environment. So with
// `ARG KEY=FOO` before it, the ENV sets FOO, and BuildKit's UndefinedVar says nothing about `$FOO`.
// The name is known here when every variable of the key has a value the model knows without a build.
// A `--build-arg` could change it; UndefinedVar then stays quiet rather than warn on the default build.

import type { Declaration, DockerfileModel, ScopeLookup, Stage } from '../../../semantics';
import { lex } from '../../../syntax';

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
}

interface KeyedNames {
  readonly byName: ReadonlyMap<string, readonly KeyedName[]>;
  /** Each stage's place in a walk of the FROM tree: a stage is below another when its place lies within the other's. */
  readonly enter: Int32Array;
  readonly leave: Int32Array;
}

const keyedNamesByModel = new WeakMap<DockerfileModel, KeyedNames | null>();

/**
 * The names the model's ENVs with variable keys set, each with where: made once per model (null
 * without any such ENV whose name is known), so a use costs a look-up of its name, however long the
 * FROM chain. An ONBUILD ENV is expanded where the stage built FROM its stage runs it: in what the
 * stage ends with, its ARGs too, and the triggers before it (`inheritedTriggerLookup`).
 */
function keyedNames(model: DockerfileModel): KeyedNames | null {
  const known = keyedNamesByModel.get(model);
  if (known !== undefined) return known;
  const byName = new Map<string, KeyedName[]>();
  const add = (name: string | undefined, entry: KeyedName) => {
    if (name === undefined) return;
    const list = byName.get(name);
    if (list) list.push(entry);
    else byName.set(name, [entry]);
  };
  const triggersOf: (readonly Declaration[])[] = [];
  const children: number[][] = model.stages.map(() => []);
  for (const stage of model.stages) {
    const own = model.declarationsOf(stage).filter(hasVariableKey);
    triggersOf.push(own.filter((declaration) => declaration.trigger));
    for (const declaration of own) if (!declaration.trigger) add(envKeyName(model, declaration), { stage, nodeIndex: declaration.nodeIndex, trigger: false });
    const base = stage.base;
    if (!base) continue;
    children[base.index].push(stage.index);
    for (const declaration of triggersOf[base.index]) {
      add(envKeyName(model, declaration, model.inheritedTriggerLookup(stage, declaration.nodeIndex)), { stage, nodeIndex: declaration.nodeIndex, trigger: true });
    }
  }
  let result: KeyedNames | null = null;
  if (byName.size) {
    // Numbered in a walk of the FROM tree, without recursion: a stage's descendants come right after it.
    const enter = new Int32Array(model.stages.length);
    const leave = new Int32Array(model.stages.length);
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
          stack.push([next, 0]);
        }
      }
    }
    result = { byName, enter, leave };
  }
  keyedNamesByModel.set(model, result);
  return result;
}

/**
 * Whether an ENV with a variable key sets `name` for a use in `stage`: an ENV of a stage below it in
 * its FROM chain, an ONBUILD ENV such a stage runs, or an ENV of `stage` itself before `beforeNode`.
 * With `beforeTrigger`, the use is in that ONBUILD trigger of the stage `stage` is built FROM, which
 * `stage` runs before its own instructions: only the base's triggers before it count in `stage`.
 */
export function setThroughVariableKey(model: DockerfileModel, stage: Stage, name: string, where: { beforeNode: number } | { beforeTrigger: number }): boolean {
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
