// The global scope of FROM lines as BuildKit evaluates it when no --build-arg is given: the
// automatic platform arguments (for a linux/amd64 builder, as `docker build --check` on such a
// host sees them), TARGETSTAGE, and each ARG before the first FROM with its default expanded in
// order. Several FROM checks (InvalidDefaultArgInFrom, RedundantTargetPlatform) evaluate in it.

import { PREDEFINED_ARGS } from '../../../facts';
import type { DockerfileModel } from '../../../semantics';
import { lex, type Environment } from '../../../syntax';
import { PLATFORM_STAND_INS } from '../../platformStandIns';


export interface GlobalArgs {
  /** Names with values (unset names are absent), in BuildKit's no-build-arg evaluation. */
  readonly values: ReadonlyMap<string, string>;
  readonly environment: Environment;
  /** False when a global ARG default fails to expand: BuildKit then abandons these checks. */
  readonly ok: boolean;
}

const cache = new WeakMap<DockerfileModel, GlobalArgs>();

export function globalArgs(model: DockerfileModel): GlobalArgs {
  let result = cache.get(model);
  if (!result) {
    result = evaluateGlobalArgs(model);
    cache.set(model, result);
  }
  return result;
}

function evaluateGlobalArgs(model: DockerfileModel): GlobalArgs {
  const values = new Map<string, string>();
  const lastStage = model.stages[model.stages.length - 1];
  for (const arg of PREDEFINED_ARGS) {
    if (!arg.automatic) continue;
    values.set(arg.name, arg.name === 'TARGETSTAGE' ? (lastStage?.nameLower ?? 'default') : (PLATFORM_STAND_INS[arg.name] ?? ''));
  }
  const environment: Environment = (name) => values.get(name);
  let ok = true;
  for (const declaration of model.globalArgs) {
    if (declaration.kind !== 'arg' || declaration.rawValue === undefined) continue;
    const result = lex(declaration.rawValue, environment, { escape: model.tree.escape, splitWords: false });
    if (result.error) {
      ok = false;
      break;
    }
    values.set(declaration.name, result.value);
  }
  return { values, environment, ok };
}
