// The extension-host suite: runs inside a real VS Code with the extension under development
// loaded: VS Code desktop via @vscode/test-electron (test/extension/runTests.mjs), or
// code-server's extension host (npm run test:e2e, test/e2e/lib/extensionHostSuite.ts).
// `run` is what VS Code calls. It covers, through the VS Code API, the behaviour the e2e test
// checks through the page. Each feature case is gated on what the server advertises, so a
// feature that has not landed yet is reported as SKIPPED rather than failed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Feature, FEATURE_GATES, probeServerFeatures, ServerFeatures } from '../e2e/lib/serverFeatures';

type Case = [name: string, needs: Feature[], body: () => Promise<void>];

/** Thrown by a case that cannot check anything where it runs: reported as SKIPPED with the reason. */
class Skipped extends Error {}

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/workspace');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** An untitled Dockerfile with `content`, shown in an editor (so nothing on disk changes). */
async function scratch(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

function lineOf(doc: vscode.TextDocument, prefix: string): number {
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith(prefix));
  assert.ok(line >= 0, `no line starting with ${prefix}`);
  return line;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** The process id of our language server: a child of this extension host running dist/server.js. */
/** The server process's arguments: Node.js's before the script, the server's after it (Linux only). */
async function serverCommandLine(): Promise<{ node: string[]; server: string[] }> {
  if (process.platform !== 'linux') throw new Skipped('no /proc to read the server process from');
  const id = await waitFor('the language server process', () => serverProcessId());
  const command = fs.readFileSync(`/proc/${id}/cmdline`, 'utf8').split('\0');
  const script = command.findIndex((arg) => arg.endsWith(path.join('dist', 'server.js')));
  return { node: command.slice(1, script), server: command.slice(script + 1) };
}

function serverProcessId(): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent id is the second field after the command name, which is in parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command.some((arg) => arg.endsWith(path.join('dist', 'server.js')))) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

const MISTAKES = 'FROM python:3.12-slim AS builder\nRUNN pip install poetry\nWORKDIR /app\n';

