// Runs test/extension/suite.ts in a real VS Code desktop with @vscode/test-electron.
// VS Code desktop must be downloadable (or given with VSCODE_EXECUTABLE_PATH). Where it is not,
// as on machines without internet access, this prints that the suite was SKIPPED and why;
// set REQUIRE_VSCODE_TESTS=1 to make that a failure instead (as CI with internet should).
import { runTests, downloadAndUnzipVSCode } from '@vscode/test-electron';
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'dist', 'test');

function skip(reason) {
  const banner = '='.repeat(78);
  console.log(`${banner}\nSKIPPED: extension-host tests in VS Code desktop (@vscode/test-electron)\n  ${reason}\n` +
    `  The same behaviour is covered here by the code-server end-to-end tests (npm run test:e2e).\n${banner}`);
  if (process.env.REQUIRE_VSCODE_TESTS === '1') process.exit(1);
}

await esbuild.build({
  entryPoints: [path.join(root, 'test/extension/suite.ts')],
  outfile: path.join(outDir, 'extension-suite.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['vscode'],
  logLevel: 'warning',
});

let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await Promise.race([
      downloadAndUnzipVSCode({ version: 'stable', cachePath: path.join(root, '.vscode-test') }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('download timed out after 60 s')), 60_000)),
    ]);
  } catch (error) {
    skip(`VS Code desktop could not be downloaded: ${String(error?.message ?? error).split('\n')[0]}`);
    process.exit(0);
  }
}

try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'extension-suite.js'),
    launchArgs: [path.join(root, 'test/fixtures/workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error('Extension-host tests failed:', error);
  process.exit(1);
}
