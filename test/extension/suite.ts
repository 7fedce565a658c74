// The extension-host suite: runs inside a real VS Code with the extension under development
// loaded: VS Code desktop via @vscode/test-electron (test/extension/runTests.mjs), or
// code-server's extension host (npm run test:e2e, test/e2e/lib/extensionHostSuite.ts).
// `run` is what VS Code calls. It covers, through the VS Code API, the behaviour the e2e test
// checks through the page. Each feature case is gated on what the server advertises, so a
// feature that has not landed yet is reported as SKIPPED rather than failed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Feature, FEATURE_GATES, probeServerFeatures, ServerFeatures } from '../e2e/lib/serverFeatures';
import { RESTRICTED_MODE_VARIABLE } from './restrictedMode';

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

/** A diagnostic's code: VS Code gives `{ value, target }` when the server sent a link to the rule's documentation. */
function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

let scratches = 0;

/**
 * An untitled Dockerfile with `content`, shown in an editor (so nothing on disk changes), under a name
 * of its own: VS Code names untitled documents Untitled-N again once the last one is closed, and the
 * server could then answer a request about the previous document's text under the same name, or about
 * none when that document's close reached it after the new one's open.
 */
async function scratch(content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/scratch-${++scratches}/Dockerfile` });
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'dockerfile');
  const editor = await vscode.window.showTextDocument(doc);
  assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), content)));
  assert.equal(doc.getText(), content);
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

/** The server process's arguments: Node.js's before the script, the server's after it (Linux only). */
async function serverCommandLine(): Promise<{ node: string[]; server: string[] }> {
  if (process.platform !== 'linux') throw new Skipped('no /proc to read the server process from');
  const id = await waitFor('the language server process', () => serverProcessId());
  const command = fs.readFileSync(`/proc/${id}/cmdline`, 'utf8').split('\0');
  const script = command.findIndex((arg) => arg.endsWith(path.join('dist', 'server.js')));
  return { node: command.slice(1, script), server: command.slice(script + 1) };
}

/** The process id of our language server: a child of this extension host running dist/server.js. */
function serverProcessId(): number | undefined {
  return serverProcessIds()[0];
}

/** Every child of this extension host running dist/server.js: more than one while a restart overlaps. */
function serverProcessIds(): number[] {
  const ids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent id is the second field after the command name, which is in parentheses.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (command.some((arg) => arg.endsWith(path.join('dist', 'server.js')))) ids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return ids;
}

/** The first hover text at `position`, once the server answers. */
async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await waitFor('a hover', async () => {
    const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
    return result && result.length > 0 ? result : undefined;
  });
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/** Semantic tokens decoded from VS Code's relative encoding, named through the legend. */
async function semanticTokens(doc: vscode.TextDocument): Promise<{ line: number; character: number; text: string; type: string; modifiers: string[] }[]> {
  const legend = await waitFor('the semantic tokens legend', async () =>
    vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri),
  );
  const tokens = await waitFor('semantic tokens', async () =>
    vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri),
  );
  const decoded = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < tokens.data.length; i += 5) {
    const [deltaLine, deltaStart, length, type, modifierBits] = tokens.data.slice(i, i + 5);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    decoded.push({
      line,
      character,
      text: doc.getText(new vscode.Range(line, character, line, character + length)),
      type: legend.tokenTypes[type],
      modifiers: legend.tokenModifiers.filter((_, bit) => modifierBits & (1 << bit)),
    });
  }
  return decoded;
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
      assert.deepEqual(node.filter((arg) => arg.startsWith('--max-semi-space-size')), ['--max-semi-space-size=4']);
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
    'in Restricted Mode (an untrusted workspace) the extension is active and its server answers',
    ['hover'],
    async () => {
      // The rest of the suite, run in the same window, checks every feature there.
      if (process.env[RESTRICTED_MODE_VARIABLE] !== '1') throw new Skipped('the workspace is trusted here; npm run test:e2e runs the suite again in Restricted Mode');
      assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
      const extension = vscode.extensions.getExtension('dockerfile-lsp.dockerfile-lsp');
      assert.equal(extension?.isActive, true);
      // VS Code keeps an extension under development on whatever its manifest says (seen in code-server),
      // so the declaration that keeps the installed extension on is checked here too.
      assert.deepEqual(extension.packageJSON.capabilities?.untrustedWorkspaces, { supported: true });
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      await vscode.window.showTextDocument(doc);
      assert.match(await hoverText(doc, new vscode.Position(lineOf(doc, 'FROM'), 1)), /FROM/);
    },
  ],
  [
    'hovering FROM shows documentation',
    ['hover'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      assert.match(await hoverText(doc, new vscode.Position(lineOf(doc, 'FROM'), 1)), /FROM/);
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
      // VS Code names untitled documents Untitled-N again once the last one is closed, and the new
      // document's text can reach the server after a request: until then the answer is about the
      // previous test's text under the same name (a RUN without --mount on that line). So wait for an
      // answer about this text, then check which option is active.
      let last = 'nothing';
      const typing = await waitFor('signature help for RUN --mount', async () => {
        const help = await at(1, 25);
        last = JSON.stringify([doc.getText(), help?.signatures.map((s) => s.label), help?.activeSignature]);
        return help?.signatures[help.activeSignature]?.label.includes('--mount') ? help : undefined;
      }).catch((error: Error) => {
        throw new Error(`${error.message}; the last answer: ${last}`);
      });
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
      // The diagnostic may still be the one of the previous test's document: VS Code gives a new
      // untitled document the name of the one just closed, with the same text here, and the request
      // can reach the server before this document does (it then has no actions). Asked until it has.
      let actions: vscode.CodeAction[] = [];
      const fix = await waitFor('a quick fix with an edit for RUNN', async () => {
        actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
        return actions.find((a) => a.edit && /\bRUN\b/.test(a.title)) ?? actions.find((a) => a.edit);
      }).catch(() => undefined);
      assert.ok(fix?.edit, `no quick fix with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.lineAt(1).text, /^RUN\s/);
    },
  ],
  [
    'Fix All (the source.fixAll kind editor.codeActionsOnSave asks for) rewrites casing and legacy ENV in one edit',
    ['diagnostics', 'codeAction'],
    async () => {
      const doc = await scratch('from alpine:3 AS build\nENV MODE release\nRUN echo $MODE\n');
      const whole = new vscode.Range(0, 0, doc.lineCount, 0);
      // Asked until the server has this document (see the quick fix above).
      const fixAll = await waitFor('a Fix All action', async () => {
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, vscode.CodeActionKind.SourceFixAll.value)) ?? [];
        return actions.find((a) => a.kind?.value === 'source.fixAll.dockerfile' && a.edit);
      });
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
      assert.strictEqual(doc.getText(), 'FROM alpine:3 AS build\nENV MODE=release\nRUN echo $MODE\n');
    },
  ],
  [
    'Fix All runs on save with the editor.codeActionsOnSave setting the README gives',
    ['diagnostics', 'codeAction'],
    async () => {
      // A file of its own outside the fixtures, since saving writes it.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-save-'));
      const file = path.join(dir, 'Dockerfile');
      fs.writeFileSync(file, 'FROM alpine:3.20\nENV MODE release\nRUN echo $MODE\n');
      const editor = vscode.workspace.getConfiguration('editor', { languageId: 'dockerfile' });
      await editor.update('codeActionsOnSave', { 'source.fixAll.dockerfile': 'explicit' }, vscode.ConfigurationTarget.Global, true);
      try {
        const doc = await vscode.workspace.openTextDocument(file);
        const shown = await vscode.window.showTextDocument(doc);
        // The server must know the document before the save asks it for Fix All.
        await waitFor('the LegacyKeyValueFormat warning', () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'LegacyKeyValueFormat'));
        assert.ok(await shown.edit((edit) => edit.insert(new vscode.Position(2, 0), 'from alpine:3.20 as test\n')));
        await waitFor('the ConsistentInstructionCasing warning', () => vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'ConsistentInstructionCasing'));
        assert.ok(await doc.save());
        const fixed = 'FROM alpine:3.20\nENV MODE=release\nFROM alpine:3.20 AS test\nRUN echo $MODE\n';
        assert.equal(doc.getText(), fixed);
        assert.equal(fs.readFileSync(file, 'utf8'), fixed);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await editor.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
        fs.rmSync(dir, { recursive: true, force: true });
      }
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
  [
    'code lenses above each FROM name the stage and count its users; the used stage\'s lens shows its references',
    ['codeLens'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      const editor = await vscode.window.showTextDocument(doc);
      const lenses = await waitFor('code lenses', async () => {
        const result = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
        return result && result.length > 0 ? result : undefined;
      });
      assert.deepEqual(
        lenses.map((lens) => [lens.range.start.line, lens.range.start.character, lens.range.end.character, lens.command?.title, lens.command?.command]),
        [
          [4, 0, 4, 'build (stage 0) · used by 1 later stage', 'dockerfile-lsp.showReferences'],
          [11, 0, 4, 'stage 1 · final stage, built by default', ''],
        ],
      );
      // The server passes LSP values (uri string, position, locations): the client command converts them.
      const command = lenses[0].command!;
      assert.deepEqual(command.arguments, [
        doc.uri.toString(),
        { line: 4, character: 0 },
        [{ uri: doc.uri.toString(), range: { start: { line: 12, character: 12 }, end: { line: 12, character: 17 } } }],
      ]);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand(command.command, ...command.arguments!);
      // The references peek opens in the Dockerfile's editor, at the stage's FROM.
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString());
      assert.deepEqual(vscode.window.activeTextEditor.selection.active, new vscode.Position(4, 0));
      await vscode.commands.executeCommand('closeReferenceSearch');
    },
  ],
  [
    'changing formatting.keywordCase in the settings changes what Format Document does',
    ['formatting'],
    async () => {
      const doc = await scratch('FROM alpine:3.20 AS build\nRUN echo hi\n');
      const format = async () =>
        (await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true })) ?? [];
      // The server pulls the new value after VS Code reports the change: until then it formats as before.
      const someEdits = async () => {
        const edits = await format();
        return edits.length ? edits : undefined;
      };
      const apply = async (edits: vscode.TextEdit[]) => {
        const edit = new vscode.WorkspaceEdit();
        edit.set(doc.uri, edits);
        assert.ok(await vscode.workspace.applyEdit(edit));
      };
      assert.deepEqual(await format(), [], 'upper-case keywords are already formatted');
      // User settings, so nothing in the fixture workspace changes.
      const settings = vscode.workspace.getConfiguration('dockerfile-lsp');
      await settings.update('formatting.keywordCase', 'lower', vscode.ConfigurationTarget.Global);
      try {
        await apply(await waitFor('formatting edits after the setting changed', someEdits));
        assert.equal(doc.getText(), 'from alpine:3.20 as build\nrun echo hi\n');
      } finally {
        await settings.update('formatting.keywordCase', undefined, vscode.ConfigurationTarget.Global);
      }
      // Back to the default, the server formats the keywords upper-case again.
      await apply(await waitFor('formatting edits after the setting was restored', someEdits));
      assert.equal(doc.getText(), 'FROM alpine:3.20 AS build\nRUN echo hi\n');
    },
  ],
  [
    "inlay hints show an ARG's value after its use in FROM, and an unnamed stage's index",
    ['inlayHint'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      await vscode.window.showTextDocument(doc);
      const hints = await waitFor('inlay hints', async () => {
        const result = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
        return result && result.length > 0 ? result : undefined;
      });
      assert.deepEqual(
        hints.map((hint) => [hint.position.line, hint.position.character, typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')]),
        [
          [4, 25, '= 20'], // after FROM node:${NODE_VERSION}
          [11, 22, 'stage 1'], // after FROM nginx:1.27-alpine
        ],
      );
    },
  ],
  [
    'semantic tokens mark a stage name where it is declared and where COPY --from uses it',
    ['semanticTokens'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      await vscode.window.showTextDocument(doc);
      const tokens = await semanticTokens(doc);
      assert.deepEqual(
        tokens.filter((token) => token.text === 'build'),
        [
          { line: 4, character: 36, text: 'build', type: 'class', modifiers: ['declaration'] },
          { line: 12, character: 12, text: 'build', type: 'class', modifiers: [] },
        ],
      );
    },
  ],
  [
    'folding ranges cover each stage and a heredoc body',
    ['foldingRange'],
    async () => {
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'multi-stage/Dockerfile'));
      await vscode.window.showTextDocument(doc);
      const ranges = await waitFor('folding ranges', async () => {
        const result = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', doc.uri);
        return result && result.length > 0 ? result : undefined;
      });
      const kind = (range: vscode.FoldingRange) => (range.kind === undefined ? undefined : vscode.FoldingRangeKind[range.kind]);
      assert.deepEqual(
        ranges.map((range) => [range.start, range.end, kind(range)]),
        [
          [0, 2, 'Comment'], // the header comment
          [7, 13, 'Region'], // stage base
          [10, 13, undefined], // its RUN continued over lines
          [15, 21, 'Region'], // stage build
          [18, 21, undefined],
          [23, 26, 'Region'], // stage test
          [24, 26, undefined],
          [28, 44, 'Region'], // stage runtime
          [29, 34, undefined], // the RUN <<EOT heredoc body
          [35, 38, undefined], // the COPY <<-"EOT" heredoc body
        ],
      );
    },
  ],
  [
    'Restart Server replaces the server process, and the new one answers',
    ['hover', 'diagnostics'],
    async () => {
      if (process.platform !== 'linux') throw new Skipped('no /proc to read the server process from');
      const before = await waitFor('the language server process', () => serverProcessId());
      await vscode.commands.executeCommand('dockerfile-lsp.restartServer');
      const after = await waitFor('one new server process', () => {
        const ids = serverProcessIds();
        return ids.length === 1 && ids[0] !== before ? ids[0] : undefined;
      });
      assert.notEqual(after, before);
      assert.ok(!fs.existsSync(`/proc/${before}`), 'the old server process has ended');
      const doc = await vscode.workspace.openTextDocument(path.join(fixtures, 'Dockerfile'));
      assert.match(await hoverText(doc, new vscode.Position(lineOf(doc, 'FROM'), 1)), /FROM/);
      const typo = await scratch(MISTAKES);
      await waitFor('a diagnostic on the RUNN line from the new server', () => vscode.languages.getDiagnostics(typo.uri).find((d) => d.range.start.line === 1));
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
