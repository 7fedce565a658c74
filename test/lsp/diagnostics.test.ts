import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture, range } from './fixture';

const JSON_ARGS = `CMD in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD ["executable", "arg"].`;

describe('build checks over LSP (publishDiagnostics)', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('publishes checks with code, documentation link, source and tags', async () => {
    const uri = 'file:///checks/one/Dockerfile';
    const { text, ranges } = parseFixture('FROM alpine:3\n$[MAINTAINER me$]\nCMD $[echo hi$]\n');
    await client.open(uri, text, 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: ranges[0],
        severity: 2,
        code: 'MaintainerDeprecated',
        codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/' },
        source: 'dockerfile-lsp',
        message: 'MAINTAINER is deprecated; record the author with LABEL org.opencontainers.image.authors="..." instead.',
        tags: [2],
      },
      {
        range: ranges[1],
        severity: 2,
        code: 'JSONArgsRecommended',
        codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/' },
        source: 'dockerfile-lsp',
        message: JSON_ARGS,
      },
    ]);
  });

  it('follows edits: a fix clears the check, a `# check=` comment skips it', async () => {
    const uri = 'file:///checks/edits/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nCMD echo hi\nENV A b\n', 1);
    expect((await client.diagnosticsFor(uri, 1)).map((d) => d.code)).toEqual(['JSONArgsRecommended', 'LegacyKeyValueFormat']);
    let version = await client.change(uri, [{ range: range(2, 5, 2, 6), text: '=' }]);
    expect((await client.diagnosticsFor(uri, version)).map((d) => d.code)).toEqual(['JSONArgsRecommended']);
    version = await client.change(uri, [{ range: range(1, 0, 1, 0), text: '# check=skip=JSONArgsRecommended\n' }]);
    expect(await client.diagnosticsFor(uri, version)).toEqual([]);
  });

  it('checks the body of an ONBUILD COPY heredoc where the trigger runs, and reads no body line as an instruction', async () => {
    const uri = 'file:///checks/onbuild-heredoc/Dockerfile';
    const { text, ranges } = parseFixture(
      [
        'FROM alpine:3 AS base',
        'ONBUILD ENV HOME_DIR=/srv',
        'ONBUILD COPY <<EOF /etc/app.conf',
        'home=$HOME_DIR port=$PORT',
        'FROM scratch',
        'not an instruction',
        'EOF',
        'ONBUILD RUN <<EOF',
        'echo "$SHELL_ONLY"',
        'EOF',
        'FROM $[base$]',
        '',
      ].join('\n'),
    );
    await client.open(uri, text, 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: ranges[0],
        severity: 2,
        code: 'UndefinedVar',
        codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/undefined-var/' },
        source: 'dockerfile-lsp',
        message:
          "The ONBUILD on line 3 runs first in this stage: '$PORT' is not defined where this trigger runs (what the stage it is built FROM ends with, and the ONBUILD ARG and ENV lines before it), so it expands to an empty string.",
      },
    ]);
  });

  it("BuildKit's \"can't find =\" error says how to quote a value with blanks, when a name=value comes before the word (found by exploratory review)", async () => {
    const uri = 'file:///checks/equals/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nENV MSG=hello world\nLABEL description=My cool app version="1"\nENV A="x" y\nENV E= f\nENV B\n', 1);
    const missing = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'missing-equals');
    expect(missing.map((d) => [d.range, d.message])).toEqual([
      [range(1, 14, 1, 19), 'Syntax error - can\'t find = in "world". Must be of the form: name=value. If "world" is part of the value of MSG, quote the value: MSG="hello world".'],
      [range(2, 21, 2, 25), 'Syntax error - can\'t find = in "cool". Must be of the form: name=value. If "cool" is part of the value of description, quote the value: description="My cool app".'],
      [range(2, 26, 2, 29), 'Syntax error - can\'t find = in "app". Must be of the form: name=value. If "app" is part of the value of description, quote the value: description="My cool app".'],
      [range(3, 10, 3, 11), 'Syntax error - can\'t find = in "y". Must be of the form: name=value. If "y" is part of the value of A, put the value in quotes.'],
      [range(4, 7, 4, 8), 'Syntax error - can\'t find = in "f". Must be of the form: name=value'],
    ]);
  });

  it("\"can't find =\" after a value in typographic quotes, pasted from a document, says that they quote nothing", async () => {
    const uri = 'file:///checks/curly/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nENV MSG=\u201chello world\u201d\nLABEL description=\u201emy app\u201c\n', 1);
    const missing = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'missing-equals');
    const curly = (name: string, value: string) =>
      `The value of ${name} is in typographic quotes (as a word processor or web page writes them), which BuildKit does not read as quotes, so the value ends at the first blank: write ${name}="${value}".`;
    expect(missing.map((d) => [d.range, d.message])).toEqual([
      [range(1, 15, 1, 21), `Syntax error - can't find = in "world\u201d". Must be of the form: name=value. ${curly('MSG', 'hello world')}`],
      [range(2, 22, 2, 26), `Syntax error - can't find = in "app\u201c". Must be of the form: name=value. ${curly('description', 'my app')}`],
    ]);
  });

  it('lines continued with the other escape character than the file\'s: a backtick without # escape=`, a backslash with it (found by exploratory review)', async () => {
    // A Windows snippet pasted into a file without the directive: BuildKit reads the backtick as text.
    const uri = 'file:///checks/backtick/Dockerfile';
    await client.open(uri, 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nENV A=1 `\n    B=2\nRUN echo a `  \n    && echo b\nLABEL x=1 ` y=2\n', 1);
    const found = (await client.diagnosticsFor(uri, 1)).map((d) => [d.range, d.code, d.message]);
    const directive = 'continues a line only in a file that starts with the parser directive # escape=`';
    const unknown = (word: string) =>
      `Unknown instruction "${word}". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with \\ to continue it.`;
    expect(found).toEqual([
      [range(1, 8, 1, 9), 'missing-equals', `Syntax error - can't find = in "\`". Must be of the form: name=value. This \` ${directive} (as Windows Dockerfiles often do); without it, end the line with \\ instead.`],
      [range(2, 4, 2, 7), 'unknown-instruction', `${unknown('B=2')} The line above ends with \`, which ${directive}.`],
      [range(4, 4, 4, 6), 'unknown-instruction', `${unknown('&&')} The line above ends with \`, which ${directive}.`],
      // A backtick inside the line is a word of the value, as before.
      [range(5, 10, 5, 11), 'missing-equals', 'Syntax error - can\'t find = in "`". Must be of the form: name=value. If "`" is part of the value of x, put the value in quotes.'],
    ]);
    const escaped = 'file:///checks/backslash/Dockerfile';
    await client.open(escaped, '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo a \\\n    && echo b\n', 1);
    expect((await client.diagnosticsFor(escaped, 1)).map((d) => [d.range, d.code, d.message])).toEqual([
      [
        range(3, 4, 3, 6),
        'unknown-instruction',
        'Unknown instruction "&&". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with ` to continue it. The line above ends with \\, which does not continue a line here: the # escape=` directive at the top of the file makes ` the escape character.',
      ],
    ]);
  });

  it('reports an invalid check directive as an error', async () => {
    const uri = 'file:///checks/directive/Dockerfile';
    await client.open(uri, '# check=skip=A;fail=true\nFROM alpine:3\n', 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: range(0, 15, 0, 19),
        severity: 1,
        code: 'invalid-check-option',
        source: 'dockerfile-lsp',
        message: 'invalid check option "fail": expected skip, error or experimental',
      },
    ]);
  });
});

