// Instructions that put files in the image or decide where and as whom they live:
// COPY, ADD, WORKDIR, VOLUME and USER.
import type { FlagFact, InstructionFact, InstructionForm } from '../types';
import { lines, referenceUrl } from '../util';

type CopyInstruction = 'COPY' | 'ADD';

const OPTIONS_PARAM = '[OPTIONS]';

function flagUrl(instruction: CopyInstruction, flag: string): string {
  return referenceUrl(`${instruction.toLowerCase()}---${flag}`);
}

// Flags that COPY and ADD share. The facts are the same; only the example and the link differ.

function chownFlag(instruction: CopyInstruction, example: string): FlagFact {
  return {
    name: 'chown',
    value: { kind: 'chown' },
    placeholder: '10001:10001',
    repeatable: false,
    // COPY --from keeps the owner the files have in the stage or image, so 0:0 is no default there.
    ...(instruction === 'ADD' ? { default: '0:0' } : {}),
    expandsVariables: true,
    // Docker's Dockerfile release notes: COPY --chown expands variables since 1.1.0, ADD --chown since 1.2.0 (moby/buildkit#1473).
    expandsVariablesSince: instruction === 'ADD' ? '1.2' : '1.1',
    referenceUrl: flagUrl(instruction, 'chown'),
    doc: {
      summary: 'Sets the owner of the copied files: `user`, `user:group`, or numeric `uid:gid`.',
      details:
        (instruction === 'COPY'
          ? 'Without it, files from the build context belong to root (`0:0`), whatever `USER` says, and files copied `--from` a stage or image keep the owner they have there. '
          : 'Without it the files belong to root (`0:0`), whatever `USER` says. ') +
        "Names are looked up in the image's `/etc/passwd` and `/etc/group`; numeric IDs need no lookup. " +
        "A user name on its own also sets that user's primary group from `/etc/passwd`; a numeric UID on its own uses the same number as GID. " +
        'Not supported for Windows containers.',
      example,
      pitfall:
        'A `RUN chown -R` after the copy stores every file a second time in a new layer. Set the owner while copying instead. ' +
        'Before frontend 1.28, `--chown=app:` (an empty group) gave the files the root group, not the user\'s own: write `--chown=app` or name the group.',
    },
  };
}

function chmodFlag(instruction: CopyInstruction, example: string): FlagFact {
  return {
    name: 'chmod',
    value: { kind: 'chmod' },
    placeholder: '755',
    repeatable: false,
    since: '1.2',
    labsSince: '1.2',
    expandsVariables: true,
    expandsVariablesSince: '1.10',
    referenceUrl: flagUrl(instruction, 'chmod'),
    doc: {
      summary:
        'Sets the permissions of the copied files, in octal (`755`) or, since frontend 1.14, symbolic form (`+x`, `u=rwX,go=rX`).',
      details:
        (instruction === 'ADD'
          ? 'Without it, files from the context keep their permissions, but a file downloaded from a URL gets `600` (only the owner may read it, nobody may run it). '
          : 'Without it the files keep the permissions they have in the source. ') +
        'Setting them here avoids a separate `RUN chmod`, which would store the files again in a new layer. ' +
        'Variables are expanded since 1.10. Not supported for Windows containers.',
      example,
      pitfall:
        'An octal mode applies to directories too: `--chmod=644` on a folder makes its subdirectories impossible to enter. The symbolic `u=rwX,go=rX` treats files and directories differently.',
    },
  };
}

function linkFlag(instruction: CopyInstruction, example: string): FlagFact {
  return {
    name: 'link',
    value: { kind: 'boolean' },
    placeholder: 'true',
    repeatable: false,
    since: '1.4',
    labsSince: '1.4',
    default: 'false',
    expandsVariables: false,
    referenceUrl: flagUrl(instruction, 'link'),
    doc: {
      summary: 'Puts the copied files in a layer of their own that does not depend on the layers below it.',
      details:
        'Because the layer stands alone, a change to an earlier instruction does not force the copy to run again, ' +
        'and a rebuilt base image can be slid underneath without redoing it. It pays off most for `COPY --from` in final stages. ' +
        'Together with `--chmod` it does nothing: BuildKit then makes an ordinary copy, so give the files their mode before copying them (in the context, or in the stage they come from).',
      example,
      pitfall:
        'The copy cannot see the existing filesystem: a symlink at the destination is not followed, and `--chown` needs numeric IDs (or `root`) because names cannot be looked up. ' +
        'Builders that honour the flag fail on another name, since frontend 1.28 with an error naming `--chown`, before with `invalid user index: -1`.',
    },
  };
}

