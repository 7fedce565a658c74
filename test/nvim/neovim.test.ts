// Neovim as a second editor: `nvim --headless` with the built-in LSP client starts our bundled
// server (`node dist/server.js --stdio`) using test/nvim/dockerfile-lsp.lua (the snippet the
// README shows), opens Dockerfiles, and reports what came through. Feature checks are gated on
// what the server advertises, like the e2e tests. Needs Debian's `neovim` (0.7+): CI installs it
// (.ci/run) and fails here without it; a developer machine without nvim skips with a notice.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_GATES, Feature, probeServerFeatures, ServerFeatures } from '../e2e/lib/serverFeatures';

const ROOT = path.resolve(__dirname, '../..');
const SERVER = path.join(ROOT, 'dist/server.js');
const FIXTURES = path.join(ROOT, 'test/fixtures/workspace');

interface NvimResult {
  nvim: { major: number; minor: number; patch: number };
  filetype?: string;
  capabilities?: Record<string, unknown>;
  hover?: string | null;
  completion?: string[];
  stage_completion?: string[];
  diagnostics?: { lnum: number; col: number; severity: number; message: string }[];
  ignore_filetype?: string;
  ignore_diagnostics?: { lnum: number; col: number; code: string }[];
  server_env?: { NODE_OPTIONS?: string; NODE_EXTRA_CA_CERTS?: string };
  codelens?: { line: number; title: string | null }[];
  quickfix?: { lnum: number; col: number; text: string }[];
  quickfix_title?: string;
  codelens_notes?: string[];
  fix_all?: string[];
  fix_all_choices?: string[];
  error?: string;
}

/** A file with problems Fix All fixes (keyword and AS casing, legacy ENV) and one it leaves (the CMD's form). */
const FIXABLE = ['from alpine:3.20 AS build', 'ENV MODE release', 'RUN echo $MODE', 'CMD echo done'];

const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const haveNvim = nvimVersion.status === 0;
const inCI = Boolean(process.env.CI);

if (!haveNvim && !inCI) {
  console.warn('SKIPPED: Neovim tests (nvim is not installed; `apt-get install -y neovim` to run them, as .ci/run does)');
}

/**
 * Runs one of this folder's Lua scripts in a headless Neovim in `cwd`, with the server's command and
 * the script's own variables, and no user configuration, plugins or state from the machine (they go
 * under `home`).
 */
function headlessNvim(home: string, script: string, cwd: string, timeout: number, env: Record<string, string>) {
  return spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(__dirname, script)], {
    cwd,
    encoding: 'utf8',
    timeout,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_DATA_HOME: path.join(home, 'data'),
      XDG_STATE_HOME: path.join(home, 'state'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
      DOCKERFILE_LSP_CMD: JSON.stringify([process.execPath, SERVER, '--stdio']),
      ...env,
    },
  });
}

