// Runs test/extension/suite.ts (the @vscode/test-electron suite) inside code-server's own Node
// extension host, without VS Code desktop. code-server's web workbench honours the
// `extensionDevelopmentPath`/`extensionTestsPath` payload (what VS Code's "debug extension in a
// remote" uses) when the server runs with `--vscode-option enable-smoke-test-driver`; the suite's
// result comes back through `window.codeAutomationExit`, and its console output through the
// browser console.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { BrowserContext } from 'playwright-core';
import { ROOT } from './paths';

export const SUITE_BUNDLE = path.join(ROOT, 'dist/test/extension-suite.js');

export async function buildExtensionSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'test/extension/suite.ts')],
    outfile: SUITE_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  return SUITE_BUNDLE;
}

export interface SuiteResult {
  exitCode: number;
  lines: string[];
}

export async function runSuiteInCodeServer(context: BrowserContext, baseUrl: string, workspace: string, timeoutMs = 180_000): Promise<SuiteResult> {
  const page = await context.newPage();
  const lines: string[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  try {
    await page.exposeFunction('__dockerfileLspSuiteExit', (code: number) => resolveExit(code));
    await page.addInitScript(() => {
      const page = globalThis as unknown as { codeAutomationExit: (code: number) => void; __dockerfileLspSuiteExit: (code: number) => void };
      page.codeAutomationExit = (code: number) => page.__dockerfileLspSuiteExit(code);
    });
    page.on('console', (message) => {
      // Extension host output arrives as "%c INFO color: #33f <text>" (or similar) lines.
      const text = message.text().replace(/^%c\s*\w+\s+color:\s*#\w+\s?/, '');
      if (/^\s{2}(ok|FAIL|SKIPPED)\b|extension test|^\s{8}/.test(text)) lines.push(text);
    });
    const authority = new URL(baseUrl).host;
    const remote = (file: string) => `vscode-remote://${authority}${file}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(SUITE_BUNDLE)],
    ];
    const url = `${baseUrl}?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const exitCode = await Promise.race([
      exited,
      new Promise<number>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`the extension-host suite did not finish within ${timeoutMs / 1000} s. Output so far:\n${lines.join('\n')}`)),
          timeoutMs,
        );
      }),
    ]);
    clearTimeout(timer);
    return { exitCode, lines };
  } finally {
    await page.close().catch(() => undefined);
  }
}
