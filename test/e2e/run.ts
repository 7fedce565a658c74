// `npm run test:e2e`: the extension in a real VS Code (code-server) in a real browser (Debian's
// Chromium driven by playwright-core), checked through what the page shows.
//
// Options: --headed (show the browser; needs a display), --keep (keep code-server's user data),
// --readme-screenshots (copy the best screenshots to test/e2e/screenshots/ for the README),
// --only=<substring> (run only the steps whose name contains it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser } from './lib/browser';
import { startCodeServer } from './lib/codeServer';
import { buildExtensionSuite, runSuiteInCodeServer } from './lib/extensionHostSuite';
import { checkCompileCache } from './lib/compileCache';
import { RESTRICTED_MODE_VARIABLE } from '../extension/restrictedMode';
import { ourGrammar, scopesAt } from './lib/grammar';
import { ARTIFACTS_DIR, E2E_DIR, FIXTURES_WORKSPACE, ROOT } from './lib/paths';
import { teardown } from './lib/processes';
import { describeFeatures, Feature, FEATURE_GATES, probeServerFeatures, ServerFeatures } from './lib/serverFeatures';
import { buildVsix, ensureToolchain } from './lib/setup';
import { Workbench, waitUntil } from './lib/workbench';
import { createWorkspace, Workspace } from './lib/workspace';
import { LspTestClient } from '../lsp/client';
import type { CompletionItem, CompletionList, DocumentSymbol, Hover, MarkupContent, SymbolInformation, TextEdit } from 'vscode-languageserver-protocol';
import { pathToFileURL } from 'node:url';

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);
const SCREENSHOTS = path.join(ARTIFACTS_DIR, 'screenshots');
/** Screenshots worth showing in the README (by screenshot name), and the file name each gets there. */
const README_SHOTS: Record<string, string> = {
  'grammar-colours-the-shell-inside-run-differently-from-the-keyword': 'grammar.png',
  'hovering-from-shows-our-documentation': 'hover.png',
  'suggestions-at-the-start-of-a-line-list-the-instructions': 'completion-instructions.png',
  'copy-from-suggests-the-stage-names': 'completion-stages.png',
  'a-typo-runn-is-squiggled-and-listed-in-the-problems-panel': 'diagnostics.png',
  'quick-fix-menu': 'quick-fix.png',
  'the-outline-lists-the-stages': 'outline.png',
  'format-document-formats-the-file': 'format.png',
};

interface Context {
  wb: Workbench;
  workspace: Workspace;
  features: ServerFeatures;
  oracle(): Promise<LspTestClient>;
  text(relative: string): string;
  uri(relative: string): string;
  alias: string;
  codeServerUrl: string;
}

interface Step {
  name: string;
  needs?: Feature[];
  run(ctx: Context): Promise<void>;
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const contents = hover.contents;
  const parts = Array.isArray(contents) ? contents : [contents];
  return parts.map((part) => (typeof part === 'string' ? part : (part as MarkupContent).value)).join('\n');
}

/** Words a rendered hover must show: the first few long-ish words of the server's markdown. */
function significantWords(markdown: string, count = 8): string[] {
  const words = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .match(/[A-Za-z][A-Za-z-]{3,}/g);
  return [...new Set(words ?? [])].slice(0, count);
}

function lineIndex(text: string, predicate: (line: string) => boolean): number {
  const index = text.split('\n').findIndex(predicate);
  assert(index >= 0, 'fixture line not found');
  return index;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, character: number) => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start.line, b.range.start.character) - offset(a.range.start.line, a.range.start.character));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + result.slice(offset(edit.range.end.line, edit.range.end.character));
  }
  return result;
}

