// The invariants ARCHITECTURE.md states, checked on the sources: each layer imports only the layers
// before it, the core (facts to services) stays free of transport and I/O, the client stays thin, and
// every file ARCHITECTURE.md names exists. A change that breaks one has to change the map too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname, basename } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const LAYERS = ['facts', 'syntax', 'semantics', 'services', 'server', 'client'] as const;
type Layer = (typeof LAYERS)[number] | 'leaf';

function files(dir: string, keep: (path: string) => boolean): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...files(path, keep));
    } else if (keep(path)) out.push(path);
  }
  return out;
}

/** The layer of a source file (repository-relative path); `leaf` for the modules that import nothing of ours. */
function layerOf(path: string): Layer {
  if (path.startsWith('client/')) return 'client';
  const inServer = path.replace(/^server\/src\//, '');
  if (inServer === 'settings.ts' || inServer === 'version.ts') return 'leaf';
  const top = inServer.split('/')[0];
  if (top === 'facts' || top === 'syntax' || top === 'semantics') return top;
  if (top === 'services' || top === 'rules' || inServer === 'languageService.ts') return 'services';
  return 'server';
}

const isTest = (path: string) => /\.test\.ts$/.test(path) || basename(path) === 'testing.ts';
const sources = [...files(join(ROOT, 'server/src'), (p) => p.endsWith('.ts')), ...files(join(ROOT, 'client/src'), (p) => p.endsWith('.ts'))]
  .map((p) => relative(ROOT, p))
  .filter((p) => !isTest(p));

/** The modules a source imports (static and type-only imports, `import()` types), as written. */
function importsOf(path: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2]);
}

/** An import as a repository-relative path (no extension), or the package it names. */
function target(from: string, spec: string): { path?: string; pkg?: string } {
  if (!spec.startsWith('.')) return { pkg: spec };
  return { path: relative(ROOT, resolve(ROOT, dirname(from), spec)) };
}

describe('the architecture ARCHITECTURE.md describes', () => {
  it('finds the sources it checks', () => {
    expect(sources.length).toBeGreaterThan(150);
    expect(sources).toContain('server/src/syntax/parser.ts');
    expect(sources).toContain('client/src/extension.ts');
  });

  it('each layer imports only the layers before it (facts → syntax → semantics → services → server; the client apart)', () => {
    const wrong: string[] = [];
    for (const path of sources) {
      const layer = layerOf(path);
      for (const spec of importsOf(path)) {
        const { path: to } = target(path, spec);
        if (to === undefined) continue;
        if (to.startsWith('test/')) {
          wrong.push(`${path} imports ${spec}: sources never import tests`);
          continue;
        }
        // `../syntax` names the folder's index.ts.
        const toLayer = layerOf(existsSync(join(ROOT, `${to}.ts`)) ? `${to}.ts` : `${to}/index.ts`);
        if (layer === 'leaf') {
          wrong.push(`${path} imports ${spec}: it is a leaf module and imports nothing of ours`);
        } else if (layer === 'client') {
          if (toLayer !== 'client') wrong.push(`${path} imports ${spec}: the client is thin and starts the bundled server`);
        } else if (toLayer !== 'leaf' && LAYERS.indexOf(toLayer as never) > LAYERS.indexOf(layer)) {
          wrong.push(`${path} (${layer}) imports ${spec} (${toLayer})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the core (facts to services) has no transport and no I/O: only the protocol types and the text document', () => {
    const allowed = new Set(['vscode-languageserver-types', 'vscode-languageserver-textdocument']);
    const wrong: string[] = [];
    for (const path of sources) {
      const layer = layerOf(path);
      if (layer === 'server' || layer === 'client') continue;
      for (const spec of importsOf(path)) {
        const { pkg } = target(path, spec);
        if (pkg !== undefined && !allowed.has(pkg)) wrong.push(`${path} imports ${pkg}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('syntax depends on nothing but itself, so the parser can be read and tested alone', () => {
    const outside = sources
      .filter((p) => layerOf(p) === 'syntax')
      .flatMap((p) => importsOf(p).map((spec) => ({ p, spec, to: target(p, spec).path })))
      .filter(({ to }) => to !== undefined && !to.startsWith('server/src/syntax'))
      .map(({ p, spec }) => `${p} imports ${spec}`);
    expect(outside).toEqual([]);
  });

  it('every file ARCHITECTURE.md names exists', () => {
    const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const named = [...new Set([...text.matchAll(/`([\w./-]+\.(?:ts|mts|mjs|cjs|json|md))`/g)].map((m) => m[1]))];
    expect(named.length).toBeGreaterThan(100);
    const all = files(ROOT, (p) => !p.includes('/dist/') && !p.includes('/test/e2e/.cache/')).map((p) => relative(ROOT, p));
    const missing = named.filter((name) => !all.some((p) => p === name || p.endsWith(`/${name}`)));
    expect(missing).toEqual([]);
  });
});
