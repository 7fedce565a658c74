// `npm run demo`: builds dockerfile-lsp.vsix, starts code-server (VS Code in the browser) on
// loopback with no authentication, the extension installed, and a sample workspace of
// Dockerfiles that shows off the features; prints the URL to open. Ctrl-C stops everything.
//
// Options: --port=N (default: a free port), --no-build (reuse the existing .vsix).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startCodeServer } from '../test/e2e/lib/codeServer';
import { isTearingDown, teardown } from '../test/e2e/lib/processes';
import { buildVsix, ensureDebianPackages, ensureCodeServer, ensureNode24 } from '../test/e2e/lib/setup';
import { ARTIFACTS_DIR, VSIX_PATH } from '../test/e2e/lib/paths';
import { createWorkspace } from '../test/e2e/lib/workspace';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const port = args.find((a) => a.startsWith('--port='))?.slice('--port='.length);
  // Chromium is not needed for the demo: you bring the browser.
  ensureDebianPackages(['libkrb5-dev']);
  const node24 = ensureNode24();
  const entry = ensureCodeServer(node24);
  const vsix = args.includes('--no-build') && fs.existsSync(VSIX_PATH) ? VSIX_PATH : buildVsix();
  const workspace = createWorkspace();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const logFile = path.join(ARTIFACTS_DIR, 'demo-code-server.log');
  fs.writeFileSync(logFile, '');
  const server = await startCodeServer({
    node24: path.join(node24, 'bin/node'),
    entry,
    workspace: workspace.dir,
    vsix: [vsix],
    logFile,
    port: port ? Number(port) : undefined,
  });
  const openFile = `vscode-remote://${new URL(server.url).host}${path.join(workspace.dir, 'multi-stage/Dockerfile')}`;
  const url = `${server.url}?folder=${encodeURIComponent(workspace.dir)}&payload=${encodeURIComponent(JSON.stringify([['openFile', openFile]]))}`;
  console.log(`
  dockerfile-lsp demo: VS Code (code-server) with the extension installed is running.

    Open   ${url}
    or     ${server.url}

  Workspace (a scratch copy; edit freely): ${workspace.dir}
    Dockerfile              the basic multi-stage example
    multi-stage/Dockerfile  BuildKit features: ARGs, cache and bind mounts, heredocs, COPY --from
    mistakes/Dockerfile     deliberate mistakes: squiggles, Problems panel, quick fixes (Ctrl+.)
    format-me/Dockerfile    run Format Document (Shift+Alt+F)
    web/Containerfile       Containerfiles are recognised too
    corpus/                 real-world Dockerfiles from the test corpus

  Try: hover an instruction, Ctrl+Space on an empty line, type COPY --from=, open the Outline.
  code-server log: ${logFile}
  Press Ctrl-C to stop.
`);
  await new Promise<void>((resolve) => server.process.once('exit', () => resolve()));
  if (isTearingDown()) return; // Ctrl-C: the signal handler finishes the clean-up and exits.
  console.error('code-server exited unexpectedly; see the log above.');
  await teardown();
  process.exit(1);
}

main().catch(async (error) => {
  console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
  await teardown();
  process.exit(1);
});