const cases: Case[] = [
  [
    'a Dockerfile opens with the dockerfile language id and activates the extension',
    [],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, 'dockerfile');
      const containerfile = await vscode.workspace.openTextDocument(path.join(fixtures, 'web/Containerfile'));
      assert.equal(containerfile.languageId, 'dockerfile');
      const extension = vscode.extensions.getExtension('dockerfile-lsp.dockerfile-lsp');
      assert.ok(extension, 'extension is installed');
      await waitFor('activation', () => (extension.isActive ? true : undefined));
    },
  ],
  [
    'the server starts without NODE_EXTRA_CA_CERTS, which only slows its start',
    [],
    async () => {
      // Processes can be inspected through /proc on Linux only. The e2e harness starts code-server
      // with the variable set, so there this case checks that the client removes it.
      if (process.platform !== 'linux') throw new Skipped('no /proc to read the server process from');
      const server = await waitFor('the language server process', () => serverProcessId());
      const environ = fs.readFileSync(`/proc/${server}/environ`, 'utf8').split('\0');
      assert.ok(environ.some((v) => v.startsWith('PATH=')), 'the server inherits the rest of the environment');
      assert.deepEqual(environ.filter((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), [], 'the server has no NODE_EXTRA_CA_CERTS');
    },
  ],
  [
    "the server runs V8's background work on one helper thread, which leaves the server a core",
    [],
    async () => {
      const { node } = await serverCommandLine();
      assert.deepEqual(node.filter((arg) => arg.startsWith('--v8-pool-size')), ['--v8-pool-size=1']);
    },
  ],
  [
    'the server speaks over stdio, where it writes its large answers from the JSON it keeps',
    [],
    async () => {
      const { server } = await serverCommandLine();
      assert.deepEqual(server.filter((arg) => /^--(stdio|node-ipc|pipe|socket)/.test(arg)), ['--stdio']);
    },
  ],
  [
    'hovering FROM shows documentation',
    ['hover'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      const line = lineOf(doc, 'FROM');
      const hovers = await waitFor('a hover', async () => {
        const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 1));
        return result && result.length > 0 ? result : undefined;
      });
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /FROM/);
    },
  ],
  [
    'completion at the start of a line lists the instructions',
    ['completion'],
    async () => {
      const doc = await scratch('FROM alpine:3.20 AS build\n\n');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 0));
      const labels = list.items.map(labelOf).map((l) => l.toUpperCase());
      for (const keyword of ['FROM', 'RUN', 'COPY', 'WORKDIR']) assert.ok(labels.some((l) => l.startsWith(keyword)), `${keyword} missing from ${JSON.stringify(labels)}`);
    },
  ],
  [
    'completion after COPY --from= lists the stage names',
    ['completion'],
    async () => {
      const doc = await scratch('FROM alpine:3.20 AS build\nRUN echo hi\n\nFROM alpine:3.20\nCOPY --from=');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(4, 12), '=');
      const labels = list.items.map(labelOf);
      assert.ok(labels.some((l) => l.startsWith('build')), `stage "build" missing from ${JSON.stringify(labels)}`);
    },
  ],
  [
    'signature help for --mount highlights the option being typed, and none right after a comma',
    ['signatureHelp'],
    async () => {
      const doc = await scratch('FROM alpine:3.20\nRUN --mount=type=cache,ta\nRUN --mount=type=cache, true\n');
      const at = async (line: number, character: number) =>
        vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, new vscode.Position(line, character), ',');
      const typing = await waitFor('signature help', () => at(1, 25));
      const signature = typing.signatures[typing.activeSignature];
      assert.equal(signature.parameters[signature.activeParameter ?? typing.activeParameter]?.label, 'target=<path>');
      // VS Code's client declares that it can show no active parameter; the server's null arrives as -1.
      const afterComma = await at(2, 23);
      assert.equal(afterComma.signatures[afterComma.activeSignature].activeParameter, -1);
    },
  ],
  [
    'a typo (RUNN) gets a diagnostic',
    ['diagnostics'],
    async () => {
      const doc = await scratch(MISTAKES);
      const diagnostics = await waitFor('diagnostics on the RUNN line', () => {
        const list = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.start.line === 1);
        return list.length ? list : undefined;
      });
      assert.ok(diagnostics.length > 0);
    },
  ],
  [
    'the quick fix for RUNN applies',
    ['diagnostics', 'codeAction'],
    async () => {
      const doc = await scratch(MISTAKES);
      const diagnostic = await waitFor('a diagnostic on the RUNN line', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.range.start.line === 1));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.edit && /\bRUN\b/.test(a.title)) ?? actions.find((a) => a.edit);
      assert.ok(fix?.edit, `no quick fix with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.lineAt(1).text, /^RUN\s/);
    },
  ],
  [
    'document symbols (the Outline) list the stages',
    ['documentSymbol'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'multi-stage/Dockerfile'));
      const symbols = await waitFor('document symbols', async () => {
        const result = await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', doc.uri);
        return result && result.length ? result : undefined;
      });
      const names = symbols.map((s) => s.name).join('\n');
      for (const stage of ['base', 'build', 'test', 'runtime']) assert.match(names, new RegExp(`\\b${stage}\\b`), `stage ${stage} missing from ${JSON.stringify(names)}`);
    },
  ],
  [
    'Format Document changes a badly formatted file',
    ['formatting'],
    async () => {
      const source = await vscode.workspace.openTextDocument(path.join(fixtures, 'format-me/Dockerfile'));
      const doc = await scratch(source.getText());
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
      assert.ok(edits && edits.length > 0, 'no formatting edits');
      const edit = new vscode.WorkspaceEdit();
      edit.set(doc.uri, edits);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.notEqual(doc.getText(), source.getText());
    },
  ],
];

async function serverFeatures(): Promise<ServerFeatures> {
  // In VS Code desktop the extension host is Electron: run the server with it as plain Node.
  return probeServerFeatures({
    serverPath: path.join(root, 'dist/server.js'),
    nodePath: process.execPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}

export async function run(): Promise<void> {
  const features = await serverFeatures();
  const failures: string[] = [];
  for (const [name, needs, body] of cases) {
    const missing = needs.filter((feature) => !features.has[feature]);
    if (missing.length) {
      console.log(`  SKIPPED (server does not advertise ${missing.map((f) => FEATURE_GATES[f]).join(' and ')} yet): ${name}`);
      continue;
    }
    try {
      await body();
      console.log(`  ok    ${name}`);
    } catch (error) {
      if (error instanceof Skipped) {
        console.log(`  SKIPPED (${error.message}): ${name}`);
        continue;
      }
      console.log(`  FAIL  ${name}\n        ${String(error instanceof Error ? error.stack : error)}`);
      failures.push(name);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    }
  }
  if (failures.length) throw new Error(`${failures.length} extension test(s) failed`);
}
