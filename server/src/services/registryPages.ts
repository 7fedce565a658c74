// The web page of an image on the registry that hosts it, for registries whose page address
// follows from the image name. Unknown registries get nothing: a wrong link (say, a Docker Hub
// page for a GitLab image) is worse than none.
// Each path segment is percent-encoded on its own, so the URL is valid whatever the text held.

import type { ImageReference } from '../semantics';

export interface RegistryPage {
  readonly url: string;
  /** What the link opens, for the link's tooltip. */
  readonly tooltip: string;
}

const encodePath = (segments: readonly string[]): string => segments.map(encodeURIComponent).join('/');

/** Regional Container Registry hosts and the region their console pages use. */
const GCR_REGIONS: Record<string, string> = { 'gcr.io': 'global', 'us.gcr.io': 'us', 'eu.gcr.io': 'eu', 'asia.gcr.io': 'asia' };
/** Artifact Registry hosts: `<location>-docker.pkg.dev`. */
const ARTIFACT_REGISTRY = /^([a-z0-9-]+)-docker\.pkg\.dev$/;

export function registryPage(reference: ImageReference): RegistryPage | undefined {
  const host = reference.registry.toLowerCase();
  const parts = reference.repository.split('/');
  const name = reference.repository;
  const page = (url: string, site: string, shown = name): RegistryPage => ({ url, tooltip: `Open ${shown} on ${site}` });

  if (host === 'docker.io') {
    // Docker Hub has `library/x` (its page is `/_/x`) and `namespace/name`; nothing deeper.
    if (reference.inLibrary) return page(`https://hub.docker.com/_/${encodeURIComponent(parts[1])}`, 'Docker Hub', parts[1]);
    return parts.length === 2 ? page(`https://hub.docker.com/r/${encodePath(parts)}`, 'Docker Hub') : undefined;
  }
  if (host === 'ghcr.io') {
    // ghcr.io sends a browser asking for an image to the package's page on GitHub.
    return parts.length >= 2 ? page(`https://ghcr.io/${encodePath(parts)}`, 'GitHub Container Registry') : undefined;
  }
  if (host === 'quay.io') return parts.length === 2 ? page(`https://quay.io/repository/${encodePath(parts)}`, 'Quay') : undefined;
  if (host === 'mcr.microsoft.com') return page(`https://mcr.microsoft.com/artifact/mar/${encodePath(parts)}`, 'Microsoft Artifact Registry');
  if (host === 'public.ecr.aws') {
    return parts.length >= 2 ? page(`https://gallery.ecr.aws/${encodePath(parts)}`, 'the Amazon ECR Public Gallery') : undefined;
  }
  if (host === 'registry.k8s.io') {
    // No web pages: the registry's own tag list (JSON) is the one page every image has.
    return page(`https://registry.k8s.io/v2/${encodePath(parts)}/tags/list`, 'registry.k8s.io (its tag list)');
  }
  if (host === 'nvcr.io') {
    if (parts.length === 2) return page(`https://catalog.ngc.nvidia.com/orgs/${encodePath([parts[0]])}/containers/${encodeURIComponent(parts[1])}`, 'NVIDIA NGC');
    if (parts.length === 3) {
      return page(`https://catalog.ngc.nvidia.com/orgs/${encodePath([parts[0]])}/teams/${encodeURIComponent(parts[1])}/containers/${encodeURIComponent(parts[2])}`, 'NVIDIA NGC');
    }
    return undefined;
  }
  const gcrRegion = GCR_REGIONS[host];
  if (gcrRegion) {
    if (parts.length < 2) return undefined;
    const [project, ...image] = parts;
    return page(`https://console.cloud.google.com/gcr/images/${encodeURIComponent(project)}/${gcrRegion}/${encodePath(image)}`, 'Google Cloud console');
  }
  const artifactRegistry = ARTIFACT_REGISTRY.exec(host);
  if (artifactRegistry) {
    if (parts.length < 3) return undefined;
    const [project, repository, ...image] = parts;
    const location = artifactRegistry[1];
    return page(
      `https://console.cloud.google.com/artifacts/docker/${encodeURIComponent(project)}/${location}/${encodeURIComponent(repository)}/${encodePath(image)}`,
      'Google Cloud console',
    );
  }
  return undefined;
}
