// The one file the server reads besides what the client sends: the `.dockerignore` beside a
// Dockerfile opened from disk, for the CopyIgnoredFile check. Only `file:` documents have one.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** A `.dockerignore` larger than this is not one people write by hand; it is left unread. */
const MAX_BYTES = 1 << 20;

/** The text of the `.dockerignore` next to the document, or undefined when there is none. */
export async function readDockerignore(uri: string): Promise<string | undefined> {
  let file: string;
  try {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return undefined;
    file = path.join(path.dirname(parsed.fsPath), '.dockerignore');
  } catch {
    return undefined;
  }
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
