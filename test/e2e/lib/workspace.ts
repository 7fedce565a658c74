// The workspace the e2e tests (and the demo) open: a fresh copy of test/fixtures/workspace plus a
// selection of real-world Dockerfiles from ../shared/corpus, laid out under corpus/ with their
// original paths (so names like `hack/dockerfiles/lint.Dockerfile` keep their shape).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CORPUS_DIR, FIXTURES_WORKSPACE } from './paths';
import { onTeardown } from './processes';

/** Repositories from the corpus whose Dockerfiles go into the workspace. */
export const CORPUS_REPOS = ['moby__buildkit', 'dockersamples__example-voting-app', 'astral-sh__uv', 'docker-library__redis'];

export interface Workspace {
  dir: string;
  /** Workspace-relative paths of the corpus files copied in. */
  corpusFiles: string[];
}

export function createWorkspace(options: { withCorpus?: boolean } = {}): Workspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockerfile-lsp-workspace-'));
  onTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(FIXTURES_WORKSPACE, dir, { recursive: true });
  const corpusFiles: string[] = [];
  if (options.withCorpus ?? true) {
    const filesDir = path.join(CORPUS_DIR, 'real-world/files');
    if (!fs.existsSync(filesDir)) {
      throw new Error(`The corpus is missing: ${filesDir} does not exist. The tests expect ../shared (with corpus/) next to the repository.`);
    }
    for (const repo of CORPUS_REPOS) {
      const repoDir = path.join(filesDir, repo);
      if (!fs.existsSync(repoDir)) continue;
      for (const name of fs.readdirSync(repoDir).sort()) {
        const relative = path.join('corpus', repo, ...name.split('__'));
        fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
        fs.copyFileSync(path.join(repoDir, name), path.join(dir, relative));
        corpusFiles.push(relative);
      }
    }
  }
  return { dir, corpusFiles };
}
