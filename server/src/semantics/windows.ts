// Whether a stage evidently builds a Windows image, from what its FROM line says offline: the
// --platform, else the image's name. BuildKit learns the OS from the platform or the image's
// config; without a registry only names Microsoft publishes Windows images under count, so a
// stage is taken for Linux (BuildKit's usual case) unless the evidence is clear. A PowerShell
// SHELL or the backtick escape is no evidence: PowerShell runs on Linux, and the escape is a
// convention.

import { parseImageReference } from './imageReference';

/** Tag words of Windows variants (`python:3.12-windowsservercore-ltsc2022`, `sdk:9.0-nanoserver-1809`). */
const WINDOWS_TAG_WORDS: ReadonlySet<string> = new Set(['windowsservercore', 'nanoserver', 'servercore']);

/** Repositories of Microsoft's registry that hold Windows images only. */
function windowsRepositoryOnMcr(repository: string): boolean {
  return repository === 'windows' || repository.startsWith('windows/') || repository.startsWith('dotnet/framework/');
}

/** A word every Windows image name below holds (registry, repository or tag word). */
const WINDOWS_HINT = /microsoft|windows|nanoserver|servercore/i;

/** Docker Hub's old names of the Windows base images. */
const LEGACY_WINDOWS_REPOSITORIES: ReadonlySet<string> = new Set(['microsoft/windowsservercore', 'microsoft/nanoserver']);

/**
 * Whether an image reference names a Windows image. `image` may hold variables in its tag
 * (`mcr.microsoft.com/windows/servercore:$TAG`): the repository alone is read then.
 */
export function isWindowsImage(image: string): boolean {
  // Every name below holds one of these words: most images are told apart without being parsed.
  if (!WINDOWS_HINT.test(image)) return false;
  let text = image;
  if (text.includes('$')) {
    const colon = text.lastIndexOf(':');
    if (colon <= text.lastIndexOf('/')) return false;
    text = text.slice(0, colon);
    if (/[$"'\\`]/.test(text)) return false;
  }
  const parsed = parseImageReference(text);
  if (!parsed.ok) return false;
  const { registry, repository, tag } = parsed.reference;
  if (registry === 'mcr.microsoft.com' && windowsRepositoryOnMcr(repository)) return true;
  if (registry === 'docker.io' && LEGACY_WINDOWS_REPOSITORIES.has(repository)) return true;
  return tag !== undefined && tag.toLowerCase().split(/[-_.]/).some((word) => WINDOWS_TAG_WORDS.has(word));
}

/**
 * The OS a --platform value names, when it names one: `windows/amd64`, `linux/arm64/v8`, `windows`
 * and an OS version in parentheses (`windows(10.0.17763)/amd64`). A lone architecture (`arm64`)
 * means the builder's OS, which is not known here.
 */
export function platformOS(platform: string): string | undefined {
  const parts = platform.replace(/\([^)]*\)/, '').split('/');
  const os = parts[0].toLowerCase();
  if (os === '') return undefined;
  if (parts.length > 1) return os;
  return os === 'windows' || os === 'linux' ? os : undefined;
}
