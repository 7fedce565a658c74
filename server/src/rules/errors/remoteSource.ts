// Which COPY/ADD sources BuildKit fetches instead of reading from the build context, decided the way
// its frontend decides (a Git reference first, then an HTTP(S) download): anything else, however
// odd (`git@notes.txt`, `ftp://x`, `HTTP://x`, `github.com/a/b`), is a path in the context.

export type RemoteSource = 'git' | 'url';

const SCHEME = /^([a-zA-Z0-9]+):\/\//;
// An scp-like address: a user, a host and a colon (`git@github.com:moby/buildkit.git`). Without the
// user or the colon it is a file name.
const SCP_LIKE = /^[a-zA-Z0-9_-]+@[a-zA-Z0-9.-]+:/;

/** The path of a URL after its scheme: from the first `/` after the host up to a `?` or `#`. */
function urlPath(text: string, schemeEnd: number): string {
  let end = text.length;
  for (const mark of ['?', '#']) {
    const at = text.indexOf(mark, schemeEnd);
    if (at >= 0 && at < end) end = at;
  }
  const slash = text.indexOf('/', schemeEnd);
  return slash < 0 || slash >= end ? '' : text.slice(slash, end);
}

/** Whether BuildKit fetches `source` (a COPY/ADD source as the builder sees it) as a Git repository or a download. */
export function remoteSource(source: string): RemoteSource | undefined {
  const scheme = SCHEME.exec(source);
  if (scheme) {
    const protocol = scheme[1].toLowerCase();
    if (protocol === 'ssh' || protocol === 'git') return 'git';
    if (protocol !== 'http' && protocol !== 'https') return undefined;
    // An HTTP(S) URL is a Git repository when its path ends in .git; a download only when the
    // scheme is written in lower case (BuildKit's test for a download is case-sensitive).
    if (urlPath(source, scheme[0].length).endsWith('.git')) return 'git';
    return /^https?:\/\//.test(source) ? 'url' : undefined;
  }
  return SCP_LIKE.test(source) ? 'git' : undefined;
}

/**
 * The kind of source BuildKit's `ADD --checksum` check takes `source` for, or undefined when it rejects
 * the flag. The check counts a `github.com/…` path as Git (its Git parser knows that old form) even
 * though the copy then reads that path from the context.
 */
export function checksumSource(source: string): RemoteSource | undefined {
  return remoteSource(source) ?? (source.startsWith('github.com/') ? 'git' : undefined);
}

/** One `key=value` of a Git URL's query; offsets are into the source text. */
export interface GitQueryParam {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** The text after `=`, or undefined for a key written alone. */
  readonly value?: string;
}

/** The query of a Git URL, from its `?` (`start`) to the `#` of a fragment or the end (`end`). */
export interface GitQuery {
  readonly start: number;
  readonly end: number;
  readonly params: readonly GitQueryParam[];
}

/**
 * The query of `source` when BuildKit clones it as a Git repository (`…/repo.git?ref=v1&subdir=docs`):
 * after the first `?` that comes before any `#`, split at `&` as Go's url.Values reads it; keys as
 * written (no percent-decoding). Undefined for any other source: a download's query is the server's.
 */
export function gitUrlQuery(source: string): GitQuery | undefined {
  if (remoteSource(source) !== 'git') return undefined;
  const hash = source.indexOf('#');
  const end = hash < 0 ? source.length : hash;
  const start = source.indexOf('?');
  if (start < 0 || start >= end) return undefined;
  const params: GitQueryParam[] = [];
  let at = start + 1;
  while (at <= end) {
    const amp = source.indexOf('&', at);
    const partEnd = amp < 0 || amp > end ? end : amp;
    const part = source.slice(at, partEnd);
    const equals = part.indexOf('=');
    const key = equals < 0 ? part : part.slice(0, equals);
    if (part !== '') params.push({ key, keyStart: at, keyEnd: at + key.length, ...(equals < 0 ? {} : { value: part.slice(equals + 1) }) });
    at = partEnd + 1;
  }
  return { start, end, params };
}
