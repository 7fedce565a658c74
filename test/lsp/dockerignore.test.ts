// A `.dockerignore` open in the editor, over the protocol: its own diagnostics, hover and fixes,
// nothing from the Dockerfile features, and the Dockerfiles it applies to following its unsaved text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Hover, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LspTestClient } from './client';
import { parseFixture } from './fixture';

let client: LspTestClient;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'dockerfile-lsp-ignorefile-'));
  client = await LspTestClient.start();
});
afterAll(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

const uriOf = (...parts: string[]) => pathToFileURL(path.join(dir, ...parts)).href;
const REFERENCE = 'https://docs.docker.com/build/concepts/context/#dockerignore-files';

describe('a .dockerignore document', () => {
  it('gets its own diagnostics, whatever language the editor gives it', async () => {
    const uri = uriOf('.dockerignore');
    const { text, ranges } = parseFixture('# deps\nnode_modules  $[# installed in the image$]\n$[!$]\n$[logs/[z-a].log$]\n');
    await client.open(uri, text, 1, 'ignore');
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      {
        range: ranges[0],
        severity: 2,
        code: 'dockerignore-not-a-comment',
        codeDescription: { href: REFERENCE },
        source: 'dockerfile-lsp',
        message:
          "'#' starts a comment only at the start of a line: BuildKit reads this whole line as the pattern 'node_modules  # installed in the image', so 'node_modules' is not excluded. Move the comment to a line of its own.",
      },
      {
        range: ranges[1],
        severity: 1,
        code: 'invalid-dockerignore',
        codeDescription: { href: REFERENCE },
        source: 'dockerfile-lsp',
        message:
          '\'!\' excludes nothing: an exclusion needs a pattern after its `!` (BuildKit: "illegal exclusion pattern"). Every build that reads this file fails as the context is sent, before any instruction runs.',
      },
      {
        range: ranges[2],
        severity: 1,
        code: 'invalid-dockerignore',
        codeDescription: { href: REFERENCE },
        source: 'dockerfile-lsp',
        message:
          '\'logs/[z-a].log\' has a character range that runs backwards, `z-a`, which Go\'s regular expressions refuse (BuildKit: "syntax error in pattern"). A build that reads this file fails as soon as BuildKit matches a path of the context against this pattern (any path the lines above leave in).',
      },
    ]);

    // The quick fix, applied as an editor would, leaves a file with no diagnostics of that code.
    const diagnostics = await client.diagnosticsFor(uri, 1);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics: [diagnostics[0]] } });
    // The refactoring is offered on any pattern that matches at the root only, this one too.
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred])).toEqual([
      ['Move the comment to the line above', 'quickfix', true],
      ['Match in every folder (**/)', 'refactor.rewrite', undefined],
    ]);
    const edit = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
    expect(edit.textDocument).toEqual({ uri, version: 1 });
    const fixedText = TextDocument.applyEdits(TextDocument.create(uri, 'ignore', 1, text), edit.edits as TextEdit[]);
    expect(fixedText).toBe('# deps\n# installed in the image\nnode_modules\n!\nlogs/[z-a].log\n');
    await client.change(uri, [{ text: fixedText }], 2);
    expect((await client.diagnosticsFor(uri, 2)).map((d) => d.code)).toEqual(['invalid-dockerignore', 'invalid-dockerignore']);

    // The user's severities apply, as to a Dockerfile's rules.
    await client.setSettings({ 'dockerfile-lsp': { diagnostics: { rules: { 'invalid-dockerignore': 'off' } } } });
    await client.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 0);
    await client.setSettings({});
    await client.waitForDiagnostics(uri, (p) => p.version === 2 && p.diagnostics.length === 2 && p === client.diagnostics.get(uri)!.at(-1));
  });

  it('explains a pattern on hover, completes the common entries, and the Dockerfile features answer nothing on it', async () => {
    const uri = uriOf('app.Dockerfile.dockerignore');
    await client.open(uri, 'node_modules\n**/*.log\n', 1, 'ignore');
    await client.diagnosticsFor(uri, 1);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    expect(hover.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 12 } });
    expect((hover.contents as { value: string }).value.split('\n\n').slice(0, 2)).toEqual([
      '**Excludes** `node_modules` from the build context',
      'Matches at the root of the context only, not in its folders (`node_modules`, not `sub/node_modules`). A folder it matches goes with everything inside it.',
    ]);
    const textDocument = { uri };
    expect(await client.request('textDocument/semanticTokens/full', { textDocument })).toBeNull();
    expect(await client.request('textDocument/documentSymbol', { textDocument })).toBeNull();
    const completion = await client.request<{ items: { label: string }[] }>('textDocument/completion', { textDocument, position: { line: 2, character: 0 } });
    // `**/*.log` is there already; `node_modules` is not `**/node_modules`.
    expect(completion.items.map((i) => i.label).slice(0, 4)).toEqual(['.git', '**/node_modules', '**/.env', '**/__pycache__']);
    expect(await client.request('textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: true } })).toBeNull();
    expect(await client.request('textDocument/foldingRange', { textDocument })).toBeNull();
  });

  it('leaves alone another ignore file an editor sends in the same language', async () => {
    const uri = uriOf('.gitignore');
    await client.open(uri, 'FROM alpine\nnode_modules  # deps\n!\n', 1, 'ignore');
    expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } })).toBeNull();
    // A Dockerfile opened after it is published; the .gitignore never is.
    const dockerfile = uriOf('other', 'Dockerfile');
    await client.open(dockerfile, 'FROM alpine\n', 1);
    await client.diagnosticsFor(dockerfile, 1);
    expect(client.diagnostics.get(uri)).toBeUndefined();
  });
});

