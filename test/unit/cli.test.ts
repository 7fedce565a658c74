// The command-line linter, run for real: `node dist/server.js lint ...` (build first).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_PATH } from '../lsp/client';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

let dir: string;

function lint(args: readonly string[], input?: string): Run {
  const result = spawnSync(process.execPath, [SERVER_PATH, 'lint', ...args], { cwd: dir, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `body` with a file of `text` in the test folder that cannot be written (read-only, and
 * immutable where root would write a read-only file anyway); skips the test where neither holds.
 */
function withLockedFile(name: string, text: string, context: { skip: () => void }, body: (locked: string) => void): void {
  const locked = path.join(dir, name);
  writeFileSync(locked, text);
  chmodSync(locked, 0o444);
  const immutable = process.getuid?.() === 0 && spawnSync('chattr', ['+i', locked]).status === 0;
  try {
    let writable = true;
    try {
      appendFileSync(locked, '');
    } catch {
      writable = false;
    }
    if (writable) return context.skip();
    body(locked);
  } finally {
    if (immutable) spawnSync('chattr', ['-i', locked]);
    chmodSync(locked, 0o644);
  }
}

const BROKEN = 'FROM alpine:3\nRUNN apk add curl\nCOPY --user=me app /app\nCMD echo hi\n';
const CLEAN = 'FROM alpine:3.20\nCOPY app /app\nCMD ["/app"]\n';

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-cli-'));
  writeFileSync(path.join(dir, 'Dockerfile'), BROKEN);
  writeFileSync(path.join(dir, 'clean.Dockerfile'), CLEAN);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const JSON_ARGS =
  "warning [JSONArgsRecommended] CMD in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD [\"executable\", \"arg\"].";

describe('dockerfile-lsp lint', () => {
  it('prints file:line:col: severity [code] message and exits 1 on errors', () => {
    expect(lint(['Dockerfile', 'clean.Dockerfile'])).toEqual({
      status: 1,
      stdout: [
        'Dockerfile:2:1: error [unknown-instruction] Unknown instruction "RUNN". Did you mean RUN?',
        'Dockerfile:3:6: error [unknown-flag] Unknown flag --user for COPY, which accepts --from, --chown, --chmod, --link, --parents or --exclude.',
        `Dockerfile:4:5: ${JSON_ARGS}`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('exits 0 and prints nothing for a file BuildKit builds without warnings', () => {
    expect(lint(['clean.Dockerfile'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('checks a file named .dockerignore or NAME.dockerignore as an ignore file, and --fix leaves it alone', () => {
    mkdirSync(path.join(dir, 'ignored'), { recursive: true });
    const text = 'node_modules  # deps\n!\n';
    writeFileSync(path.join(dir, 'ignored', '.dockerignore'), text);
    writeFileSync(path.join(dir, 'ignored', 'app.Dockerfile.dockerignore'), '*.log\n');
    expect(lint(['--fix', 'ignored/.dockerignore', 'ignored/app.Dockerfile.dockerignore'])).toEqual({
      status: 1,
      stdout: [
        "ignored/.dockerignore:1:15: warning [dockerignore-not-a-comment] '#' starts a comment only at the start of a line: BuildKit reads this whole line as the pattern 'node_modules  # deps', so 'node_modules' is not excluded. Move the comment to a line of its own.",
        'ignored/.dockerignore:2:1: error [invalid-dockerignore] \'!\' excludes nothing: an exclusion needs a pattern after its `!` (BuildKit: "illegal exclusion pattern"). Every build that reads this file fails as the context is sent, before any instruction runs.',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect(readFileSync(path.join(dir, 'ignored', '.dockerignore'), 'utf8')).toBe(text);
    expect(lint(['--rule', 'invalid-dockerignore=off', '--rule', 'dockerignore-not-a-comment=off', 'ignored/.dockerignore'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('reads standard input for -', () => {
    expect(lint(['-'], 'FROM alpine:3\nEXPOSE 80/tpc\n')).toEqual({
      status: 1,
      stdout: '<stdin>:2:11: error [invalid-expose] "tpc" is not a protocol; EXPOSE takes tcp, udp or sctp. Did you mean tcp?\n',
      stderr: '',
    });
  });

  it('lints standard input once for each -, among other files', () => {
    const input = 'FROM alpine:3\nEXPOSE 80/tpc\n';
    const line = '<stdin>:2:11: error [invalid-expose] "tpc" is not a protocol; EXPOSE takes tcp, udp or sctp. Did you mean tcp?\n';
    expect(lint(['-', 'clean.Dockerfile', '-'], input)).toEqual({ status: 1, stdout: line + line, stderr: '' });
  });

  it('stops quietly with the status of the lint when the reader closes the pipe', async () => {
    const child = spawn(process.execPath, [SERVER_PATH, 'lint', 'Dockerfile'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    // Nothing reads the output: the linter's first write finds the pipe closed (EPIPE).
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect({ status, stderr }).toEqual({ status: 1, stderr: '' });
  });

  it('changes severities with --rule, like diagnostics.rules in the editor', () => {
    const run = lint(['--rule', 'unknown-instruction=off', '--rule=unknown-flag=warning', '--rule', 'JSONArgsRecommended=info', 'Dockerfile']);
    expect(run).toEqual({
      status: 0,
      stdout: [
        'Dockerfile:3:6: warning [unknown-flag] Unknown flag --user for COPY, which accepts --from, --chown, --chmod, --link, --parents or --exclude.',
        `Dockerfile:4:5: ${JSON_ARGS.replace('warning', 'info')}`,
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('reports best practices under hadolint codes, and leaves them out with --no-best-practices', () => {
    const input = 'FROM debian:12\nRUN cd /src && make\n';
    expect(lint(['-'], input)).toEqual({
      status: 0,
      stdout: '<stdin>:2:5: warning [DL3003] Use WORKDIR to change the directory instead of cd: WORKDIR applies to the instructions that follow and creates the directory if needed.\n',
      stderr: '',
    });
    expect(lint(['--no-best-practices', '-'], input)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('warns about a --rule name that matches no rule', () => {
    const run = lint(['--rule', 'unknown-flags=off', 'clean.Dockerfile']);
    expect(run).toEqual({ status: 0, stdout: '', stderr: 'dockerfile-lsp lint: warning: no rule is named unknown-flags (did you mean unknown-flag?)\n' });
  });

  it('prints LSP diagnostics as JSON', () => {
    const run = lint(['--format', 'json', '-'], 'FROM alpine:3\nRUNN x\n');
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual([
      {
        path: '<stdin>',
        diagnostics: [
          {
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 4 } },
            severity: 1,
            code: 'unknown-instruction',
            source: 'dockerfile-lsp',
            message: 'Unknown instruction "RUNN". Did you mean RUN?',
            codeDescription: { href: 'https://docs.docker.com/reference/dockerfile/' },
          },
        ],
      },
    ]);
  });

  it('prints SARIF 2.1.0 with one rule entry per code and 1-based regions', () => {
    const run = lint(['--format=sarif', 'Dockerfile']);
    expect(run.status).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('dockerfile-lsp');
    expect(sarifRun.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['unknown-instruction', 'unknown-flag', 'JSONArgsRecommended']);
    expect(sarifRun.tool.driver.rules[1]).toEqual({
      id: 'unknown-flag',
      shortDescription: { text: 'A flag the instruction does not accept.' },
      helpUri: 'https://docs.docker.com/reference/dockerfile/#copy',
      defaultConfiguration: { level: 'error' },
    });
    expect(sarifRun.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'Dockerfile', uriBaseId: '%SRCROOT%' });
    expect(sarifRun.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    expect(sarifRun.results.map((r: { ruleId: string; level: string; locations: { physicalLocation: { region: unknown } }[] }) => [r.ruleId, r.level, r.locations[0].physicalLocation.region])).toEqual([
      ['unknown-instruction', 'error', { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 }],
      ['unknown-flag', 'error', { startLine: 3, startColumn: 6, endLine: 3, endColumn: 15 }],
      ['JSONArgsRecommended', 'warning', { startLine: 4, startColumn: 5, endLine: 4, endColumn: 12 }],
    ]);
  });

  it('gives SARIF the .dockerignore line a result comes from (relatedLocations), and describes the ignore-file rules', () => {
    mkdirSync(path.join(dir, 'sarif-ignore'), { recursive: true });
    writeFileSync(path.join(dir, 'sarif-ignore', '.dockerignore'), '# deps\n  node_modules\n*.log # logs\n');
    writeFileSync(path.join(dir, 'sarif-ignore', 'Dockerfile'), 'FROM alpine:3\nCOPY node_modules /app/\n');
    const log = JSON.parse(lint(['--format=sarif', 'sarif-ignore/Dockerfile', 'sarif-ignore/.dockerignore']).stdout);
    const [sarifRun] = log.runs;
    expect(sarifRun.results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['CopyIgnoredFile', 'dockerignore-not-a-comment']);
    expect(sarifRun.results[0].relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'sarif-ignore/.dockerignore', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 15 } },
        message: { text: "'node_modules' excludes 'node_modules'" },
      },
    ]);
    expect(sarifRun.tool.driver.rules[1]).toEqual({
      id: 'dockerignore-not-a-comment',
      shortDescription: { text: 'A # that does not start its .dockerignore line, which BuildKit reads as part of a pattern.' },
      helpUri: 'https://docs.docker.com/build/concepts/context/#dockerignore-files',
      defaultConfiguration: { level: 'warning' },
    });
  });

  describe('SARIF artifact locations', () => {
    type SarifLog = { runs: { originalUriBaseIds?: unknown; results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    const locations = (run: Run): unknown[] => (JSON.parse(run.stdout) as SarifLog).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation);
    const baseIds = (run: Run): unknown => (JSON.parse(run.stdout) as SarifLog).runs[0].originalUriBaseIds;
    let outside: string;
    beforeAll(() => {
      mkdirSync(path.join(dir, 'sub dir'));
      writeFileSync(path.join(dir, 'sub dir', 'a#b.Dockerfile'), 'FROM alpine:3\nRUNN x\n');
      outside = mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-cli-outside-'));
      writeFileSync(path.join(outside, 'Dockerfile'), 'FROM alpine:3\nRUNN x\n');
    });
    afterAll(() => rmSync(outside, { recursive: true, force: true }));

    it('names a file under the working directory relative to %SRCROOT%, percent-encoded, however it was given', () => {
      const run = lint(['--format=sarif', 'sub dir/a#b.Dockerfile', path.join(dir, 'sub dir', 'a#b.Dockerfile'), './sub dir/../sub dir/a#b.Dockerfile']);
      const relative = { uri: 'sub%20dir/a%23b.Dockerfile', uriBaseId: '%SRCROOT%' };
      expect(locations(run)).toEqual([relative, relative, relative]);
      expect(baseIds(run)).toEqual({ '%SRCROOT%': { uri: `${pathToFileURL(dir).href}/` } });
    });

    it('keeps the absolute file URI, without a base id, for a file outside the working directory', () => {
      const run = lint(['--format=sarif', path.join(outside, 'Dockerfile')]);
      expect(locations(run)).toEqual([{ uri: pathToFileURL(path.join(outside, 'Dockerfile')).href }]);
      expect(baseIds(run)).toBeUndefined();
    });

    it('names standard input with a relative reference and says what it is', () => {
      const run = lint(['--format=sarif', '-'], 'FROM alpine:3\nRUNN x\n');
      expect(locations(run)).toEqual([{ uri: 'stdin', description: { text: 'standard input' } }]);
      expect(baseIds(run)).toBeUndefined();
    });
  });

  it('exits 2 on usage and read errors', () => {
    const noFile = lint([]);
    expect([noFile.status, noFile.stdout, noFile.stderr.split('\n')[0]]).toEqual([2, '', 'dockerfile-lsp lint: no file given (use - for standard input)']);
    const badFormat = lint(['--format', 'xml', 'Dockerfile']);
    expect([badFormat.status, badFormat.stderr.split('\n')[0]]).toEqual([2, 'dockerfile-lsp lint: --format must be text, json, sarif, not xml']);
    const badRule = lint(['--rule', 'unknown-flag', 'Dockerfile']);
    expect([badRule.status, badRule.stderr.split('\n')[0]]).toEqual([2, 'dockerfile-lsp lint: --rule takes NAME=SEVERITY with SEVERITY off, hint, info, warning or error, not "unknown-flag"']);
    expect(lint(['missing.Dockerfile', 'clean.Dockerfile'])).toEqual({ status: 2, stdout: '', stderr: 'dockerfile-lsp lint: cannot read missing.Dockerfile: ENOENT\n' });
  });

  it('rewrites a file with Fix All under --fix (CRLF kept), then reports what is left; a file with nothing to fix is not written', () => {
    const fixable = path.join(dir, 'fixable.Dockerfile');
    writeFileSync(fixable, 'from alpine:3.20 as build\r\nENV MODE release\r\nEXPOSE 80/TCP\r\nCMD echo hi\r\n');
    const clean = path.join(dir, 'clean.Dockerfile');
    const cleanWritten = statSync(clean).mtimeMs;
    expect(lint(['--fix', 'fixable.Dockerfile', 'clean.Dockerfile'])).toEqual({ status: 0, stdout: `fixable.Dockerfile:4:5: ${JSON_ARGS}\n`, stderr: '' });
    expect(readFileSync(fixable, 'utf8')).toBe('FROM alpine:3.20 AS build\r\nENV MODE=release\r\nEXPOSE 80/tcp\r\nCMD echo hi\r\n');
    expect(statSync(clean).mtimeMs).toBe(cleanWritten);
    // Without --fix the file is only read.
    writeFileSync(fixable, 'FROM alpine:3.20\nENV MODE release\n');
    expect(lint(['fixable.Dockerfile']).stdout).toContain('[LegacyKeyValueFormat]');
    expect(readFileSync(fixable, 'utf8')).toBe('FROM alpine:3.20\nENV MODE release\n');
    const stdin = lint(['--fix', '-'], 'FROM alpine\n');
    expect([stdin.status, stdin.stderr.split('\n')[0]]).toEqual([2, 'dockerfile-lsp lint: --fix rewrites files, and cannot rewrite standard input']);
  });

  it('--fix says which file it cannot write, and goes on with the others', (context) => {
    const text = 'FROM alpine:3.20\nENV MODE release\n';
    withLockedFile('locked.Dockerfile', text, context, (locked) => {
      writeFileSync(path.join(dir, 'clean.Dockerfile'), 'FROM alpine:3.20\n');
      const run = lint(['--fix', 'locked.Dockerfile', 'clean.Dockerfile']);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^dockerfile-lsp lint: cannot write locked\.Dockerfile: (EPERM|EACCES)\n$/);
      expect(readFileSync(locked, 'utf8')).toBe(text);
    });
  });

  it('documents itself, and the server help mentions it', () => {
    const help = lint(['--help']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: dockerfile-lsp lint [options] FILE...']);
    const main = spawnSync(process.execPath, [SERVER_PATH, '--help'], { encoding: 'utf8' });
    expect(main.stdout).toContain('  dockerfile-lsp lint [options] FILE...\n');
  });
});

function format(args: readonly string[], input?: string): Run {
  const result = spawnSync(process.execPath, [SERVER_PATH, 'format', ...args], { cwd: dir, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dockerfile-lsp format', () => {
  const MESSY = 'from alpine:3 as build\nrun apk add \\\ncurl \\\n      git   \nCMD ["a",   "b"]\n';
  const TIDY = 'FROM alpine:3 AS build\nRUN apk add \\\n    curl \\\n      git\nCMD ["a", "b"]\n';

  it('prints a file formatted as the editor formats it, and formatting that again changes nothing', () => {
    writeFileSync(path.join(dir, 'messy.Dockerfile'), MESSY);
    expect(format(['messy.Dockerfile'])).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    expect(format(['-'], TIDY)).toEqual({ status: 0, stdout: TIDY, stderr: '' });
    // The file itself is left as it was.
    expect(readFileSync(path.join(dir, 'messy.Dockerfile'), 'utf8')).toBe(MESSY);
  });

  it('takes the formatting settings as options', () => {
    expect(format(['--tabs', '--keyword-case', 'lower', '-'], 'FROM alpine:3\nRUN a \\\nb\n').stdout).toBe('from alpine:3\nrun a \\\n\tb\n');
    expect(format(['--indent=2', '--blank-line-between-stages', '-'], 'FROM a:1\nRUN a \\\nb\nFROM b:1\n').stdout).toBe('FROM a:1\nRUN a \\\n  b\n\nFROM b:1\n');
    expect(format(['--keyword-case=preserve', '-'], 'from a:1\nRun x\n').stdout).toBe('from a:1\nRun x\n');
  });

  it('--check lists the files that are not formatted, changes nothing, and exits 1 if there are any', () => {
    writeFileSync(path.join(dir, 'messy.Dockerfile'), MESSY);
    writeFileSync(path.join(dir, 'tidy.Dockerfile'), TIDY);
    expect(format(['--check', 'messy.Dockerfile', 'tidy.Dockerfile'])).toEqual({ status: 1, stdout: 'messy.Dockerfile\n', stderr: '' });
    expect(readFileSync(path.join(dir, 'messy.Dockerfile'), 'utf8')).toBe(MESSY);
    expect(format(['--check', 'tidy.Dockerfile'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('--write rewrites the files that are not formatted and names them', () => {
    writeFileSync(path.join(dir, 'messy.Dockerfile'), MESSY);
    writeFileSync(path.join(dir, 'tidy.Dockerfile'), TIDY);
    expect(format(['--write', 'messy.Dockerfile', 'tidy.Dockerfile'])).toEqual({ status: 0, stdout: 'messy.Dockerfile\n', stderr: '' });
    expect(readFileSync(path.join(dir, 'messy.Dockerfile'), 'utf8')).toBe(TIDY);
  });

  it('--write says which file it cannot write, goes on with the others, and exits 2', (context) => {
    withLockedFile('locked.Dockerfile', MESSY, context, (locked) => {
      writeFileSync(path.join(dir, 'messy.Dockerfile'), MESSY);
      const run = format(['--write', 'locked.Dockerfile', 'messy.Dockerfile']);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('messy.Dockerfile\n');
      expect(run.stderr).toMatch(/^dockerfile-lsp format: cannot write locked\.Dockerfile: (EPERM|EACCES)\n$/);
      expect(readFileSync(path.join(dir, 'messy.Dockerfile'), 'utf8')).toBe(TIDY);
      expect(readFileSync(locked, 'utf8')).toBe(MESSY);
    });
  });

  it('refuses what it cannot do, with exit status 2', () => {
    const first = (run: Run) => [run.status, run.stderr.split('\n')[0]];
    expect(first(format(['a', 'b']))).toEqual([2, 'dockerfile-lsp format: several files need --check or --write']);
    expect(first(format(['--check', '--write', 'a']))).toEqual([2, 'dockerfile-lsp format: --check and --write cannot be given together']);
    expect(first(format(['--write', '-'], 'FROM a\n'))).toEqual([2, 'dockerfile-lsp format: --write rewrites files, and cannot rewrite standard input']);
    expect(first(format(['--indent', '0', 'x']))).toEqual([2, 'dockerfile-lsp format: --indent takes a number of spaces from 1 to 16, not 0']);
    expect(first(format(['--keyword-case', 'title', 'x']))).toEqual([2, 'dockerfile-lsp format: --keyword-case takes upper, lower or preserve, not title']);
    expect(first(format(['--bogus', 'x']))).toEqual([2, 'dockerfile-lsp format: unknown option --bogus']);
    expect(format(['--check', 'missing.Dockerfile'])).toEqual({ status: 2, stdout: '', stderr: 'dockerfile-lsp format: cannot read missing.Dockerfile: ENOENT\n' });
  });

  it('documents itself, and the server help mentions it', () => {
    const help = format(['--help']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([0, 'Usage: dockerfile-lsp format [options] FILE...']);
    const main = spawnSync(process.execPath, [SERVER_PATH, '--help'], { encoding: 'utf8' });
    expect(main.stdout).toContain('  dockerfile-lsp format [options] FILE...\n');
  });
});
