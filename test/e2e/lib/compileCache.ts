// Whether a Node.js of 22.1 or later starts the built server from Node.js's own compile cache the
// second time: the path VS Code's own Node.js takes, for which the build writes no cache
// (server/src/loader.cjs). Used by the loader's tests and by the e2e set-up, which has Node 24.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The running Node.js when it can keep a compile cache (22.1 and later), else the first of `candidates` that can. */
export function nodeWithCompileCache(candidates: readonly string[]): string | undefined {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 1)) return process.execPath;
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const result = spawnSync(candidate, ['-e', "process.stdout.write(String(typeof require('node:module').enableCompileCache))"], { encoding: 'utf8' });
    if (result.status === 0 && result.stdout === 'function') return candidate;
  }
  return undefined;
}

/**
 * Starts `node dist/server.js --version` twice with a fresh temporary folder: the first start says
 * Node.js keeps the cache, and the second is compiled from it. Throws with what was seen otherwise.
 */
export function checkCompileCache(node: string, serverJs: string): string {
  const temp = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-compile-cache-'));
  try {
    const start = () => {
      const { NODE_OPTIONS: _options, NODE_COMPILE_CACHE: _cache, ...env } = process.env;
      const result = spawnSync(node, [serverJs, '--version'], {
        encoding: 'utf8',
        env: { ...env, TMPDIR: temp, DOCKERFILE_LSP_CODE_CACHE_REPORT: '1', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
      });
      if (result.status !== 0) throw new Error(`${node} ${serverJs} --version exited with ${result.status}: ${result.stderr}`);
      return result.stderr;
    };
    const first = start();
    if (!first.includes('dockerfile-lsp: code cache of Node.js: enabled')) throw new Error(`the first start did not enable Node.js's compile cache:\n${first}`);
    const second = start();
    if (!/V8 code cache for CommonJS \S*server\.bundle\.js was accepted/.test(second)) throw new Error(`the second start was not compiled from the cache:\n${second}`);
    return 'the second start of the server was compiled from Node.js\'s own cache';
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
