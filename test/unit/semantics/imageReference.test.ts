import { describe, expect, it } from 'vitest';
import { parseImageReference } from '../../../server/src/semantics';

const ok = (raw: string) => {
  const result = parseImageReference(raw);
  if (!result.ok) throw new Error(`${raw}: ${result.error}`);
  const r = result.reference;
  return [r.domain, r.path, r.tag, r.digest, r.registry, r.repository, r.inLibrary, r.implicitLatest];
};

describe('image references', () => {
  it('normalises Docker Hub names', () => {
    expect(ok('nginx')).toEqual([undefined, 'nginx', undefined, undefined, 'docker.io', 'library/nginx', true, true]);
    expect(ok('library/nginx:1.27')).toEqual([undefined, 'library/nginx', '1.27', undefined, 'docker.io', 'library/nginx', true, false]);
    // Any one-word name lands in library/, a local tag or a typo as much as an Official Image.
    expect(ok('myapp:dev')).toEqual([undefined, 'myapp', 'dev', undefined, 'docker.io', 'library/myapp', true, false]);
    expect(ok('bitnami/redis:7.2-debian')).toEqual([undefined, 'bitnami/redis', '7.2-debian', undefined, 'docker.io', 'bitnami/redis', false, false]);
    expect(ok('docker.io/library/alpine:3.20')).toEqual(['docker.io', 'library/alpine', '3.20', undefined, 'docker.io', 'library/alpine', true, false]);
  });

  it('reads registries, ports, tags and digests', () => {
    const digest = 'sha256:' + 'a'.repeat(64);
    expect(ok(`ghcr.io/org/app:v1@${digest}`)).toEqual(['ghcr.io', 'org/app', 'v1', digest, 'ghcr.io', 'org/app', false, false]);
    expect(ok('localhost:5000/app')).toEqual(['localhost:5000', 'app', undefined, undefined, 'localhost:5000', 'app', false, true]);
    expect(ok('mcr.microsoft.com/dotnet/sdk:8.0')).toEqual(['mcr.microsoft.com', 'dotnet/sdk', '8.0', undefined, 'mcr.microsoft.com', 'dotnet/sdk', false, false]);
  });

  it('gives spans into the text', () => {
    const result = parseImageReference('ghcr.io/org/app:v1');
    expect(result.ok && result.reference.spans).toEqual({ domain: { start: 0, end: 7 }, path: { start: 8, end: 15 }, tag: { start: 16, end: 18 }, digest: undefined });
  });

  it('rejects what Docker rejects', () => {
    for (const bad of ['', 'golang:', 'debian:-slim', 'docker:-dind', 'authelia/base:@sha256:', 'Ubuntu', 'a//b', 'app:v1@sha256:abc', '-x']) {
      expect(parseImageReference(bad).ok, bad).toBe(false);
    }
    expect(parseImageReference('MyOrg/app').ok).toBe(true); // an upper-case first part names a registry
    expect(parseImageReference('my_reg:5000/x')).toEqual({ ok: false, error: 'invalid reference format: bad registry' });
  });

  it('refuses exactly 64 lower-case hexadecimal digits, an image ID, as distribution/reference does', () => {
    const id = 'f'.repeat(64);
    expect(parseImageReference(id)).toEqual({ ok: false, error: '64 hexadecimal digits read as an image ID, not a name' });
    expect(parseImageReference('1'.repeat(64)).ok).toBe(false);
    for (const good of [`${id}:1`, `${id}@sha256:${id}`, `docker.io/${id}`, 'f'.repeat(63), 'f'.repeat(65), `${'f'.repeat(63)}g`]) {
      expect(parseImageReference(good).ok, good).toBe(true);
    }
    expect(parseImageReference('F'.repeat(64))).toEqual({ ok: false, error: 'invalid reference format: repository name must be lowercase' });
  });

  it('reads a first part that is no host name but a path component as part of the path, as the grammar allows', () => {
    expect(ok('my_reg.io/tools/app:1')).toEqual(['my_reg.io', 'tools/app', '1', undefined, 'my_reg.io', 'tools/app', false, false]);
  });

  it('limits the length of the normalised name', () => {
    const long = 'a'.repeat(238);
    // index.docker.io becomes docker.io before the name is measured: 250 characters.
    expect(parseImageReference(`index.docker.io/u/${long}`).ok).toBe(true);
    expect(parseImageReference(`example.com/u/${'a'.repeat(243)}`)).toEqual({ ok: false, error: 'repository name must not be more than 255 characters' });
    // A Docker Hub name gets docker.io/library/ first.
    expect(parseImageReference('a'.repeat(240)).ok).toBe(false);
  });
});