describe.skipIf(!haveNvim && !inCI)('Neovim built-in LSP client', () => {
  let tmp: string;
  let features: ServerFeatures;
  let result: NvimResult;
  let stderr = '';

  beforeAll(async () => {
    if (!haveNvim) throw new Error('Neovim is not installed (nvim not found on the PATH). Install it: apt-get install -y neovim (.ci/run does this).');
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
    features = await probeServerFeatures({ serverPath: SERVER });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-nvim-'));
    fs.copyFileSync(path.join(FIXTURES, 'Dockerfile'), path.join(tmp, 'Dockerfile'));
    fs.mkdirSync(path.join(tmp, 'mistakes'));
    fs.copyFileSync(path.join(FIXTURES, 'mistakes/Dockerfile'), path.join(tmp, 'mistakes/Dockerfile'));
    fs.mkdirSync(path.join(tmp, 'fixable'));
    fs.writeFileSync(path.join(tmp, 'fixable/Dockerfile'), FIXABLE.join('\n') + '\n');
    fs.writeFileSync(path.join(tmp, 'mistakes/.dockerignore'), 'node_modules\n!\n');
    const out = path.join(tmp, 'result.json');
    const run = headlessNvim(tmp, 'headless.lua', tmp, 90_000, {
      DOCKERFILE_LSP_FILE: path.join(tmp, 'Dockerfile'),
      DOCKERFILE_LSP_MISTAKES: path.join(tmp, 'mistakes/Dockerfile'),
      DOCKERFILE_LSP_FIXABLE: path.join(tmp, 'fixable/Dockerfile'),
      DOCKERFILE_LSP_IGNORE_FILE: path.join(tmp, 'mistakes/.dockerignore'),
      DOCKERFILE_LSP_OUT: out,
      DOCKERFILE_LSP_DIAGNOSTICS_WAIT_MS: features.has.diagnostics ? '15000' : '2000',
    });
    stderr = `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}`;
    if (!fs.existsSync(out)) throw new Error(`nvim wrote no result (exit ${run.status}, signal ${run.signal}):\n${stderr}`);
    result = JSON.parse(fs.readFileSync(out, 'utf8')) as NvimResult;
  }, 120_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function gate(feature: Feature, skip: (note?: string) => void): boolean {
    if (features.has[feature]) return true;
    const note = `SKIPPED (server does not advertise ${FEATURE_GATES[feature]} yet)`;
    console.log(`  ${note}: Neovim ${feature}`);
    skip(note);
    return false;
  }

  it('starts the server, attaches to a Dockerfile and receives its capabilities', () => {
    expect(result.error, `the Neovim script failed: ${result.error}\n${stderr}`).toBeUndefined();
    expect(result.filetype).toBe('dockerfile');
    expect(result.capabilities).toBeTruthy();
    expect(Boolean(result.capabilities!.hoverProvider)).toBe(Boolean(features.capabilities.hoverProvider));
    expect(Boolean(result.capabilities!.completionProvider)).toBe(Boolean(features.capabilities.completionProvider));
  });

  it('starts the server as the VS Code extension does: one V8 helper thread, a young generation of 4 MiB a semi-space, no NODE_EXTRA_CA_CERTS', ({ skip }) => {
    if (process.platform !== 'linux') return skip('no /proc to read the server process from');
    // This process's NODE_OPTIONS and NODE_EXTRA_CA_CERTS (set on some machines) reach nvim; the
    // snippet's cmd_env replaces them.
    expect(result.server_env).toEqual({ NODE_OPTIONS: '--v8-pool-size=1 --max-semi-space-size=4', NODE_EXTRA_CA_CERTS: '' });
  });

  it('shows a hover for FROM in a floating window', ({ skip }) => {
    if (!gate('hover', skip)) return;
    expect(result.hover, 'no hover window opened').toBeTruthy();
    expect(result.hover).toMatch(/FROM/);
  });

  it('completes instructions at the start of a line and stage names after COPY --from=', ({ skip }) => {
    if (!gate('completion', skip)) return;
    const upper = (result.completion ?? []).map((l) => l.toUpperCase());
    for (const keyword of ['FROM', 'RUN', 'COPY']) expect(upper.some((l) => l.startsWith(keyword)), `${keyword} in ${JSON.stringify(upper)}`).toBe(true);
    expect(result.stage_completion ?? []).toContain('build');
  });

  it('shows code lenses above FROM; running a used stage\'s lens lists its users in the quickfix list', ({ skip }) => {
    if (!features.capabilities.codeLensProvider) return skip('SKIPPED (server does not advertise codeLensProvider)');
    const lines = fs.readFileSync(path.join(FIXTURES, 'Dockerfile'), 'utf8').split('\n');
    const from = lines.findIndex((l) => l.startsWith('FROM node'));
    const user = lines.findIndex((l) => l.startsWith('COPY --from=build'));
    expect(result.codelens).toEqual([
      { line: from, title: 'build (stage 0) · used by 1 later stage' },
      { line: lines.findIndex((l) => l.startsWith('FROM nginx')), title: 'stage 1 · final stage, built by default' },
    ]);
    // Quickfix columns are 1-based bytes: `build` starts after `COPY --from=`.
    expect(result.quickfix).toEqual([{ lnum: user + 1, col: 'COPY --from='.length + 1, text: lines[user] }]);
    expect(result.quickfix_title).toBe('build (stage 0) · used by 1 later stage');
    // The informational lens does nothing, and no command is reported as unsupported.
    expect(result.codelens_notes).toEqual([]);
  });

  it('refreshes code lenses through the API each Neovim has: enable() from 0.12 (refresh() is deprecated there), else refresh() of the buffer', () => {
    // The API is stubbed (test/nvim/codelensApi.lua): the installed Neovim has one of them only.
    const out = path.join(tmp, 'codelens-api.json');
    const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(__dirname, 'codelensApi.lua')], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_DATA_HOME: path.join(tmp, 'data'), XDG_STATE_HOME: path.join(tmp, 'state'), DOCKERFILE_LSP_OUT: out },
    });
    expect(fs.existsSync(out), `${run.stdout}${run.stderr}`).toBe(true);
    // 0.10 and 0.11 refresh every loaded buffer without a bufnr; 0.7 to 0.9 the current one.
    const refresh = { name: 'refresh', this_buffer: true, in_buffer: true };
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({
      '0.12': [{ name: 'enable', this_buffer: true, in_buffer: true }],
      '0.7-0.11': [refresh, refresh],
    });
  });

  it('passes the settings given to setup() on to the server, also on Neovim 0.7 (which does not declare workspace/configuration)', () => {
    const dir = path.join(tmp, 'settings');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM alpine:3.20\nRUN echo hi\n');
    const out = path.join(dir, 'result.json');
    const run = headlessNvim(tmp, 'settings.lua', dir, 60_000, { DOCKERFILE_LSP_FILE: path.join(dir, 'Dockerfile'), DOCKERFILE_LSP_OUT: out });
    expect(fs.existsSync(out), `${run.stdout}${run.stderr}`).toBe(true);
    // keywordCase = 'lower': Format Document writes the keywords in lower case.
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual({
      edits: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'from' },
        { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'run' },
      ],
    });
  });

  it('applies Fix All as the README says to run it: a code action of the source.fixAll kind', ({ skip }) => {
    if (!gate('codeAction', skip)) return;
    expect(result.fix_all).toEqual(['FROM alpine:3.20 AS build', 'ENV MODE=release', 'RUN echo $MODE', 'CMD echo done']);
    // Neovim 0.8 and later apply a single action without asking.
    if (result.nvim.minor < 8) expect(result.fix_all_choices).toEqual(['Fix all auto-fixable Dockerfile problems']);
  });

  it('gives a .dockerignore a file type, attaches it, and gets its diagnostics', ({ skip }) => {
    if (!gate('diagnostics', skip)) return;
    expect(result.ignore_filetype).toBe('dockerignore');
    expect(result.ignore_diagnostics).toEqual([{ lnum: 1, col: 0, code: 'invalid-dockerignore' }]);
  });

  it('gets diagnostics for a typo (RUNN)', ({ skip }) => {
    if (!gate('diagnostics', skip)) return;
    const mistakes = fs.readFileSync(path.join(FIXTURES, 'mistakes/Dockerfile'), 'utf8').split('\n');
    const line = mistakes.findIndex((l) => l.startsWith('RUNN'));
    expect((result.diagnostics ?? []).some((d) => d.lnum === line), `a diagnostic on line ${line + 1} among ${JSON.stringify(result.diagnostics)}`).toBe(true);
  });
});
