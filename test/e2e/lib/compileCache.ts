// Whether a Node.js of 22.1 or later starts the built server from Node.js's own compile cache the
// second time: the path VS Code's own Node.js takes, for which the build writes no cache
// (server/src/loader.cjs). Used by the loader's tests and by the e2e set-up, which has Node 24.
import { spawn, spawnSync } from 'node:child_process';
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

const frame = (message: object): string => {
  const body = JSON.stringify(message);
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

/** What one session of the server printed, and how it ended. */
export interface ServedSession {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One session of `node <flags> <server.js> --stdio` with `env`: initialize, then shutdown and exit. */
export function serveOnce(node: string, serverJs: string, flags: readonly string[], env: NodeJS.ProcessEnv): Promise<ServedSession> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [...flags, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const timer = setTimeout(() => child.kill(), 30_000);
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const first = !stdout.includes('"id":1');
      stdout += chunk;
      if (first && stdout.includes('"id":1')) child.stdin.write(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + frame({ jsonrpc: '2.0', method: 'exit' }));
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  });
}

/** A session that must end well: its standard error. */
async function session(node: string, serverJs: string, flags: readonly string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { code, stdout, stderr } = await serveOnce(node, serverJs, flags, env);
  if (code !== 0 || !stdout.includes('"name":"dockerfile-lsp"')) throw new Error(`${node} ${serverJs} --stdio exited with ${code}:\n${stderr}`);
  return stderr;
}

/**
 * Runs the server through a session twice, with Node.js `flags` and a fresh temporary folder: the
 * first start says Node.js keeps the cache, and the second is compiled from it. Rejects with what
 * was seen otherwise.
 */
export async function checkCompileCache(node: string, serverJs: string, flags: readonly string[] = []): Promise<string> {
  const temp = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-compile-cache-'));
  try {
    const { NODE_OPTIONS: _options, NODE_COMPILE_CACHE: _cache, ...inherited } = process.env;
    const env = { ...inherited, TMPDIR: temp, DOCKERFILE_LSP_CODE_CACHE_REPORT: '1', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' };
    const first = await session(node, serverJs, flags, env);
    if (!first.includes('dockerfile-lsp: code cache of Node.js: enabled')) throw new Error(`the first start did not enable Node.js's compile cache:\n${first}`);
    const second = await session(node, serverJs, flags, env);
    if (!/V8 code cache for CommonJS \S*server\.bundle\.js was accepted/.test(second)) throw new Error(`the second start was not compiled from the cache:\n${second}`);
    return "the second start of the server was compiled from Node.js's own cache";
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
