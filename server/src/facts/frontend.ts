// Which Dockerfile frontend a `# syntax=` reference pins, and whether a flag or mount option exists
// in that frontend. Only the official image with a numbered tag names a version we can judge: a
// floating tag (`1`, `1-labs`, `latest`), a digest, another image or no directive at all leaves the
// version unknown, and then nothing is judged.
import type { FrontendVersion } from './types';

/** The first release of the labs channel (1.2.0-labs; before it, the channel was called experimental). */
export const LABS_CHANNEL_SINCE: FrontendVersion = '1.2';

export interface FrontendPin {
  /** The pinned release as `1.N`; a patch level is dropped, since features arrive in minor releases. */
  readonly version: FrontendVersion;
  /** A `-labs` tag: the labs channel of that release. */
  readonly labs: boolean;
  /** Where the version (`1.4` or `1.4.3`) is in the reference, as offsets into it. */
  readonly versionStart: number;
  readonly versionEnd: number;
}

/** `docker/dockerfile:1.N[.P][-labs]`, optionally spelt with Docker Hub's `docker.io/`; no leading zeros. */
const PINNED = /^((?:docker\.io\/)?docker\/dockerfile:)(1\.(?:0|[1-9]\d*))(\.(?:0|[1-9]\d*))?(-labs)?$/;

/**
 * The frontend a `# syntax=` reference pins (the directive's value up to its first space, which is
 * what BuildKit reads), or undefined when the reference does not pin a numbered release of the
 * official image. Labs tags from before the labs channel existed are not judged either.
 */
export function parseFrontendPin(reference: string): FrontendPin | undefined {
  const match = PINNED.exec(reference);
  if (!match) return undefined;
  const version = match[2] as FrontendVersion;
  const labs = match[4] !== undefined;
  if (labs && isOlder(version, LABS_CHANNEL_SINCE)) return undefined;
  const versionStart = match[1].length;
  return { version, labs, versionStart, versionEnd: versionStart + match[2].length + (match[3]?.length ?? 0) };
}

/**
 * Whether a `# syntax=` reference names a frontend other than the official Dockerfile frontend:
 * `docker/dockerfile` or `docker/dockerfile-upstream`, on Docker Hub or a mirror of it, with any tag
 * or digest. Such a frontend (`devthefuture/dockerfile-x` with its `INCLUDE`) may accept what
 * docker/dockerfile refuses.
 */
export function isOtherFrontend(reference: string): boolean {
  const name = reference.replace(/@.*$/, '').replace(/:[^/]*$/, '');
  return !/(?:^|\/)docker\/dockerfile(?:-upstream)?$/.test(name);
}

function minor(version: FrontendVersion): number {
  return Number(version.slice(2));
}

/** Whether `a` is an older release than `b` (both `1.N`). */
export function isOlder(a: FrontendVersion, b: FrontendVersion): boolean {
  return minor(a) < minor(b);
}

/** What a flag or mount option needs, as its facts entry says. */
export interface VersionedFeature {
  readonly since?: FrontendVersion;
  readonly labs?: boolean;
  readonly labsSince?: FrontendVersion;
}

/** The releases that have a feature: the first stable one (none while it is labs-only) and the first labs one. */
export interface FrontendNeed {
  readonly stable?: FrontendVersion;
  readonly labs: FrontendVersion;
}

/**
 * What a feature needs when the pinned frontend lacks it, or undefined when the pin has it or its
 * history is not in the facts (no `labsSince`): a version we have not checked is never held against a file.
 */
export function missingFrom(feature: VersionedFeature, pin: FrontendPin): FrontendNeed | undefined {
  const labs = feature.labsSince;
  if (labs === undefined) return undefined;
  const need: FrontendNeed = feature.labs || feature.since === undefined ? { labs } : { stable: feature.since, labs };
  if (pin.labs) return isOlder(pin.version, labs) ? need : undefined;
  if (need.stable === undefined) return feature.labs ? need : undefined;
  return isOlder(pin.version, need.stable) ? need : undefined;
}
