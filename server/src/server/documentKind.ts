// Which language an open document is in, for the server: a Dockerfile, the `.dockerignore` a
// Dockerfile's build reads (named `.dockerignore`, or `NAME.dockerignore` for a Dockerfile's own),
// or another ignore file an editor sent because it shares the ignore language (a `.gitignore`),
// which the server leaves alone. Decided by the file's name first: VS Code gives `.dockerignore`
// the `ignore` language, Neovim no file type at all.

import { URI } from 'vscode-uri';

export type DocumentKind = 'dockerfile' | 'dockerignore' | 'other';

/** Languages of ignore files in editors; a document in one that is no `.dockerignore` is not ours. */
const IGNORE_LANGUAGES = new Set(['ignore', 'gitignore', 'dockerignore']);

function fileName(uri: string): string {
  try {
    const path = URI.parse(uri).path;
    return path.slice(path.lastIndexOf('/') + 1);
  } catch {
    return '';
  }
}

export function documentKind(uri: string, languageId: string): DocumentKind {
  if (fileName(uri).toLowerCase().endsWith('.dockerignore') || languageId === 'dockerignore') return 'dockerignore';
  return IGNORE_LANGUAGES.has(languageId) ? 'other' : 'dockerfile';
}
