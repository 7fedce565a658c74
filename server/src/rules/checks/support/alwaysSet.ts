// Names a stage has a value for whatever its ARGs and ENVs say. UndefinedVar leaves them alone, and
// required-variable-missing never calls them certainly unset.

import { getPredefinedArg } from '../../../facts';
import { baseImageEnv, foldName, type Stage } from '../../../semantics';

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
