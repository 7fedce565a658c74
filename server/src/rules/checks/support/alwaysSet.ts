// Names a stage has a value for whatever its ARGs and ENVs say (UndefinedVar leaves them alone), and
// ENVs that may set any name; required-variable-missing calls nothing certainly unset past either.

import { getPredefinedArg } from '../../../facts';
import { baseImageEnv, foldName, type Declaration, type DockerfileModel, type Stage } from '../../../semantics';

/** BuildKit's SBOM switches (facts: `outsideEnvironment`) are read as build arguments, never as variables. */
const notVariable = (name: string): boolean => getPredefinedArg(name)?.outsideEnvironment === true;

/**
 * Whether a name has a value in the stage whatever its ARGs and ENVs: PATH, which BuildKit gives every
 * stage (named in any case in a Windows stage); a name the registry image the stage starts from
 * (through its FROM chain) sets in its config; or a name that is no variable (the SBOM switches).
 */
export function setRegardless(stage: Stage | undefined, name: string): boolean {
  if ((stage?.windows ? foldName(name) : name) === 'PATH' || notVariable(name)) return true;
  return stage !== undefined && baseImageEnv(stage)?.names.has(name) === true;
}

/**
 * Whether a declaration of the stage's chain (in the stage itself, before `beforeNode`) satisfies
 * `test`. A base stage's ONBUILD triggers count: they run in the stage built on it.
 */
export function inChain(model: DockerfileModel, stage: Stage, beforeNode: number, test: (declaration: Declaration) => boolean): boolean {
  for (let at: Stage | undefined = stage; at; at = at.base) {
    for (const declaration of model.declarationsOf(at)) {
      if (at === stage && declaration.nodeIndex >= beforeNode) break;
      if (test(declaration)) return true;
    }
  }
  return false;
}

/** Whether a declaration is an ENV whose key is written with a variable (`ENV $KEY=1`). */
export const hasVariableKey = (declaration: Declaration): boolean => declaration.kind === 'env' && declaration.name.includes('$');

// Per stage (a version's own object): whether a stage below it in its FROM chain has an ENV with a
// variable key. Each stage asks its base once, so a long chain is walked once, not once per use.
const basesWithVariableKey = new WeakMap<Stage, boolean>();

function basesHaveVariableKey(model: DockerfileModel, stage: Stage): boolean {
  // Down to the nearest stage already answered, then the answers back up, without recursion.
  const pending: Stage[] = [];
  let at: Stage | undefined = stage;
  let found = false;
  while (at) {
    const known = basesWithVariableKey.get(at);
    if (known !== undefined) {
      found = known;
      break;
    }
    pending.push(at);
    at = at.base;
  }
  for (let i = pending.length - 1; i >= 0; i--) {
    const base = pending[i].base;
    // A base's ONBUILD triggers count: they run in the stage built on it.
    if (base && !found) found = model.hasVariableKeyEnv(base.index);
    basesWithVariableKey.set(pending[i], found);
  }
  return found;
}

/**
 * Whether an ENV of the stage's chain (in the stage itself, before `beforeNode`) names its variable
 * through a variable (`ENV $KEY=1`): BuildKit expands ENV keys too, so such an ENV may set any name.
 */
export function envWithVariableKey(model: DockerfileModel, stage: Stage, beforeNode: number): boolean {
  if (basesHaveVariableKey(model, stage)) return true;
  if (!model.hasVariableKeyEnv(stage.index)) return false;
  for (const declaration of model.declarationsOf(stage)) {
    if (declaration.nodeIndex >= beforeNode) break;
    if (hasVariableKey(declaration)) return true;
  }
  return false;
}
