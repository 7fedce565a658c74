// Image references (`[registry/]repository[:tag][@digest]`) as the container tools read them:
// the grammar of distribution/reference, and Docker's normalisation (docker.io, `library/`,
// the implied `latest` tag). Used by hover, document links and FROM validation.

export interface ImageReference {
  readonly raw: string;
  /** The registry as written, when the reference names one (`ghcr.io`, `localhost:5000`). */
  readonly domain?: string;
  /** The repository path as written (`nginx`, `library/nginx`, `org/app`). */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
  /** Offsets into `raw`. */
  readonly spans: {
    readonly domain?: { start: number; end: number };
    readonly path: { start: number; end: number };
    readonly tag?: { start: number; end: number };
    readonly digest?: { start: number; end: number };
  };
  /** The registry after normalisation: `docker.io` when none is written. */
  readonly registry: string;
  /** The repository after normalisation: a one-word Docker Hub name gains `library/` (`library/nginx`). */
  readonly repository: string;
  /**
   * The repository is in Docker Hub's `library/` namespace, where the Docker Official Images are
   * published. Any one-word name lands there, so this says nothing about the image being one.
   */
  readonly inLibrary: boolean;
  /** Neither tag nor digest is written, so `latest` is used. */
  readonly implicitLatest: boolean;
}

export type ImageReferenceResult = { readonly ok: true; readonly reference: ImageReference } | { readonly ok: false; readonly error: string };

export const DEFAULT_REGISTRY = 'docker.io';
const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PORT = /^[0-9]+$/;
const IPV6 = /^\[[0-9a-fA-F:.]+\]$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
/** An image ID without its algorithm: ParseNormalizedNamed refuses a whole reference of this shape. */
const IMAGE_ID = /^[a-f0-9]{64}$/;

/** A path component: lower-case alphanumerics joined by `.`, `_`, `__` or runs of `-`. */
function isPathComponent(component: string): boolean {
  if (component.length === 0) return false;
  let i = 0;
  const alnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  const run = (): boolean => {
    const from = i;
    while (i < component.length && alnum(component.charCodeAt(i))) i++;
    return i > from;
  };
  if (!run()) return false;
  while (i < component.length) {
    const c = component[i];
    if (c === '.' || c === '_') {
      i++;
      if (c === '_' && component[i] === '_') i++;
    } else if (c === '-') {
      while (component[i] === '-') i++;
    } else return false;
    if (!run()) return false;
  }
  return true;
}

function isDomain(domain: string): boolean {
  let host = domain;
  const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
  if (portAt > 0) {
    if (!PORT.test(domain.slice(portAt + 1))) return false;
    host = domain.slice(0, portAt);
  }
  if (IPV6.test(host)) return true;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/** Docker's rule for whether the first path component names a registry. */
function looksLikeDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
}

/** Parses and normalises an image reference; errors read like Docker's. */
export function parseImageReference(raw: string): ImageReferenceResult {
  if (raw.length === 0) return { ok: false, error: 'invalid reference format: empty' };
  // Only the whole text: with a tag, a digest or a registry in front, such a name is an image like any other.
  if (IMAGE_ID.test(raw)) return { ok: false, error: '64 hexadecimal digits read as an image ID, not a name' };
  let rest = raw;
  let digest: string | undefined;
  let digestStart = -1;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    digestStart = at + 1;
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, error: 'invalid reference format: bad digest' };
    if (digest.startsWith('sha256:') && digest.length !== 'sha256:'.length + 64) {
      return { ok: false, error: 'invalid checksum digest length' };
    }
  }
  let tag: string | undefined;
  let tagStart = -1;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    tagStart = colon + 1;
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: 'invalid reference format: bad tag' };
  }
  if (rest.length === 0) return { ok: false, error: 'invalid reference format: missing repository' };

  let domain: string | undefined;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash > 0 && looksLikeDomain(rest.slice(0, slash))) {
    domain = rest.slice(0, slash);
    path = rest.slice(slash + 1);
    // The grammar makes the registry optional, so a first part that is no host name but is a
    // valid path component (`my_reg.io`) still parses: as part of the repository path.
    if (!isDomain(domain) && !isPathComponent(domain)) return { ok: false, error: 'invalid reference format: bad registry' };
  }
  const components = path.split('/');
  if (!components.every(isPathComponent)) {
    if (path !== path.toLowerCase() && components.every((c) => isPathComponent(c.toLowerCase()))) {
      return { ok: false, error: 'invalid reference format: repository name must be lowercase' };
    }
    return { ok: false, error: 'invalid reference format' };
  }
  const pathStart = domain !== undefined ? domain.length + 1 : 0;
  const registry = domain === undefined || domain === 'index.docker.io' ? DEFAULT_REGISTRY : domain;
  const inLibrary = registry === DEFAULT_REGISTRY && (components.length === 1 || (components.length === 2 && components[0] === 'library'));
  const repository = registry === DEFAULT_REGISTRY && components.length === 1 ? `library/${path}` : path;
  // The limit applies to the normalised name (`index.docker.io` becomes `docker.io`, `library/` is added).
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    return { ok: false, error: `repository name must not be more than ${MAX_NAME_LENGTH} characters` };
  }
  return {
    ok: true,
    reference: {
      raw,
      domain,
      path,
      tag,
      digest,
      spans: {
        domain: domain !== undefined ? { start: 0, end: domain.length } : undefined,
        path: { start: pathStart, end: pathStart + path.length },
        tag: tag !== undefined ? { start: tagStart, end: tagStart + tag.length } : undefined,
        digest: digest !== undefined ? { start: digestStart, end: digestStart + digest.length } : undefined,
      },
      registry,
      repository,
      inLibrary,
      implicitLatest: tag === undefined && digest === undefined,
    },
  };
}