async function revert(ctx: Context): Promise<void> {
  await ctx.wb.dismiss();
  await ctx.wb.runCommand('File: Revert File');
  // The command returns before the tab shows the file clean: a next step that looked for dirty tabs
  // in between found this one, and its click timed out once the revert landed.
  const activeDirty = ctx.wb.page.locator('.tabs-container .tab.active.dirty');
  const describe = async () => `tab ${await ctx.wb.page.locator('.tabs-container .tab.active').getAttribute('aria-label').catch(() => '?')}; ${JSON.stringify(await ctx.wb.visibleLines())}`;
  try {
    await waitUntil('the reverted file to be clean', async () => (await activeDirty.count()) === 0, { timeoutMs: 10_000, describe });
  } catch {
    // A revert that lost a race with an edit VS Code itself queued (linked editing mirrors an edit
    // after a delay) leaves the file dirty again: revert once more, as a user would.
    console.log('          the file was still dirty after a revert; reverting again');
    await ctx.wb.dismiss();
    await ctx.wb.runCommand('File: Revert File');
    await waitUntil('the reverted file to be clean', async () => (await activeDirty.count()) === 0, { describe });
  }
}

const steps: Step[] = [
  {
    name: 'the workbench loads with the workspace',
    async run({ wb }) {
      await wb.waitReady();
    },
  },
  {
    name: 'Dockerfiles open in the Dockerfile language mode',
    async run(ctx) {
      const files = ['Dockerfile', 'multi-stage/Dockerfile', 'web/Containerfile', ...ctx.workspace.corpusFiles.filter((f) => /(^|\/)(Dockerfile|[^/]+\.Dockerfile)$/.test(f)).slice(0, 4)];
      for (const file of files) {
        await ctx.wb.openFile(file);
        await ctx.wb.waitForLanguageMode(ctx.alias);
      }
    },
  },
  {
    // `Dockerfile.*` would claim it: a Dockerfile's own ignore file is not a Dockerfile.
    name: 'a Dockerfile.dockerignore opens as an ignore file, not as a Dockerfile',
    async run(ctx) {
      await ctx.wb.openFile('multi-stage/Dockerfile.dockerignore');
      await ctx.wb.waitForLanguageMode('Ignore');
    },
  },
  {
    // The client sends it by name, and the server gives it diagnostics and hover of its own.
    name: 'a .dockerignore gets its own squiggles and hover',
    needs: ['diagnostics', 'hover'],
    async run(ctx) {
      const { wb } = ctx;
      await wb.openFile('mistakes/.dockerignore');
      await wb.waitForLanguageMode('Ignore');
      await waitUntil('a squiggle on the __pycache__ line', () => wb.squiggleOnLine('__pycache__'), {
        describe: async () => `squiggles ${JSON.stringify(await wb.squiggles())}, lines ${JSON.stringify(await wb.visibleLines())}`,
      });
      await wb.hover('*.pyc', '*.pyc', (h) => h.includes('Matches at the root of the context only'));
    },
  },
  {
    name: 'real-world Dockerfiles from the corpus open as Dockerfile',
    async run(ctx) {
      assert(ctx.workspace.corpusFiles.length > 0, 'no corpus files were copied into the workspace');
      for (const file of ctx.workspace.corpusFiles.slice(0, 12)) {
        await ctx.wb.openFile(file);
        await ctx.wb.waitForLanguageMode(ctx.alias);
      }
    },
  },
  {
    name: 'grammar colours the shell inside RUN differently from the keyword',
    async run(ctx) {
      const { wb } = ctx;
      await wb.openFile('Dockerfile');
      const keyword = await wb.token('RUN npm run build', 'RUN');
      const command = await wb.token('RUN npm run build', 'npm');
      assert(keyword.color !== command.color, `RUN (${keyword.color}) and the shell command "npm" (${command.color}) have the same colour`);
      // And the scopes come from our grammar, not VS Code's built-in Docker grammar.
      const text = ctx.text('Dockerfile');
      const line = lineIndex(text, (l) => l.startsWith('RUN npm run build'));
      const [keywordScopes, commandScopes] = await scopesAt(text, [
        { line, column: 0 },
        { line, column: 4 },
      ]);
      for (const [column, expected, what] of [
        [1, keywordScopes!, 'RUN'],
        [5, commandScopes!, 'npm'],
      ] as const) {
        await wb.gotoLine(line + 1, column);
        const shown = [...(await wb.inspectScopes())].reverse(); // the inspector lists innermost first
        const prefix = shown.slice(0, expected.length);
        assert(
          JSON.stringify(prefix) === JSON.stringify(expected),
          `"${what}": VS Code shows scopes ${JSON.stringify(shown)}, but ${ourGrammar().path} gives ${JSON.stringify(expected)}`,
        );
      }
      await wb.gotoLine(line + 1, 1);
      await wb.runCommand('Developer: Inspect Editor Tokens and Scopes');
      await wb.page.locator('.token-inspect-widget').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'hovering FROM shows our documentation',
    needs: ['hover'],
    async run(ctx) {
      const text = ctx.text('Dockerfile');
      const line = lineIndex(text, (l) => l.startsWith('FROM node'));
      const expected = hoverText(await (await ctx.oracle()).request<Hover | null>('textDocument/hover', { textDocument: { uri: ctx.uri('Dockerfile') }, position: { line, character: 1 } }));
      assert(expected.trim(), 'the server advertises hoverProvider but returned no hover for FROM');
      const words = significantWords(expected);
      await ctx.wb.openFile('Dockerfile');
      const shown = await ctx.wb.hover('FROM node', 'FROM', (h) => words.filter((w) => h.includes(w)).length >= Math.ceil(words.length * 0.6));
      assert(/FROM/i.test(shown), `the hover does not mention FROM: ${shown}`);
    },
  },
  {
    name: 'suggestions at the start of a line list the instructions',
    needs: ['completion'],
    async run(ctx) {
      const { wb } = ctx;
      await wb.openFile('Dockerfile');
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Enter');
      const wanted = ['FROM', 'RUN', 'COPY', 'WORKDIR'];
      await wb.suggestions((labels) => wanted.every((w) => labels.some((l) => l.toUpperCase().startsWith(w))), wanted.join(', '));
    },
  },
  {
    name: 'COPY --from= suggests the stage names',
    needs: ['completion'],
    async run(ctx) {
      const { wb, features } = ctx;
      await wb.dismiss();
      await wb.openFile('Dockerfile');
      await wb.page.keyboard.press('Control+End');
      await wb.page.keyboard.press('Enter');
      await wb.type('COPY --from=');
      // Ask the server the same question, so the check is about our completions and not VS Code's
      // word-based suggestions (which would also offer "build", a word in the file).
      const text = `${ctx.text('Dockerfile')}\nCOPY --from=`;
      const lines = text.split('\n');
      const oracle = await ctx.oracle();
      const scratchUri = ctx.uri('scratch-completion/Dockerfile');
      await oracle.open(scratchUri, text);
      const triggers = features.capabilities.completionProvider?.triggerCharacters ?? [];
      const result = await oracle.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri: scratchUri },
        position: { line: lines.length - 1, character: lines[lines.length - 1]!.length },
        context: triggers.includes('=') ? { triggerKind: 2, triggerCharacter: '=' } : { triggerKind: 1 },
      });
      await oracle.close(scratchUri);
      const offered = (Array.isArray(result) ? result : (result?.items ?? [])).map((item) => item.label);
      assert(offered.includes('build'), `the server does not offer the stage "build" after COPY --from= (it offers ${JSON.stringify(offered.slice(0, 20))})`);
      await wb.suggestions(
        (_labels, rows) => rows.some((row) => row.label === 'build' && row.icon !== 'symbol-text'),
        'the stage "build" (from the server, not a word-based suggestion)',
        { trigger: false },
      );
    },
  },
  {
    name: 'a typo (RUNN) is squiggled and listed in the Problems panel',
    needs: ['diagnostics'],
    async run(ctx) {
      const { wb } = ctx;
      await revertIfDirty(ctx);
      await wb.openFile('mistakes/Dockerfile');
      await waitUntil('a squiggle on the RUNN line', () => wb.squiggleOnLine('RUNN'), {
        describe: async () => `squiggles ${JSON.stringify(await wb.squiggles())}, RUNN at ${JSON.stringify((await wb.token('RUNN', 'RUNN')).box)}`,
      });
      const line = lineIndex(ctx.text('mistakes/Dockerfile'), (l) => l.startsWith('RUNN')) + 1;
      await wb.problems((rows) => rows.some((r) => /RUNN/.test(r) || new RegExp(`\\bline ${line}\\b`, 'i').test(r)), `an entry for RUNN (line ${line})`);
    },
  },
  {
    name: 'the quick fix for RUNN applies',
    needs: ['diagnostics', 'codeAction'],
    async run(ctx) {
      const { wb } = ctx;
      await wb.closePanel();
      await wb.openFile('mistakes/Dockerfile');
      const line = lineIndex(ctx.text('mistakes/Dockerfile'), (l) => l.startsWith('RUNN')) + 1;
      await waitUntil('a squiggle on the RUNN line', () => wb.squiggleOnLine('RUNN'));
      await wb.gotoLine(line, 2);
      const fixes = await wb.quickFixes();
      const labels = await fixes.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
      const index = Math.max(0, labels.findIndex((l) => /\bRUN\b/.test(l)));
      await wb.screenshot('quick-fix-menu');
      await fixes.nth(index).click();
      await waitUntil('the RUNN line to be fixed', async () => {
        const lines = await wb.visibleLines();
        return !lines.some((l) => l.startsWith('RUNN')) && lines.some((l) => /^RUN\s+pip/.test(l));
      }, { describe: async () => JSON.stringify(await wb.visibleLines()) });
    },
  },
  {
    name: 'the RUN refactoring rewrites an && chain as a heredoc script',
    needs: ['codeAction'],
    async run(ctx) {
      const { wb } = ctx;
      await revertIfDirty(ctx);
      await wb.openFile('refactor/Dockerfile');
      const line = lineIndex(ctx.text('refactor/Dockerfile'), (l) => l.startsWith('RUN')) + 1;
      await wb.gotoLine(line, 2);
      // Ctrl+. lists the refactorings at the cursor with the quick fixes.
      const actions = await wb.quickFixes();
      const labels = await actions.evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
      const index = labels.findIndex((l) => /heredoc script/.test(l));
      assert(index >= 0, `no "Rewrite as a heredoc script" among ${JSON.stringify(labels)}`);
      await actions.nth(index).click();
      await waitUntil('the RUN to become a script', async () => {
        const lines = await wb.visibleLines();
        return lines.includes('RUN <<EOF') && lines.includes('set -e') && lines.includes('apt-get update') && lines.includes('EOF');
      }, { describe: async () => JSON.stringify(await wb.visibleLines()) });
      await revertIfDirty(ctx);
    },
  },
  {
    name: 'the Outline lists the stages',
    needs: ['documentSymbol'],
    async run(ctx) {
      const { wb } = ctx;
      await revertIfDirty(ctx);
      const symbols = await (await ctx.oracle()).request<(DocumentSymbol | SymbolInformation)[] | null>('textDocument/documentSymbol', {
        textDocument: { uri: ctx.uri('multi-stage/Dockerfile') },
      });
      const names = (symbols ?? []).map((s) => s.name);
      assert(names.length > 0, 'the server advertises documentSymbolProvider but returned no symbols for multi-stage/Dockerfile');
      await wb.openFile('multi-stage/Dockerfile');
      const stages = ['base', 'build', 'test', 'runtime'];
      await wb.outline(
        (labels) => stages.every((stage) => labels.some((l) => new RegExp(`\\b${stage}\\b`).test(l))) && names.every((n) => labels.some((l) => l.includes(n) || n.includes(l))),
        `the stages ${stages.join(', ')} (server symbols: ${JSON.stringify(names)})`,
      );
    },
  },
  {
    name: 'Format Document formats the file',
    needs: ['formatting'],
    async run(ctx) {
      const { wb } = ctx;
      const original = ctx.text('format-me/Dockerfile');
      const edits = await (await ctx.oracle()).request<TextEdit[] | null>('textDocument/formatting', {
        textDocument: { uri: ctx.uri('format-me/Dockerfile') },
        options: { tabSize: 4, insertSpaces: true },
      });
      const expected = applyEdits(original, edits ?? []);
      assert(expected !== original, 'the server returned no formatting edits for format-me/Dockerfile, which is deliberately badly formatted');
      await wb.openFile('format-me/Dockerfile');
      await wb.runCommand('Format Document');
      const want = expected.replace(/\n+$/, '').split('\n');
      await waitUntil('the editor to show the formatted text', async () => {
        const lines = await wb.visibleLines();
        while (lines.length && lines[lines.length - 1] === '') lines.pop();
        return JSON.stringify(lines) === JSON.stringify(want);
      }, { describe: async () => `${JSON.stringify(await wb.visibleLines())}, expected ${JSON.stringify(want)}` });
    },
  },
  {
    // Inside RUN the text is shell, whose own Enter rules know no `\`: the extension turns on
    // formatting on type for Dockerfiles so that the server indents the continued line (found by review).
    name: 'Enter after a line-continuing \\ in RUN indents the next line',
    needs: ['formatting'],
    async run(ctx) {
      const { wb } = ctx;
      await revertIfDirty(ctx);
      await wb.openFile('Dockerfile');
      const line = lineIndex(ctx.text('Dockerfile'), (l) => l === 'RUN npm run build') + 1;
      await wb.gotoLine(line, 1);
      await wb.page.keyboard.press('End');
      await wb.page.keyboard.type(' \\');
      await wb.page.keyboard.press('Enter');
      // VS Code drops an on-type edit that arrives after further typing, as a person types slower.
      const cursor = wb.page.locator('[id="status.editor.selection"]');
      await waitUntil('the cursor to move to the indented column', async () => /Col 5\b/.test(await cursor.innerText().catch(() => '')), {
        describe: async () => `${await cursor.innerText().catch(() => '')} ${JSON.stringify(await wb.visibleLines())}`,
      });
      await wb.page.keyboard.type('&& echo built');
      await waitUntil('the continued line to be indented', async () => (await wb.visibleLines()).includes('    && echo built'), {
        describe: async () => JSON.stringify(await wb.visibleLines()),
      });
      await revertIfDirty(ctx);
    },
  },
  {
    // editor.linkedEditing is on in this run's settings (it is off in VS Code by default).
    name: 'typing in a heredoc delimiter changes its terminator line too (linked editing)',
    needs: ['linkedEditing'],
    async run(ctx) {
      const { wb } = ctx;
      await revertIfDirty(ctx);
      await wb.openFile('multi-stage/Dockerfile');
      const line = lineIndex(ctx.text('multi-stage/Dockerfile'), (l) => l === 'RUN <<EOT') + 1;
      await wb.gotoLine(line, 'RUN <<EOT'.length + 1);
      // VS Code asks for the linked ranges once the cursor rests; typing before they arrive edits one word only.
      const linked = wb.page.locator('.monaco-editor .linked-editing-decoration');
      await waitUntil('the linked ranges to be shown', async () => (await linked.count()) === 2, { describe: async () => `${await linked.count()} decorations` });
      await wb.page.keyboard.type('X');
      await waitUntil('the marker and the terminator to change together', async () => {
        const lines = await wb.visibleLines();
        // The COPY heredoc below keeps its own EOT.
        return lines.includes('RUN <<EOTX') && lines.filter((l) => l === 'EOTX').length === 1 && lines.filter((l) => l === 'EOT').length === 1;
      }, { describe: async () => JSON.stringify(await wb.visibleLines()) });
      // Leave linked editing before the revert: its ranges mirror edits made inside them, and the
      // revert's own edits are such edits.
      await wb.page.keyboard.press('Escape');
      await wb.page.keyboard.press('Control+Home');
      await waitUntil('the linked ranges to go away', async () => (await linked.count()) === 0, { describe: async () => `${await linked.count()} decorations` });
      await revertIfDirty(ctx);
    },
  },
];

