// The extension-host suite: runs inside a real VS Code (desktop via @vscode/test-electron),
// with the extension under development loaded. `run` is what VS Code calls.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

type Case = [name: string, body: () => Promise<void>];

const fixtures = path.resolve(__dirname, '../../test/fixtures/workspace');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cases: Case[] = [
  [
    'a Dockerfile opens with the dockerfile language id and activates the extension',
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'dockerfile');
      const extension = vscode.extensions.getExtension('dockerfile-lsp.dockerfile-lsp');
      assert.ok(extension, 'extension is installed');
      await waitFor('activation', () => (extension.isActive ? true : undefined));
    },
  ],
  [
    'the server answers: hovering FROM shows documentation',
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      const line = doc.getText().split('\n').findIndex((l) => l.startsWith('FROM'));
      const hovers = await waitFor('a hover', async () => {
        const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 1));
        return result && result.length > 0 ? result : undefined;
      });
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /FROM/);
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, body] of cases) {
    try {
      await body();
      console.log(`  ok    ${name}`);
    } catch (error) {
      console.log(`  FAIL  ${name}\n        ${String(error instanceof Error ? error.stack : error)}`);
      failures.push(name);
    }
  }
  if (failures.length) throw new Error(`${failures.length} extension test(s) failed`);
}
