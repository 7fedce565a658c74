// Where the end-to-end harness keeps things. Everything it downloads or builds lives under
// test/e2e/.cache/ (gitignored, reused between runs); everything a run produces for a human to
// look at (screenshots, logs) goes to test/e2e/artifacts/ (gitignored, replaced each run).
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const E2E_DIR = path.join(ROOT, 'test/e2e');
export const CACHE_DIR = process.env.DOCKERFILE_LSP_E2E_CACHE ?? path.join(E2E_DIR, '.cache');
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');
export const FIXTURES_WORKSPACE = path.join(ROOT, 'test/fixtures/workspace');
export const CORPUS_DIR = path.resolve(ROOT, '../shared/corpus');
export const VSIX_PATH = path.join(ROOT, 'dockerfile-lsp.vsix');
export const SERVER_JS = path.join(ROOT, 'dist/server.js');