function excludeFlag(instruction: CopyInstruction, example: string): FlagFact {
  return {
    name: 'exclude',
    value: { kind: 'string', placeholder: 'pattern' },
    placeholder: '*.md',
    repeatable: true,
    since: '1.19',
    labsSince: '1.7',
    expandsVariables: false,
    referenceUrl: flagUrl(instruction, 'exclude'),
    doc: {
      summary: 'Leaves out files matching a pattern that the sources would otherwise include.',
      details:
        'Patterns use the same wildcards as sources (`*`, `?`, `[a-z]`). Repeat the flag for several patterns. ' +
        'Before frontend 1.19 it existed only in the labs channel.',
      example,
      pitfall:
        'Excluded files are still sent to the builder with the context. Secrets and large folders that no step needs belong in `.dockerignore`.',
    },
  };
}

function copyForms(instruction: CopyInstruction, flagList: string): readonly InstructionForm[] {
  const options = { label: OPTIONS_PARAM, doc: `Optional flags: ${flagList}.` };
  return [
    {
      label: `${instruction} [OPTIONS] <src>... <dest>`,
      kind: 'plain',
      parameters: [
        options,
        {
          label: '<src>...',
          doc:
            instruction === 'ADD'
              ? 'One or more sources: context paths (wildcards allowed), URLs, Git repositories, or a heredoc.'
              : 'One or more sources: paths in the build context, or with `--from` in that stage or image (wildcards allowed), or a heredoc.',
        },
        {
          label: '<dest>',
          doc: 'Where to put them. Relative paths start at `WORKDIR`; end it with `/` when it is a directory.',
        },
      ],
      doc: 'Paths separated by spaces.',
    },
    {
      label: `${instruction} [OPTIONS] ["<src>", ..., "<dest>"]`,
      kind: 'exec',
      parameters: [
        options,
        { label: '"<src>", ...', doc: 'The sources as JSON strings.' },
        { label: '"<dest>"', doc: 'The destination, the last element.' },
      ],
      doc: 'JSON form, needed when a path contains spaces.',
    },
  ];
}

export const COPY: InstructionFact = {
  name: 'COPY',
  doc: {
    summary:
      'Copies files and directories from the build context into the image, or with `--from` from another stage, an image or a named context.',
    details: lines(
      'Copy what each step needs, no more. Copy dependency manifests before the rest of the source, so the install step stays cached while you edit code. ' +
        'A relative destination starts at `WORKDIR`; with several sources the destination must end in `/`.',
      '',
      'Prefer `COPY` to `ADD` for local files: it does exactly one thing. Keep files out of the context with `.dockerignore`.',
    ),
    example: lines('WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .'),
    pitfall:
      'Copying a directory copies its contents, not the directory: `COPY src /app/` puts the files of `src` directly in `/app`. Write `COPY src /app/src` to keep the folder.',
  },
  forms: copyForms('COPY', '`--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`'),
  flags: [
    {
      name: 'from',
      value: { kind: 'stage' },
      placeholder: 'build',
      repeatable: false,
      expandsVariables: false,
      referenceUrl: flagUrl('COPY', 'from'),
      doc: {
        summary:
          'Copies from somewhere other than the build context: a stage defined above this one (by name or index), an image, or a named context.',
        details:
          'This is what makes multi-stage builds work: compile in a stage that has all the tools, then copy only the result into a small final image. ' +
          'Source paths start at the root of that stage or image, not at its `WORKDIR`. An image reference such as `--from=nginx:1.27` pulls that image. ' +
            'BuildKit builds the stages in file order, so naming a stage further down fails: move it above.',
        example: 'COPY --from=build /out/app /usr/local/bin/app',
        pitfall:
          'Variables are not allowed here (`--from=$STAGE` is an error). To pick a stage by argument, add an alias stage, `FROM ${VARIANT} AS chosen`, and copy `--from=chosen`.',
      },
    },
    chownFlag('COPY', 'COPY --chown=app:app . /home/app/'),
    chmodFlag('COPY', 'COPY --chmod=755 entrypoint.sh /usr/local/bin/'),
    linkFlag('COPY', 'COPY --link --from=build /out/app /usr/local/bin/app'),
    {
      name: 'parents',
      value: { kind: 'boolean' },
      placeholder: 'true',
      repeatable: false,
      since: '1.20',
      labsSince: '1.7',
      default: 'false',
      expandsVariables: false,
      referenceUrl: flagUrl('COPY', 'parents'),
      doc: {
        summary: 'Keeps the parent directories of each source under the destination instead of flattening them.',
        details:
          '`COPY --parents a/x.txt b/y.txt /out/` creates `/out/a/x.txt` and `/out/b/y.txt`. ' +
          'A `/./` inside a source marks where the kept part begins, and `**` matches any depth, which suits monorepos. ' +
          'Before frontend 1.20 it existed only in the labs channel.',
        example: 'COPY --parents ./packages/*/package.json /app/',
        pitfall: 'Without the flag, files with the same name from different folders silently overwrite each other at the destination.',
      },
    },
    excludeFlag('COPY', 'COPY --exclude=*.md --exclude=tests . /app/'),
  ],
  referenceUrl: referenceUrl('copy'),
  expandsVariables: true,
  allowsHeredoc: true,
  allowedInOnbuild: true,
  snippet: 'COPY ${1:src} ${2:dest}',
};

