// Starts code-server (VS Code in the browser) on a free loopback port with no authentication, a
// fresh user-data and extensions folder, workspace trust, telemetry and update checks off, and
// our freshly built .vsix installed. Used by the e2e tests and by `npm run demo`.
import { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { onTeardown, spawnTracked, stopTracked } from './processes';

export interface CodeServerOptions {
  node24: string;
  entry: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** .vsix files to install with --install-extension before starting. */
  vsix?: string[];
  /** Extra user settings, merged over the harness's defaults. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (and so for its extension host and our language server). */
  env?: Record<string, string>;
  /** Where code-server's output is written. */
  logFile: string;
  /** A fixed port (default: a free one). */
  port?: number;
  /** Extra command-line arguments for code-server. */
  extraArgs?: string[];
  /** Keep the user-data folder after stopping (for debugging). */
  keepData?: boolean;
  /** Leave workspace trust on: the workspace, which a fresh user-data folder has never trusted, opens in Restricted Mode. */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Settings that make a fresh VS Code quiet and deterministic: no welcome page, trust prompt, tips, telemetry, updates or AI panels. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'telemetry.feedback.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'npm.autoDetect': 'off',
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
  'editor.hover.delay': 300,
  'editor.fontFamily': "'DejaVu Sans Mono', monospace",
  'editor.fontSize': 14,
  'window.commandCenter': false,
};

export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-code-server-'));
  const userDataDir = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  const configFile = path.join(runDir, 'config.yaml');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  // With trust on, no start-up prompt: the modal would cover the page, and the folder stays untrusted.
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  fs.writeFileSync(path.join(userDataDir, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...options.settings }, null, 2));
  // An explicit config file, so code-server never writes ~/.config/code-server/config.yaml.
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  if (!options.keepData) onTeardown(() => fs.rmSync(runDir, { recursive: true, force: true }));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
  };
  // Never let code-server pick up a password or a parent VS Code's CLI hook from the caller's environment.
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  for (const vsix of options.vsix ?? []) {
    const install = spawnSync(options.node24, [options.entry, ...common, '--force', '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    const output = `${install.stdout}${install.stderr}`;
    fs.appendFileSync(options.logFile, `$ code-server --install-extension ${vsix}\n${output}\n`);
    if (install.status !== 0 || /failed|error/i.test(install.stderr ?? '')) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${install.status}):\n${tail(output)}`);
    }
  }

  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = options.port ?? (await freeLoopbackPort());
    let output = '';
    const child = spawnTracked(
      options.node24,
      [
        options.entry,
        ...common,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--ignore-last-opened',
        ...(options.extraArgs ?? []),
        options.workspace,
      ],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const logStream = fs.createWriteStream(options.logFile, { flags: 'a' });
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      logStream.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', () => logStream.end());
    const server: CodeServer = {
      url: `http://127.0.0.1:${port}/`,
      port,
      userDataDir,
      extensionsDir,
      process: child,
      log: () => output,
      stop: () => stopTracked(child),
    };
    onTeardown(() => server.stop());

    const deadline = Date.now() + 60_000;
    let ready = false;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) break;
      if ((await get(`${server.url}healthz`)) === 200) {
        ready = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    if (ready) return server;
    await server.stop();
    lastError = /EADDRINUSE/.test(output)
      ? `port ${port} was taken`
      : `code-server did not answer on ${server.url}healthz within 60 s (exit code ${child.exitCode}). Its output:\n${tail(output)}`;
    if (!/EADDRINUSE/.test(output) || options.port) break;
  }
  throw new Error(lastError);
}