describe('diagnostics settings over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start({ settings: { 'dockerfile-lsp': { diagnostics: { rules: { JSONArgsRecommended: 'error' } } } } })));
  afterAll(async () => client.stop());

  it('applies per-code severities, and turns diagnostics off', async () => {
    const uri = 'file:///settings/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nCMD echo hi\n', 1);
    expect((await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.severity])).toEqual([['JSONArgsRecommended', 1]]);
    await client.setSettings({ 'dockerfile-lsp': { diagnostics: { enable: false } } });
    // The server publishes again for the new settings: nothing, for the same version.
    const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    expect(after.version).toBe(1);
  });
});

describe('best practices over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('publishes them under hadolint codes with their wiki link, honours pragmas, and the setting turns them off', async () => {
    const uri = 'file:///practices/Dockerfile';
    const { text, ranges } = parseFixture('FROM debian:12\nRUN $[apt-get install$] --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n# hadolint ignore=DL3003\nRUN cd /tmp\nUSER app\n');
    await client.open(uri, text, 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: ranges[0],
        severity: 2,
        code: 'DL3014',
        codeDescription: { href: 'https://github.com/hadolint/hadolint/wiki/DL3014' },
        source: 'dockerfile-lsp',
        message: 'apt-get install asks for confirmation, which a build cannot give. Add -y: apt-get install -y.',
      },
    ]);
    await client.setSettings({ 'dockerfile-lsp': { diagnostics: { bestPractices: false } } });
    const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    expect(after.version).toBe(1);
  });
});