export const ADD: InstructionFact = {
  name: 'ADD',
  doc: {
    summary:
      'Copies files into the image like `COPY`, and can also download URLs, clone Git repositories and extract local tar archives.',
    details:
      'Use `COPY` by default and `ADD` only for its extras: a download verified with `--checksum`, a Git repository (`https://github.com/org/repo.git#v1.2`), ' +
      'or a local `.tar.gz` that should arrive unpacked. Downloads are checked on every build, so a changed file invalidates the cache.',
    example: lines(
      'ADD app-1.4.tar.gz /opt/app/',
      'ADD https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit',
    ),
    pitfall:
      'A local archive is extracted automatically, so `ADD app.tar.gz /app/` gives you the unpacked files, not the archive. Use `COPY` to keep the file; archives from URLs are not extracted unless you pass `--unpack=true`.',
  },
  forms: copyForms('ADD', '`--chown`, `--chmod`, `--link`, `--keep-git-dir`, `--checksum`, `--unpack`, `--exclude`'),
  flags: [
    chownFlag('ADD', 'ADD --chown=10001:10001 vendor.tar.gz /opt/vendor/'),
    chmodFlag('ADD', 'ADD --chmod=755 https://example.com/bin/tool /usr/local/bin/tool'),
    linkFlag('ADD', 'ADD --link https://example.com/data.json /srv/data.json'),
    {
      name: 'keep-git-dir',
      value: { kind: 'boolean' },
      placeholder: 'true',
      repeatable: false,
      // The Dockerfile reference's table says 1.1, but the flag came with Git sources for ADD, which
      // the 1.5 labs channel introduced (moby/buildkit#2799) and 1.6.0 made stable (#3979, release notes).
      // Whether an older stable release refused the flag itself is unconfirmed, so no labsSince.
      since: '1.6',
      default: 'false',
      expandsVariables: false,
      referenceUrl: flagUrl('ADD', 'keep-git-dir'),
      doc: {
        summary: 'Keeps the `.git` directory when `ADD` clones a Git repository.',
        details:
          'By default only the checked-out files are added. Keep the directory when a later step needs Git metadata, for example `git describe` to stamp a version.',
        example: 'ADD --keep-git-dir=true https://github.com/moby/buildkit.git#v0.14.1 /src',
        pitfall: 'It does nothing for sources that are not Git repositories, and the history can make the layer much larger.',
      },
    },
    {
      name: 'checksum',
      value: { kind: 'checksum', git: { since: '1.16', labsSince: '1.16' } },
      placeholder: 'sha256:',
      repeatable: false,
      since: '1.6',
      labsSince: '1.5',
      expandsVariables: true,
      referenceUrl: flagUrl('ADD', 'checksum'),
      doc: {
        summary: 'Verifies a remote source: the build fails when the download does not match.',
        details:
          'For an HTTP(S) source give the SHA-256 of the file as `sha256:<hex>` (no other algorithm is supported). ' +
          'For a Git source (since 1.16) give the commit hash or a prefix of it. Pinning protects against a changed or tampered download and makes builds repeatable.',
        example:
          'ADD --checksum=sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 https://example.com/tool.tar.gz /tmp/',
        pitfall: 'Only remote sources can be verified; `--checksum` on a file from the build context is an error.',
      },
    },
    {
      name: 'unpack',
      value: { kind: 'boolean' },
      placeholder: 'true',
      repeatable: false,
      since: '1.17',
      labsSince: '1.17',
      expandsVariables: false,
      referenceUrl: flagUrl('ADD', 'unpack'),
      doc: {
        summary:
          'Decides whether a tar archive (plain or compressed with gzip, bzip2 or xz, and since frontend 1.27 also zstd) is extracted at the destination.',
        details:
          'Without the flag, archives from the build context are extracted and archives downloaded from a URL are not. ' +
          '`--unpack=true` extracts a download in one step; `--unpack=false` keeps a local archive as a file.',
        example: 'ADD --unpack=true https://example.com/release.tar.gz /opt/release/',
        pitfall:
          'Whether a file is an archive is decided by its content, not its name, so a renamed or broken archive is copied as a plain file. ' +
          'Frontends before 1.27 do not recognise zstd, so they copy a `.tar.zst` as it is, even with `--unpack=true`.',
      },
    },
    excludeFlag('ADD', 'ADD --exclude=docs --exclude=*.md https://github.com/moby/buildkit.git#v0.14.1 /src/buildkit'),
  ],
  referenceUrl: referenceUrl('add'),
  expandsVariables: true,
  allowsHeredoc: true,
  allowedInOnbuild: true,
  snippet: 'ADD ${1:src} ${2:dest}',
};

