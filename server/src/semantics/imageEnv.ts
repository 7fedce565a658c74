// The ENV a stage starts with from the registry image at the root of its FROM chain, as far as the
// facts know it (`imageEnvNames`). BuildKit resolves that image's config before it runs the stage,
// so these names have values there, though no ARG or ENV of the file declares them.

import { imageEnvNames } from '../facts';
import { DEFAULT_REGISTRY, parseImageReference } from './imageReference';
import type { Stage } from './model';

export interface BaseImageEnv {
  /** The image as the table names it (`golang`, `mcr.microsoft.com/dotnet/aspnet`). */
  readonly image: string;
  readonly names: ReadonlySet<string>;
}

const cache = new WeakMap<Stage, BaseImageEnv | null>();

/** What the registry image at the root of a FROM chain sets (`root` has no base stage). */
function lookUp(root: Stage): BaseImageEnv | null {
  // Windows images set other names (and in any case); the table describes Linux tags only.
  if (root.windows) return null;
  const image = root.resolvedImage;
  if (image === undefined) return null;
  const parsed = parseImageReference(image);
  if (!parsed.ok) return null;
  const { registry, repository, tag } = parsed.reference;
  const name = registry === DEFAULT_REGISTRY ? repository.replace(/^library\//, '') : `${registry}/${repository}`;
  const names = imageEnvNames(name, tag);
  return names.length > 0 ? { image: name, names: new Set(names) } : null;
}

/**
 * The names the base image sets in its config, for a stage built FROM a registry image known to
 * the facts, directly or through stages of the file built FROM it. Undefined otherwise.
 */
export function baseImageEnv(stage: Stage): BaseImageEnv | undefined {
  // Every stage of a chain shares its root's answer: walk only down to the nearest stage that has
  // one, so asking for each stage of a long FROM chain costs each stage one step, not its depth.
  const pending: Stage[] = [];
  let at = stage;
  let env = cache.get(at);
  while (env === undefined && at.base) {
    pending.push(at);
    at = at.base;
    env = cache.get(at);
  }
  if (env === undefined) cache.set(at, (env = lookUp(at)));
  for (const s of pending) cache.set(s, env);
  return env ?? undefined;
}