describe('the Dockerfiles a .dockerignore applies to', () => {
  it('follow its text as it is typed, and the file on disk again once it is closed', async () => {
    const sub = path.join(dir, 'live');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sub);
    writeFileSync(path.join(sub, '.dockerignore'), 'secret.txt\n');
    const uri = uriOf('live', 'Dockerfile');
    const ignoreUri = uriOf('live', '.dockerignore');
    const latest = (): PublishDiagnosticsParams | undefined => client.diagnostics.get(uri)?.at(-1);
    const codesWhen = async (expected: string[]): Promise<void> => {
      await client.waitForDiagnostics(uri, (p) => p === latest() && JSON.stringify(p.diagnostics.map((d) => d.code)) === JSON.stringify(expected));
    };
    await client.open(uri, 'FROM alpine:3\nCOPY secret.txt /x\n', 1);
    expect((await client.diagnosticsFor(uri, 1)).map((d) => d.code)).toEqual(['CopyIgnoredFile']);
    // Opened unchanged, then edited without saving: the Dockerfile reads the editor's text.
    await client.open(ignoreUri, 'secret.txt\n', 1, 'ignore');
    await client.change(ignoreUri, [{ text: '# nothing left out yet\n' }]);
    await codesWhen([]);
    await client.change(ignoreUri, [{ text: '# secrets\n  secret.*\n' }]);
    await codesWhen(['CopyIgnoredFile']);
    // It points at the line of the editor's text that excludes the source.
    expect(latest()!.diagnostics[0].relatedInformation).toEqual([
      { location: { uri: ignoreUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 10 } } }, message: "'secret.*' excludes 'secret.txt'" },
    ]);
    // Hover on the source says which line leaves it out.
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 7 } });
    expect((hover.contents as { value: string }).value).toContain('**Left out by .dockerignore**, line 2: `secret.*`. It is not sent to the builder, so COPY finds nothing here.');
    await client.change(ignoreUri, [{ text: '!\n' }]);
    await codesWhen(['invalid-dockerignore']);
    expect(latest()!.diagnostics[0].relatedInformation).toEqual([
      { location: { uri: ignoreUri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, message: "BuildKit refuses '!'" },
    ]);
    await client.change(ignoreUri, [{ text: '' }]);
    await codesWhen([]);
    // Closed without saving: the file on disk counts again.
    await client.close(ignoreUri);
    await codesWhen(['CopyIgnoredFile']);
    // Every publish was for the Dockerfile's one version.
    expect(new Set(client.diagnostics.get(uri)!.map((p) => p.version))).toEqual(new Set([1]));
  });
});
