// The one file the server reads besides what the client sends: the ignore file beside a
// Dockerfile opened from disk, for the CopyIgnoredFile check. Only `file:` documents have one.
// As with BuildKit's client, a Dockerfile's own ignore file (`app.Dockerfile.dockerignore` for
// `app.Dockerfile`) wins over the shared `.dockerignore`; the build context is assumed to be the
// Dockerfile's folder, as it is for most builds.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

/** A `.dockerignore` larger than this is not one people write by hand; it is left unread. */
const MAX_BYTES = 1 << 20;

/** The ignore files that apply to the document at `uri`, the one that wins first. */
export function dockerignoreCandidates(uri: string): string[] {
  try {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return [];
    const dir = path.dirname(parsed.fsPath);
    return [`${parsed.fsPath}.dockerignore`, path.join(dir, '.dockerignore')];
  } catch {
    return [];
  }
}

/** The ignore files a client watches for the server: a folder's shared one and a Dockerfile's own. */
export const DOCKERIGNORE_GLOBS = ['**/.dockerignore', '**/*.dockerignore'];

/** Whether the file at `changedUri` is one that may apply to the document at `uri`. */
export function mayApplyTo(changedUri: string, uri: string): boolean {
  const candidates = dockerignoreCandidates(uri);
  if (candidates.length === 0) return false;
  try {
    const changed = URI.parse(changedUri);
    return changed.scheme === 'file' && candidates.includes(changed.fsPath);
  } catch {
    return false;
  }
}

/** The ignore file a Dockerfile's build reads: its text, and its URI (which diagnostics point at). */
export interface IgnoreSource {
  readonly text: string;
  readonly uri: string;
}

/**
 * The ignore file that applies to the document, or undefined when there is none. `opened` gives the
 * ignore file open in the editor at a path, which wins over the file on disk: the Dockerfile's
 * diagnostics follow the ignore file as it is typed.
 */
export async function readDockerignore(uri: string, opened?: (file: string) => IgnoreSource | undefined): Promise<IgnoreSource | undefined> {
  for (const file of dockerignoreCandidates(uri)) {
    const open = opened?.(file);
    if (open) return open;
    const text = await readIgnoreFile(file);
    if (text !== undefined) return { text, uri: URI.file(file).toString() };
  }
  return undefined;
}

/** The path of a `file:` URI, or undefined for any other. */
export function filePath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}

async function readIgnoreFile(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The `.dockerignore` of each open document, read once and then refreshed in the background, so
 * that a diagnostics run after a keystroke never waits for the file system (a `stat` through
 * libuv's thread pool costs milliseconds when the pool is cold). A refresh that finds other text
 * than the one in use calls `changed(uri)`, and the caller runs diagnostics again.
 */
export class DockerignoreCache {
  private readonly entries = new Map<string, { text: IgnoreSource | undefined; checkedAt: number; refreshing: boolean }>();

  constructor(
    private readonly changed: (uri: string) => void,
    /** How long a read counts as current; later runs start a refresh (and use the text in hand). */
    private readonly maxAgeMs = 1000,
    private readonly read: (uri: string) => Promise<IgnoreSource | undefined> = readDockerignore,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The `.dockerignore` for `uri`: waits for the file system only the first time. */
  async get(uri: string): Promise<IgnoreSource | undefined> {
    const entry = this.entries.get(uri);
    if (!entry) {
      const text = await this.read(uri);
      // Another run may have stored a text meanwhile; the newest read wins either way.
      this.entries.set(uri, { text, checkedAt: this.now(), refreshing: false });
      return text;
    }
    if (!entry.refreshing && this.now() - entry.checkedAt > this.maxAgeMs) this.refresh(uri, entry);
    return entry.text;
  }

  /** The ignore file in hand for `uri` (what the last diagnostics were computed with), without waiting. */
  peek(uri: string): IgnoreSource | undefined {
    return this.entries.get(uri)?.text;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  private refresh(uri: string, entry: { text: IgnoreSource | undefined; checkedAt: number; refreshing: boolean }): void {
    entry.refreshing = true;
    const settled = (): void => {
      entry.refreshing = false;
      entry.checkedAt = this.now();
    };
    this.read(uri).then(
      (text) => {
        settled();
        if (this.entries.get(uri) !== entry || (text?.text === entry.text?.text && text?.uri === entry.text?.uri)) return;
        entry.text = text;
        this.changed(uri);
      },
      // A read that fails keeps the text in hand; the next stale run tries again.
      settled,
    );
  }
}
