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

/**
 * Whether an ENV of the stage's chain names its variable through a variable (`ENV $KEY=1`): BuildKit
 * expands ENV keys too, so such an ENV may set any name.
 */
export function envWithVariableKey(model: DockerfileModel, stage: Stage, beforeNode: number): boolean {
  return inChain(model, stage, beforeNode, (declaration) => declaration.kind === 'env' && declaration.name.includes('$'));
}