describe('CopyIgnoredFile with a real .dockerignore', () => {
  let client: LspTestClient;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-ignore-'));
    writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n*.log\n');
    client = await LspTestClient.start();
  });
  afterAll(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the .dockerignore beside a file: Dockerfile', async () => {
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
    const { text, ranges } = parseFixture('FROM alpine:3\nCOPY package.json $[node_modules$] /app/\n');
    await client.open(uri, text, 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: ranges[0],
        severity: 2,
        code: 'CopyIgnoredFile',
        codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/copy-ignored-file/' },
        source: 'dockerfile-lsp',
        message: "'node_modules' is excluded by .dockerignore, so it is not in the build context and COPY cannot use it.",
        // The line that excludes it, for the editor to link to.
        relatedInformation: [
          {
            location: { uri: pathToFileURL(path.join(dir, '.dockerignore')).href, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 12 } } },
            message: "'node_modules' excludes 'node_modules'",
          },
        ],
      },
    ]);
  });

  it('leaves the related line out for a client that does not declare relatedInformation', async () => {
    const bare = await LspTestClient.start({ capabilities: { textDocument: { publishDiagnostics: { relatedInformation: false } } } });
    try {
      const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
      await bare.open(uri, 'FROM alpine:3\nCOPY app.log /app/\n', 1);
      const [diagnostic] = await bare.diagnosticsFor(uri, 1);
      expect([diagnostic.code, diagnostic.relatedInformation]).toEqual(['CopyIgnoredFile', undefined]);
    } finally {
      await bare.stop();
    }
  });

  it('offers the skip fixes for it: code actions read the same .dockerignore', async () => {
    const uri = pathToFileURL(path.join(dir, 'actions', 'Dockerfile')).href;
    mkdirSync(path.join(dir, 'actions'));
    writeFileSync(path.join(dir, 'actions', '.dockerignore'), 'node_modules\n');
    await client.open(uri, 'FROM alpine:3\nCOPY node_modules /app/\n', 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
    expect(actions.map((a) => a.title)).toEqual(['Skip CopyIgnoredFile for this instruction', 'Skip CopyIgnoredFile in this file']);
  });

  it("reads a Dockerfile's own ignore file in place of the shared one", async () => {
    const sub = path.join(dir, 'own');
    mkdirSync(sub);
    writeFileSync(path.join(sub, '.dockerignore'), 'dist\n');
    writeFileSync(path.join(sub, 'app.Dockerfile.dockerignore'), 'build\n');
    const uri = pathToFileURL(path.join(sub, 'app.Dockerfile')).href;
    await client.open(uri, 'FROM alpine:3\nCOPY dist /app/\nCOPY build /app/\n', 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['CopyIgnoredFile', { start: { line: 2, character: 5 }, end: { line: 2, character: 10 } }]]);
  });

  it('picks up a .dockerignore changed on disk after the next edit, without making that edit wait', async () => {
    const sub = path.join(dir, 'changing');
    mkdirSync(sub);
    writeFileSync(path.join(sub, '.dockerignore'), 'node_modules\n');
    const uri = pathToFileURL(path.join(sub, 'Dockerfile')).href;
    await client.open(uri, 'FROM alpine:3\nCOPY dist /app/\n', 1);
    expect(await client.diagnosticsFor(uri, 1)).toEqual([]);
    writeFileSync(path.join(sub, '.dockerignore'), 'dist\n');
    // The text read at the open counts for a second; the first run after that refreshes it.
    await new Promise((r) => setTimeout(r, 1100));
    const version = await client.change(uri, [{ range: { start: { line: 1, character: 14 }, end: { line: 1, character: 14 } }, text: ' ' }]);
    const updated = await client.waitForDiagnostics(uri, (p) => p.version === version && p.diagnostics.length > 0);
    expect(updated.diagnostics.map((d) => [d.code, d.range])).toEqual([['CopyIgnoredFile', { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } }]]);
  });

  it('has nothing to read for documents that are not files, or folders without one', async () => {
    const text = 'FROM alpine:3\nCOPY node_modules /app/\n';
    await client.open('untitled:Untitled-1', text, 1);
    expect(await client.diagnosticsFor('untitled:Untitled-1', 1)).toEqual([]);
    const elsewhere = pathToFileURL(path.join(dir, 'sub', 'Dockerfile')).href;
    await client.open(elsewhere, text, 1);
    expect(await client.diagnosticsFor(elsewhere, 1)).toEqual([]);
  });
});

