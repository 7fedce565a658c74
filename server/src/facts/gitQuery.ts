// The query parameters of a Git URL that ADD clones (`https://github.com/moby/buildkit.git?tag=v0.24.0&subdir=docs`):
// options for the clone written into the address, as Git build contexts take them too. BuildKit reads them in
// dfgitutil.ParseGitRef (frontend/dockerfile/dfgitutil/git_ref.go, loadQuery); dockerfile/1.18.0 introduced the
// first seven (moby/buildkit#6172, #6173; the 1.18.0 release notes list them), later releases added `mtime`
// (1.23, moby/buildkit#6600) and `fetch-by-commit` (moby/buildkit#6708). Keys are case-sensitive, as Go's
// url.Values keeps them.
import type { Documentation, FrontendVersion } from './types';
import { referenceUrl } from './util';

/**
 * What a parameter's value is: a Git reference, a commit hash, a path in the repository, a boolean, or
 * the modification-time policy (`checkout` or `commit`).
 */
export type GitQueryValue = 'ref' | 'commit' | 'path' | 'boolean' | 'mtime';

/** The values BuildKit accepts for `mtime` (loadQuery refuses any other). */
export const GIT_MTIME_VALUES: readonly string[] = ['checkout', 'commit'];

export interface GitQueryParameterFact {
  readonly name: string;
  readonly value: GitQueryValue;
  /** The parameter this one is another name for (`commit` for `checksum`). */
  readonly aliasOf?: string;
  /** Parameters BuildKit refuses beside this one (`branch` beside `tag`). */
  readonly excludes?: readonly string[];
  /**
   * The first release that reads it. Absent when that release is not confirmed: such a parameter is
   * offered everywhere and never held against a pinned frontend (like FlagFact.labsSince).
   */
  readonly since?: FrontendVersion;
  /** The first labs release that had it: the same release, as the labs channel got it with the stable one. */
  readonly labsSince?: FrontendVersion;
  readonly doc: Documentation;
  readonly referenceUrl: string;
}

const URL = referenceUrl('add');
const SINCE: FrontendVersion = '1.18';

export const GIT_QUERY_PARAMETERS: readonly GitQueryParameterFact[] = [
  {
    name: 'ref',
    value: 'ref',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'The Git reference to check out: a branch, a tag, a commit hash or a full reference such as `refs/pull/42/head`.',
      details: 'Without a reference, `ADD` clones the default branch. Prefer `tag` or `branch` when you know which one you mean: the name alone can match both.',
      example: 'ADD https://github.com/moby/buildkit.git?ref=v0.24.0 /src',
      pitfall: 'A `#fragment` with a different reference in the same URL makes the build fail: write the reference once.',
    },
  },
  {
    name: 'tag',
    value: 'ref',
    excludes: ['branch'],
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'A tag to check out; BuildKit looks it up as `refs/tags/<tag>`, so a branch of the same name cannot be taken instead.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0 /src',
      pitfall: 'With `branch` as well, the build fails; so it does with a `ref` or `#fragment` beside it, unless that one is the full `refs/tags/<tag>`.',
    },
  },
  {
    name: 'branch',
    value: 'ref',
    excludes: ['tag'],
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'A branch to check out; BuildKit looks it up as `refs/heads/<branch>`, so a tag of the same name cannot be taken instead.',
      details: 'A branch moves: the build gets whatever commit it points to at the time. Add `checksum` to pin the commit you expect.',
      example: 'ADD https://github.com/moby/buildkit.git?branch=master /src',
      pitfall: 'With `tag` as well, the build fails; so it does with a `ref` or `#fragment` beside it, unless that one is the full `refs/heads/<branch>`.',
    },
  },
  {
    name: 'checksum',
    value: 'commit',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'The commit hash (or a prefix of it) the checked-out reference must resolve to; the build fails when it does not.',
      details: 'With a tag or branch it guards against the reference moving; alone, it is the commit to check out. It does what `ADD --checksum` does for a Git source.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0&checksum=a1b2c3d /src',
      pitfall: 'An `ADD --checksum` flag with another value on the same source makes the build fail: give the hash once.',
    },
  },
  {
    name: 'commit',
    value: 'commit',
    aliasOf: 'checksum',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'Another name for `checksum`: the commit hash (or a prefix of it) the checked-out reference must resolve to.',
      example: 'ADD https://github.com/moby/buildkit.git?branch=master&commit=a1b2c3d /src',
    },
  },
  {
    name: 'subdir',
    value: 'path',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'A directory of the repository to add instead of its root; only its contents are copied to the destination.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0&subdir=docs /docs',
      pitfall: 'The `:dir` part of a `#ref:dir` fragment sets the same thing: a different directory in both makes the build fail.',
    },
  },
  {
    name: 'keep-git-dir',
    value: 'boolean',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'Keeps the `.git` directory of the clone (`true`), as `ADD --keep-git-dir` does.',
      details: 'Keep it when a later step runs Git, for example `git describe` to stamp a version; otherwise only the checked-out files are added.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0&keep-git-dir=true /src',
      pitfall: 'An `ADD --keep-git-dir` flag with the opposite value makes the build fail.',
    },
  },
  {
    name: 'submodules',
    value: 'boolean',
    since: SINCE,
    labsSince: SINCE,
    referenceUrl: URL,
    doc: {
      summary: 'Whether to check out the repository\'s Git submodules too; they are by default, and `submodules=false` skips them.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0&submodules=false /src',
    },
  },
  {
    name: 'mtime',
    value: 'mtime',
    // BuildKit v0.29.0's release notes: commit-time mtimes for Git sources (#6600), enabled in the
    // Dockerfile frontend by dockerfile/1.23.0, the frontend built into v0.29.0.
    since: '1.23',
    labsSince: '1.23',
    referenceUrl: URL,
    doc: {
      summary:
        'The modification time of the checked-out files: `checkout` (when BuildKit checked them out) or `commit` (the time of the commit), the only two values BuildKit accepts.',
      details:
        'With `commit` every file, directory and link gets the same date, taken from the repository, so the layer comes out the same on every build: use it for reproducible images, together with `SOURCE_DATE_EPOCH`.',
      example: 'ADD https://github.com/moby/buildkit.git?tag=v0.24.0&mtime=commit /src',
      pitfall: 'Frontends before 1.23 do not know the parameter and stop the build at this step.',
    },
  },
  {
    name: 'fetch-by-commit',
    value: 'boolean',
    // moby/buildkit#6708 (merged in May 2026); which frontend release first read the key is not confirmed,
    // so no version is held against a pinned frontend.
    referenceUrl: URL,
    doc: {
      summary:
        'Fetches the commit that `checksum` (or `commit`) names directly, instead of first asking the remote where the reference points; a reference given too is then set on that commit locally.',
      details:
        'It saves a round trip and works for commits that no branch or tag advertises, but the reference is no longer checked against the remote: the commit you name is what you get.',
      example: 'ADD https://github.com/moby/buildkit.git?branch=master&commit=0123456789abcdef0123456789abcdef01234567&fetch-by-commit=true /src',
      pitfall: 'It needs `checksum` (or `commit`): without one the step fails. And Git can fetch a commit directly only by its full hash, 40 hexadecimal characters (64 in a SHA-256 repository), not a prefix.',
    },
  },
];
