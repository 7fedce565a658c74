// Which language VS Code gives a file, from the manifest's associations, resolved as VS Code does:
// the `files.associations` setting (which our configurationDefaults extend) first, then the
// languages' exact file names, then the longest matching file name pattern, then the longest
// extension; every comparison ignores letter case. Only the associations this extension
// contributes are modelled, so an unclaimed name resolves to undefined.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));

interface LanguageContribution {
  readonly id: string;
  readonly filenames?: string[];
  readonly filenamePatterns?: string[];
  readonly extensions?: string[];
}

/** A file name glob with `*` (no path separators in ours) as a whole-name, case-blind test. */
function globMatches(glob: string, fileName: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${source}$`, 'i').test(fileName);
}

function byPattern(patterns: [glob: string, language: string][], fileName: string): string | undefined {
  let best: [string, string] | undefined;
  for (const entry of patterns) if (globMatches(entry[0], fileName) && (!best || entry[0].length > best[0].length)) best = entry;
  return best?.[1];
}

function languageOf(fileName: string): string | undefined {
  const configured = Object.entries(manifest.contributes.configurationDefaults['files.associations'] as Record<string, string>);
  const fromSetting = byPattern(configured, fileName);
  if (fromSetting) return fromSetting;
  const languages: LanguageContribution[] = manifest.contributes.languages;
  const lower = fileName.toLowerCase();
  const named = languages.find((l) => l.filenames?.some((n) => n.toLowerCase() === lower));
  if (named) return named.id;
  const byGlob = byPattern(languages.flatMap((l) => (l.filenamePatterns ?? []).map((p): [string, string] => [p, l.id])), fileName);
  if (byGlob) return byGlob;
  let longest: [string, string] | undefined;
  for (const l of languages) {
    for (const extension of l.extensions ?? []) {
      if (lower.endsWith(extension.toLowerCase()) && (!longest || extension.length > longest[0].length)) longest = [extension, l.id];
    }
  }
  return longest?.[1];
}

describe('file associations', () => {
  it('the names people give Dockerfiles and Containerfiles open as Dockerfiles', () => {
    const names = ['Dockerfile', 'dockerfile', 'DOCKERFILE', 'Containerfile', 'containerfile', 'app.Dockerfile', 'app.dockerfile', 'Dockerfile.dev', 'Dockerfile.prod.arm64',
      'dockerfile.windows', 'Containerfile.fedora', 'build.containerfile', 'build.Containerfile', 'Dockerfile.j2'];
    expect(names.filter((name) => languageOf(name) !== 'dockerfile')).toEqual([]);
  });

  it("a Dockerfile's own ignore file, and any other ignore file, opens as an ignore file", () => {
    // BuildKit reads NAME.dockerignore beside NAME before .dockerignore; Podman and Buildah read .containerignore.
    const names = ['.dockerignore', 'Dockerfile.dockerignore', 'app.Dockerfile.dockerignore', 'Containerfile.dockerignore', '.containerignore', 'Containerfile.containerignore'];
    expect(names.map((name) => [name, languageOf(name)])).toEqual(names.map((name) => [name, 'ignore']));
  });

  it('names that only look alike are left to other languages', () => {
    const names = ['docker-compose.yml', 'compose.yaml', 'docker-bake.hcl', 'dockerfile-lint.json', 'mydockerfile', 'Containerfile_test'];
    expect(names.map((name) => [name, languageOf(name)])).toEqual(names.map((name) => [name, undefined]));
  });
});