describe('.dockerignore files watched by the client', () => {
  let client: LspTestClient | undefined;
  let dir: string;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers watchers for them, and republishes the Dockerfiles they apply to once, with the new text', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-watch-'));
    mkdirSync(path.join(dir, 'other'));
    client = await LspTestClient.start({ capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const c = client;
    const uri = pathToFileURL(path.join(dir, 'Dockerfile')).href;
    const elsewhere = pathToFileURL(path.join(dir, 'other', 'Dockerfile')).href;
    const ignoreFile = path.join(dir, '.dockerignore');
    const ignoreUri = pathToFileURL(ignoreFile).href;
    const text = 'FROM alpine:3\nCOPY secret.txt /x\n';
    await c.open(uri, text);
    await c.open(elsewhere, text);
    await c.diagnosticsFor(uri, 1);
    await c.diagnosticsFor(elsewhere, 1);
    expect(c.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')).toEqual([
      { method: 'workspace/didChangeWatchedFiles', registerOptions: { watchers: [{ globPattern: '**/.dockerignore' }, { globPattern: '**/*.dockerignore' }] } },
    ]);
    const codes = async (count: number): Promise<string[][]> => {
      await c.waitForDiagnostics(uri, () => (c.diagnostics.get(uri)?.length ?? 0) >= count);
      return (c.diagnostics.get(uri) ?? []).map((p) => p.diagnostics.map((d) => String(d.code)));
    };
    const changed = (type: 1 | 2 | 3): Promise<void> => c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: ignoreUri, type }] });
    writeFileSync(ignoreFile, 'secret.txt\n');
    await changed(1);
    expect(await codes(2)).toEqual([[], ['CopyIgnoredFile']]);
    writeFileSync(ignoreFile, '# nothing left out\n');
    await changed(2);
    expect(await codes(3)).toEqual([[], ['CopyIgnoredFile'], []]);
    writeFileSync(ignoreFile, 'secret.*\n');
    await changed(2);
    expect(await codes(4)).toEqual([[], ['CopyIgnoredFile'], [], ['CopyIgnoredFile']]);
    rmSync(ignoreFile);
    await changed(3);
    expect(await codes(5)).toEqual([[], ['CopyIgnoredFile'], [], ['CopyIgnoredFile'], []]);
    // No other publish followed; the Dockerfile in another folder was left alone.
    await c.request('textDocument/documentSymbol', { textDocument: { uri } });
    expect(c.diagnostics.get(uri)?.map((p) => p.version)).toEqual([1, 1, 1, 1, 1]);
    expect(c.diagnostics.get(elsewhere)).toHaveLength(1);
  });
});