async function revertIfDirty(ctx: Context): Promise<void> {
  if (await ctx.wb.page.locator('.tabs-container .tab.dirty').count()) {
    await ctx.wb.page.locator('.tabs-container .tab.dirty').first().click();
    // Away from the tab, whose hover would otherwise open over the command palette and close it.
    await ctx.wb.page.mouse.move(1, 1);
    await revert(ctx);
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

async function main(): Promise<number> {
  const started = Date.now();
  const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  console.log('== e2e set-up');
  const toolchain = ensureToolchain();
  const vsix = buildVsix();
  await buildExtensionSuite();
  const features = await probeServerFeatures();
  // VS Code runs the server with its own Node.js, for which the build writes no code cache.
  console.log(`[setup] Node 24: ${await checkCompileCache(toolchain.node24, path.join(ROOT, 'dist/server.js'), JSON.parse(fs.readFileSync(path.join(ROOT, 'client/src/serverNodeFlags.json'), 'utf8')) as string[])}`);
  console.log(`Server features (from its initialize result):\n${describeFeatures(features)}`);
  const setupDone = Date.now();
  console.log(`[setup] done in ${seconds(started)}`);

  const workspace = createWorkspace();
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { languages: { id: string; aliases: string[] }[] } };
  const alias = manifest.contributes.languages.find((l) => l.id === 'dockerfile')!.aliases[0]!;

  const codeServer = await startCodeServer({
    node24: toolchain.node24,
    entry: toolchain.codeServerEntry,
    workspace: workspace.dir,
    vsix: [vsix],
    logFile: path.join(ARTIFACTS_DIR, 'code-server.log'),
    keepData: args.has('--keep'),
    // Lets the web workbench honour an extension-tests payload (see lib/extensionHostSuite.ts).
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    // Top-level outline entries only, so the stages fit in the Outline view.
    // Linked editing (off in VS Code by default) for the heredoc delimiter scenario.
    settings: { 'outline.collapseItems': 'alwaysCollapse', 'editor.linkedEditing': true },
    // Set, so the extension-host suite sees the client keep it from the language server.
    env: { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS || '/dev/null' },
  });
  console.log(`code-server ${codeServer.url} (workspace ${workspace.dir})`);
  const session = await launchBrowser(toolchain.chromium, { headless: !args.has('--headed') });
  const consoleLog = fs.createWriteStream(path.join(ARTIFACTS_DIR, 'browser-console.log'));
  session.page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  session.page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
  await session.page.goto(codeServer.url);
  const wb = new Workbench(session.page, SCREENSHOTS);
  if (args.has('--readme-screenshots')) {
    wb.onScreenshot = (name, file) => {
      const target = README_SHOTS[name];
      if (!target) return;
      fs.mkdirSync(path.join(E2E_DIR, 'screenshots'), { recursive: true });
      fs.copyFileSync(file, path.join(E2E_DIR, 'screenshots', target));
    };
  }

  let oracle: LspTestClient | undefined;
  const ctx: Context = {
    wb,
    workspace,
    features,
    alias,
    codeServerUrl: codeServer.url,
    text: (relative) => fs.readFileSync(path.join(workspace.dir, relative), 'utf8'),
    uri: (relative) => pathToFileURL(path.join(workspace.dir, relative)).href,
    async oracle() {
      if (!oracle) {
        oracle = await LspTestClient.start();
        for (const file of ['Dockerfile', 'multi-stage/Dockerfile', 'mistakes/Dockerfile', 'format-me/Dockerfile']) {
          await oracle.open(ctx.uri(file), ctx.text(file));
        }
      }
      return oracle;
    },
  };

  const results: { name: string; status: 'passed' | 'failed' | 'skipped'; ms: number; detail?: string }[] = [];
  console.log('== e2e steps (VS Code in Chromium)');
  for (const step of steps) {
    if (only && !step.name.includes(only) && step !== steps[0]) continue;
    const missing = (step.needs ?? []).filter((feature) => !features.has[feature]);
    if (missing.length) {
      const why = missing.map((f) => FEATURE_GATES[f]).join(' and ');
      console.log(`  SKIPPED (server does not advertise ${why} yet): ${step.name}`);
      results.push({ name: step.name, status: 'skipped', ms: 0, detail: why });
      continue;
    }
    const stepStart = Date.now();
    try {
      await step.run(ctx);
      await wb.screenshot(slug(step.name));
      console.log(`  ok      ${step.name} (${seconds(stepStart)})`);
      results.push({ name: step.name, status: 'passed', ms: Date.now() - stepStart });
    } catch (error) {
      const shot = await wb.screenshot(`${slug(step.name)}-FAILED`).catch(() => '(no screenshot)');
      const message = error instanceof Error ? error.message : String(error);
      console.log(`  FAILED  ${step.name} (${seconds(stepStart)})\n          ${message.replace(/\n/g, '\n          ')}\n          screenshot: ${path.relative(ROOT, shot)}`);
      results.push({ name: step.name, status: 'failed', ms: Date.now() - stepStart, detail: message });
    }
    await wb.dismiss().catch(() => undefined);
    await revertIfDirty(ctx).catch(() => undefined);
  }

  if (!only || 'extension-host suite'.includes(only)) {
    console.log('== test/extension/suite.ts inside code-server\'s extension host');
    const runSuite = async (name: string, url: string) => {
      const suiteStart = Date.now();
      try {
        const suite = await runSuiteInCodeServer(session.context, url, FIXTURES_WORKSPACE);
        for (const line of suite.lines) console.log(`  ${line.trimEnd()}`);
        assert(suite.exitCode === 0, `the suite exited with code ${suite.exitCode}`);
        assert(suite.lines.some((l) => /^\s*ok\b/.test(l)), 'the suite reported no passing test');
        console.log(`  ok      ${name} (${seconds(suiteStart)})`);
        results.push({ name, status: 'passed', ms: Date.now() - suiteStart });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        console.log(`  FAILED  ${name}: ${message}`);
        results.push({ name, status: 'failed', ms: Date.now() - suiteStart, detail: message });
      }
    };
    await runSuite('the extension-host suite passes inside code-server', codeServer.url);

    // The manifest says the extension works in an untrusted workspace: run the suite again in one.
    console.log('== test/extension/suite.ts in Restricted Mode (a second code-server, workspace trust on)');
    const restricted = await startCodeServer({
      node24: toolchain.node24,
      entry: toolchain.codeServerEntry,
      workspace: FIXTURES_WORKSPACE,
      vsix: [vsix],
      logFile: path.join(ARTIFACTS_DIR, 'code-server-restricted.log'),
      keepData: args.has('--keep'),
      workspaceTrust: true,
      extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
      // Tells the suite's Restricted Mode case that the workspace must be untrusted here.
      env: { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS || '/dev/null', [RESTRICTED_MODE_VARIABLE]: '1' },
    });
    try {
      await runSuite('the extension-host suite passes in Restricted Mode', restricted.url);
    } finally {
      await restricted.stop();
    }
  }

  await oracle?.stop();
  consoleLog.end();
  const count = (status: string) => results.filter((r) => r.status === status).length;
  fs.writeFileSync(path.join(ARTIFACTS_DIR, 'summary.json'), `${JSON.stringify({ features: features.has, results }, null, 2)}\n`);
  console.log(`== e2e took ${seconds(started)} (set-up ${((setupDone - started) / 1000).toFixed(1)} s, browser steps ${seconds(setupDone)})`);
  console.log(`Screenshots and logs: ${path.relative(ROOT, ARTIFACTS_DIR)}/`);
  console.log(`e2e: ${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped`);
  return count('failed') > 0 ? 1 : 0;
}

main()
  .then(async (code) => {
    await teardown();
    process.exit(code);
  })
  .catch(async (error) => {
    console.error(`e2e: set-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await teardown();
    process.exit(1);
  });