/** The three kinds of ADD source, which BuildKit treats differently; hover on a source says which it is. */
export type AddSourceKind = 'url' | 'git' | 'context';

/** What ADD or COPY does with a source of one kind (hover on the source). */
export interface SourceFact {
  /** A few words for the heading: 'a download'. */
  readonly label: string;
  readonly doc: string;
  readonly referenceUrl: string;
}

export const ADD_SOURCES: Readonly<Record<AddSourceKind, SourceFact>> = {
  url: {
    label: 'a download',
    doc:
      'BuildKit fetches this URL, checking it again on every build, and adds it as a single file: named after the last part of the URL path when the destination ends in `/`, ' +
      'with mode `600` unless `--chmod` sets another. An archive stays packed unless `--unpack=true`. ' +
      'Add `--checksum=sha256:<hex>` so that a changed download fails the build instead of slipping in.',
    referenceUrl: referenceUrl('adding-files-from-a-url'),
  },
  git: {
    label: 'a Git repository',
    doc:
      'BuildKit clones it and adds the checked-out files, without the `.git` directory unless `--keep-git-dir=true`. ' +
      'A `#<ref>` fragment (or `?ref=`, `?tag=`, `?branch=`) chooses what to check out, the default branch otherwise, and `:<dir>` (or `?subdir=`) a directory of it. ' +
      'Pin the commit with `--checksum` so that a moved branch or tag fails the build.',
    referenceUrl: referenceUrl('adding-files-from-a-git-repository'),
  },
  context: {
    label: 'a path in the build context',
    doc:
      'A tar archive here (plain, or compressed with gzip, bzip2, xz, or zstd since frontend 1.27) is extracted at the destination unless `--unpack=false`; ' +
      'anything else is copied as `COPY` would copy it, and for that `COPY` is the clearer instruction.',
    referenceUrl: referenceUrl('adding-files-from-the-build-context'),
  },
};

/** Where a COPY source is read from: the build context, or the stage or image that `--from` names. */
export type CopySourceKind = 'context' | 'from';

/** What COPY does with a source of each kind (hover on the source). */
export const COPY_SOURCES: Readonly<Record<CopySourceKind, SourceFact>> = {
  context: {
    label: 'a path in the build context',
    doc:
      'It is read from the build context, the directory given to `docker build` (not the Dockerfile\'s own directory): a leading `/` is the context\'s root, and `..` cannot leave it. ' +
      'Files that `.dockerignore` excludes are not there. `*`, `?` and `[...]` match several files. ' +
      'A directory\'s contents are copied, not the directory itself: `COPY src /app/` puts the files of `src` in `/app/`; write `COPY src /app/src/` to keep the name.',
    referenceUrl: referenceUrl('copy'),
  },
  from: {
    label: 'a path in the stage or image that --from names',
    doc:
      'It is read from that stage\'s result (or that image, or named build context), not from the build context: a relative path starts from its root, and the build context\'s `.dockerignore` does not apply. ' +
      'A directory\'s contents are copied, not the directory itself, as from the context.',
    referenceUrl: referenceUrl('copy---from'),
  },
};

