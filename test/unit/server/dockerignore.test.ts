// Reading the ignore file that applies to a Dockerfile, and the .dockerignore cache: the first read is awaited, later runs get the text in hand at once,
// a stale entry is refreshed in the background, and only a refresh that finds other text reports
// a change.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DockerignoreCache, dockerignoreCandidates, readDockerignore, type IgnoreSource } from '../../../server/src/server/dockerignore';

function fixture(maxAgeMs = 1000) {
  let clock = 0;
  // An Error stands for a read that fails.
  let disk: string | undefined | Error = 'node_modules\n';
  const reads: string[] = [];
  const changed: string[] = [];
  const pending: (() => void)[] = [];
  let deferred = false;
  const read = (uri: string): Promise<IgnoreSource | undefined> => {
    reads.push(uri);
    const text = disk;
    if (text instanceof Error) return Promise.reject(text);
    const source = text === undefined ? undefined : { text, uri: 'file:///project/.dockerignore' };
    if (!deferred) return Promise.resolve(source);
    return new Promise((resolve) => pending.push(() => resolve(source)));
  };
  const cache = new DockerignoreCache((uri) => changed.push(uri), maxAgeMs, read, () => clock);
  return {
    cache,
    reads,
    changed,
    advance: (ms: number) => (clock += ms),
    write: (text: string | undefined | Error) => (disk = text),
    defer: () => (deferred = true),
    settle: async () => {
      for (const resolve of pending.splice(0)) resolve();
      await new Promise((r) => setImmediate(r));
    },
  };
}

const URI = 'file:///project/Dockerfile';

describe('DockerignoreCache', () => {
  it('reads once, then answers from memory while the read is current', async () => {
    const f = fixture();
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    f.advance(999);
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    expect(f.reads).toEqual([URI]);
  });

  it('refreshes a stale entry in the background and reports a change once', async () => {
    const f = fixture();
    await f.cache.get(URI);
    f.write('*.log\n');
    f.defer();
    f.advance(1001);
    // The run that finds the entry stale still gets the text in hand, without waiting.
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    // A second run while the refresh is under way starts no other read.
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    expect(f.reads).toEqual([URI, URI]);
    await f.settle();
    expect(f.changed).toEqual([URI]);
    expect((await f.cache.get(URI))?.text).toBe('*.log\n');
  });

  it('reports nothing when a refresh finds the same text, and notices a file that went away', async () => {
    const f = fixture();
    await f.cache.get(URI);
    f.advance(1001);
    await f.cache.get(URI);
    await f.settle();
    expect(f.changed).toEqual([]);
    f.write(undefined);
    f.advance(1001);
    await f.cache.get(URI);
    await f.settle();
    expect(f.changed).toEqual([URI]);
    expect(await f.cache.get(URI)).toBeUndefined();
  });

  it('forgets a closed document: a refresh under way reports nothing, and the next get reads again', async () => {
    const f = fixture();
    await f.cache.get(URI);
    f.write('*.tmp\n');
    f.defer();
    f.advance(1001);
    await f.cache.get(URI);
    f.cache.forget(URI);
    await f.settle();
    expect(f.changed).toEqual([]);
    const again = f.cache.get(URI);
    await f.settle();
    expect((await again)?.text).toBe('*.tmp\n');
    expect(f.reads).toEqual([URI, URI, URI]);
  });

  it('keeps the text in hand when a refresh fails, and tries again later', async () => {
    const f = fixture();
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    f.write(new Error('EIO'));
    f.advance(1001);
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    await f.settle();
    expect((await f.cache.get(URI))?.text).toBe('node_modules\n');
    expect(f.changed).toEqual([]);
    f.write('*.log\n');
    f.advance(1001);
    await f.cache.get(URI);
    await f.settle();
    expect(f.changed).toEqual([URI]);
    expect((await f.cache.get(URI))?.text).toBe('*.log\n');
    expect(f.reads).toEqual([URI, URI, URI]);
  });
});

describe('readDockerignore', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'dockerignore-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const uriOf = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).href;

  it("reads the shared .dockerignore beside the Dockerfile", async () => {
    const dir = project({ '.dockerignore': 'node_modules\n' });
    expect(await readDockerignore(uriOf(dir, 'Dockerfile'))).toEqual({ text: 'node_modules\n', uri: uriOf(dir, '.dockerignore') });
  });

  it("prefers the Dockerfile's own ignore file, as BuildKit's client does", async () => {
    const dir = project({ '.dockerignore': 'shared\n', 'app.Dockerfile.dockerignore': 'own\n' });
    expect(await readDockerignore(uriOf(dir, 'app.Dockerfile'))).toEqual({ text: 'own\n', uri: uriOf(dir, 'app.Dockerfile.dockerignore') });
    // Another Dockerfile in the same folder still gets the shared one.
    expect(await readDockerignore(uriOf(dir, 'Dockerfile'))).toEqual({ text: 'shared\n', uri: uriOf(dir, '.dockerignore') });
  });

  it('uses the own ignore file when there is no shared one', async () => {
    const dir = project({ 'Dockerfile.dockerignore': 'own\n' });
    expect((await readDockerignore(uriOf(dir, 'Dockerfile')))?.text).toBe('own\n');
  });

  it('takes an ignore file open in the editor over the one on disk, with the URI the editor gave it', async () => {
    const dir = project({ '.dockerignore': 'on disk\n', 'app.Dockerfile.dockerignore': 'own on disk\n' });
    const opened = (file: string) => (file === path.join(dir, '.dockerignore') ? { text: 'typed\n', uri: 'file:///editor/uri' } : undefined);
    expect(await readDockerignore(uriOf(dir, 'Dockerfile'), opened)).toEqual({ text: 'typed\n', uri: 'file:///editor/uri' });
    // A Dockerfile's own file on disk still wins over the shared one open in the editor.
    expect((await readDockerignore(uriOf(dir, 'app.Dockerfile'), opened))?.text).toBe('own on disk\n');
  });

  it('finds none for a document not on disk, or a folder without ignore files', async () => {
    const dir = project({});
    expect(await readDockerignore(uriOf(dir, 'Dockerfile'))).toBeUndefined();
    expect(await readDockerignore('untitled:Untitled-1')).toBeUndefined();
    expect(dockerignoreCandidates('untitled:Untitled-1')).toEqual([]);
  });
});