export const WORKDIR: InstructionFact = {
  name: 'WORKDIR',
  doc: {
    summary:
      'Sets the working directory for the instructions that follow (`RUN`, `CMD`, `ENTRYPOINT`, `COPY`, `ADD`) and for the running container, creating it if needed.',
    details:
      'Use it instead of `RUN cd /somewhere`: a `cd` lasts only for its own `RUN`. ' +
      'A relative path is resolved against the previous `WORKDIR`, which may come from the base image. Without any, the directory is `/` unless the base image set one.',
    example: lines('WORKDIR /app', 'COPY . .', 'RUN make'),
    pitfall:
      "A relative first `WORKDIR` depends on the base image's choice, so a base image update can move your files. Start each stage with an absolute path (check `WorkdirRelativePath`).",
  },
  forms: [
    {
      label: 'WORKDIR <path>',
      kind: 'plain',
      parameters: [{ label: '<path>', doc: 'An absolute path, or one relative to the previous `WORKDIR`. Variables are expanded.' }],
      doc: 'Change the working directory.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('workdir'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'WORKDIR ${1:/app}',
};

export const VOLUME: InstructionFact = {
  name: 'VOLUME',
  doc: {
    summary:
      "Marks directories whose data should live outside the container's writable layer. Each new container gets an anonymous volume there unless one is mounted.",
    details:
      'Use it for data a container produces and that must outlive it, such as a database directory. ' +
      'Files the image already has at that path are copied into a new, empty volume. ' +
      'The host side cannot be chosen here; that happens with `docker run -v` or Compose.',
    example: 'VOLUME /var/lib/postgresql/data',
    pitfall:
      'A child image cannot undo a `VOLUME` from its base, and each `docker run` without `-v` leaves another anonymous volume behind. Declare volumes sparingly.',
  },
  forms: [
    {
      label: 'VOLUME ["<path>", ...]',
      kind: 'exec',
      parameters: [{ label: '"<path>", ...', doc: 'Paths inside the container, as JSON strings.' }],
      doc: 'JSON form: a list of double-quoted paths.',
    },
    {
      label: 'VOLUME <path> ...',
      kind: 'plain',
      parameters: [{ label: '<path> ...', doc: 'Paths inside the container, separated by spaces.' }],
      doc: 'Paths separated by spaces.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('volume'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'VOLUME ["${1:/data}"]',
};

export const USER: InstructionFact = {
  name: 'USER',
  doc: {
    summary:
      "Sets the user, and optionally the group, that later `RUN` steps and the container's process run as.",
    details:
      'Running the final stage as a non-root user limits what a compromised process can do. Create the user first, and prefer numeric IDs (`USER 10001:10001`) so platforms can verify it is not root. ' +
      'Naming a group replaces all other group memberships. `COPY` ignores `USER`: use `COPY --chown` for files the user must own.',
    example: lines('RUN useradd --create-home --uid 10001 app', 'USER app'),
    pitfall:
      'Switching user before installing packages makes later `apt-get` or `apk` steps fail with permission errors. Install as root, then switch near the end.',
  },
  forms: [
    {
      label: 'USER <user>[:<group>]',
      kind: 'plain',
      parameters: [
        { label: '<user>', doc: 'A user name that exists in the image.' },
        { label: '[:<group>]', doc: "Optional group name. Without it, the user's primary group (or root) is used." },
      ],
      doc: 'Run as a named user, optionally with a named group.',
    },
    {
      label: 'USER <uid>[:<gid>]',
      kind: 'plain',
      parameters: [
        { label: '<uid>', doc: 'A numeric user ID; it does not need to exist in `/etc/passwd`.' },
        { label: '[:<gid>]', doc: 'Optional numeric group ID.' },
      ],
      doc: 'Run as a numeric user ID, optionally with a group ID.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('user'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'USER ${1:user}',
};
