// The five `RUN --mount` types and the options each accepts. An option missing from a type's list
// (and from its `noEffect` list, and not `ro`/`rw` on a type with `access`) is one BuildKit rejects
// for that type.
import type { MountOptionFact, MountTypeFact, NoEffectMountKeyFact, ValueSpec } from './types';
import { lines, referenceUrl } from './util';

const PATH: ValueSpec = { kind: 'string', placeholder: 'path' };
const ID: ValueSpec = { kind: 'string', placeholder: 'id' };
const BOOLEAN: ValueSpec = { kind: 'boolean' };
const ID_NUMBER: ValueSpec = { kind: 'integer', min: 0 };

type OptionExtras = Partial<Pick<MountOptionFact, 'required' | 'default' | 'since' | 'labsSince' | 'sharedName'>>;

function option(
  key: string,
  aliases: readonly string[],
  value: ValueSpec,
  doc: string,
  extras: OptionExtras = {},
  bare = false,
): MountOptionFact {
  return { key, aliases, value, bare, doc, ...extras };
}

const target = (doc: string, extras?: OptionExtras) => option('target', ['dst', 'destination'], PATH, doc, extras);
const source = (doc: string) => option('source', ['src'], PATH, doc);
const from = (doc: string) => option('from', [], { kind: 'stage' }, doc);
// Mounts of a type that name the same id share one cache, secret or SSH agent.
const id = (doc: string, extras?: OptionExtras) => option('id', [], ID, doc, { ...extras, sharedName: true });
const readonly = (doc: string) => option('readonly', ['ro'], BOOLEAN, doc, { default: 'false' }, true);
const readwrite = (doc: string) => option('readwrite', ['rw'], BOOLEAN, doc, { default: 'false' }, true);
const required = (doc: string) => option('required', [], BOOLEAN, doc, { default: 'false' }, true);
const mode = (doc: string, defaultMode: string) => option('mode', [], { kind: 'octal' }, doc, { default: defaultMode });
const uid = (doc: string) => option('uid', [], ID_NUMBER, doc, { default: '0' });
const gid = (doc: string) => option('gid', [], ID_NUMBER, doc, { default: '0' });
const noEffect = (key: string, doc: string): NoEffectMountKeyFact => ({ key, doc });

const BIND: MountTypeFact = {
  type: 'bind',
  doc: {
    summary:
      'Makes files from the build context, another stage or an image visible to this `RUN` step without copying them into a layer. Read-only unless `rw` is given.',
    details:
      'Use it for inputs a command needs only while it runs: sources to compile, a lockfile to install from, a tool from another stage. ' +
      'Nothing is copied, so the image stays smaller than with `COPY` followed by `RUN`. This is the type used when `type=` is left out.',
    example: lines(
      'RUN --mount=type=bind,source=go.mod,target=go.mod \\',
      '    --mount=type=bind,source=go.sum,target=go.sum \\',
      '    go mod download',
    ),
    pitfall:
      'The mounted files are not in the image afterwards; `COPY` what the final image needs. Writes into an `rw` bind mount are thrown away too.',
  },
  options: [
    target('Where the files appear in the build container. A relative path starts at `WORKDIR`.', { required: true }),
    source('Path inside `from` to mount, a file or a directory. The root of `from` when left out.'),
    from('A stage defined above this one, an image or a named context to mount from. The build context when left out. Variables are not expanded here.'),
    readwrite('Lets the command write into the mount. The changes are discarded when the step ends.'),
  ],
  access: {
    writable: false,
    unchanged: 'Changes nothing: a bind mount is read-only unless `rw` is given. Leave it out, or write `rw` if the command must write into the mount.',
    changed:
      'Makes the mount writable, as `rw` does (which says it more plainly). The command may then write into it; its changes are discarded when the step ends.',
  },
  noEffect: [
    noEffect('id', 'Changes nothing on a bind mount: `id` names a cache, a secret or an SSH agent. What a bind mount shows is chosen by `from` and `source`.'),
    noEffect(
      'env',
      'Changes nothing on a bind mount: only a secret mount sets an environment variable. For a secret, write `type=secret,id=<id>,env=<VARIABLE>`; for a plain value, use `ARG` or `ENV`.',
    ),
  ],
  referenceUrl: referenceUrl('run---mounttypebind'),
};

const CACHE: MountTypeFact = {
  type: 'cache',
  doc: {
    summary:
      'Gives the step a directory that persists between builds, for package-manager and compiler caches. Its contents never go into the image.',
    details:
      'The step still runs when its cache key changes, but with a warm cache it downloads and compiles much less. ' +
      'Mount it where the tool keeps its cache (`/root/.cache/pip`, `/root/.npm`, `/root/.cache/go-build`, `/var/cache/apt`). ' +
      'Steps using the same `id`, which is the target path by default, share one cache; `sharing=locked` makes parallel builds take turns.',
    example: lines('RUN --mount=type=cache,target=/root/.cache/pip \\', '    pip install -r requirements.txt'),
    pitfall:
      'The builder may empty the cache at any time, and cache mounts are not part of exported build cache (`--cache-to`), so CI often starts cold. The step must work with an empty directory.',
  },
  options: [
    target("Where the cache appears, usually the tool's cache directory.", { required: true }),
    id('Name of the cache; steps with the same id share it. The target path when left out.'),
    readonly('Mounts the cache read-only, for steps that should use it but not change it.'),
    option(
      'sharing',
      [],
      {
        kind: 'enum',
        caseSensitive: false,
        values: [
          {
            value: 'shared',
            isDefault: true,
            doc: 'Any number of steps and builds use the cache at the same time. Fine for tools that cope with concurrent writers, such as the Go build cache.',
          },
          {
            value: 'private',
            doc: 'A step that finds the cache in use gets a new, separate cache instead of waiting.',
          },
          {
            value: 'locked',
            doc: 'A step waits until no one else uses the cache. Needed for tools that lock or corrupt a shared cache, such as apt.',
          },
        ],
      },
      'What happens when several steps or builds use the same cache at once.',
      { default: 'shared' },
    ),
    from('A stage defined above this one, an image or a named context whose files seed the cache. The cache starts empty when left out.'),
    source('Path inside `from` used as the seed. The root of `from` when left out.'),
    mode('Permissions of the cache directory when it is created, in octal.', '0755'),
    uid('Owner user ID of the cache directory when it is created. Set it when a non-root `USER` writes to the cache.'),
    gid('Owner group ID of the cache directory when it is created.'),
  ],
  access: {
    writable: true,
    unchanged:
      'Changes nothing: a cache mount is writable unless `ro` is given. Leave it out, or write `ro` for a step that should use the cache without changing it.',
    changed: 'Makes the cache read-only, as `ro` does (which says it more plainly): the step uses the cache without changing it.',
  },
  noEffect: [
    noEffect(
      'env',
      "Changes nothing on a cache mount: only a secret mount sets an environment variable. Tools find their cache by path, so point `target` at the tool's cache directory (or tell the tool where it is with `ENV`).",
    ),
  ],
  referenceUrl: referenceUrl('run---mounttypecache'),
};

const TMPFS: MountTypeFact = {
  type: 'tmpfs',
  doc: {
    summary: 'Mounts an empty in-memory filesystem for the duration of the step.',
    details:
      'Use it for scratch files that must not end up in the layer, which you would otherwise have to delete within the same `RUN`, or to speed up heavy temporary I/O. ' +
      '`size` caps how much memory it may use.',
    example: 'RUN --mount=type=tmpfs,target=/tmp,size=512m ./build.sh',
    pitfall: "Its contents use the builder's memory and vanish when the step ends, so never write results there.",
  },
  options: [
    target('Where the filesystem appears.', { required: true }),
    option('size', [], { kind: 'size' }, 'Upper limit on its size, in bytes or with a unit such as `64m` or `1g`.'),
  ],
  access: {
    writable: true,
    unchanged: 'Changes nothing: a tmpfs mount is writable anyway. Leave it out; `size` is the option that matters here.',
    changed:
      'Makes the filesystem read-only. It starts empty, so the command finds nothing in it and can write nothing to it: leave it out. `size` is the option that matters here.',
  },
  noEffect: [
    noEffect(
      'id',
      'Changes nothing on a tmpfs mount: each step gets a new, empty filesystem that nothing names or shares. For a directory kept between builds, use `type=cache`, whose `id` names it.',
    ),
    noEffect(
      'from',
      'Changes nothing on a tmpfs mount: it always starts empty. To see the files of a stage or image, use `type=bind,from=<stage>`; to seed a cache with them, `type=cache,from=<stage>`.',
    ),
    noEffect(
      'source',
      'Changes nothing on a tmpfs mount: it always starts empty, so there is no path to pick. `source` chooses a path inside `from` on bind and cache mounts.',
    ),
    noEffect(
      'env',
      'Changes nothing on a tmpfs mount: only a secret mount sets an environment variable. To point a tool at the scratch directory, name its `target` path in the command, for example `TMPDIR=/scratch ./build.sh`.',
    ),
  ],
  referenceUrl: referenceUrl('run---mounttypetmpfs'),
};

const SECRET: MountTypeFact = {
  type: 'secret',
  doc: {
    summary:
      'Hands a secret (a token, password or key passed to the build) to this step only, as a file or an environment variable, without storing it in any layer or in the build cache.',
    details:
      'Provide it when building: `docker build --secret id=npmrc,src=$HOME/.npmrc .`. ' +
      'The step sees it at `/run/secrets/<id>` unless `target` says otherwise, or as a variable with `env=NAME` (frontend 1.10 or later). ' +
      'Add `required=true` to fail when the secret was not provided instead of running without it.',
    example: lines('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \\', '    npm ci'),
    pitfall:
      'The secret stays out of the image only if the command does not copy it. Writing it into a file or a config during the step stores it in the layer for good.',
  },
  options: [
    id('Name of the secret, as given to `docker build --secret id=...`. The file name of `target` when left out.'),
    target('Path of the file that holds the secret. `/run/secrets/<id>` when left out, unless `env` is set.'),
    option(
      'env',
      [],
      { kind: 'string', placeholder: 'VARIABLE' },
      'Exposes the secret to the command as this environment variable. Without `target` no file is created; with it, both.',
      { since: '1.10', labsSince: '1.10' },
    ),
    required('Fails the step when the build was not given the secret. Without it the step runs without the secret.'),
    mode('Permissions of the secret file, in octal.', '0400'),
    uid('Owner user ID of the secret file. Set it when a non-root `USER` must read the secret.'),
    gid('Owner group ID of the secret file.'),
    source('An older way to name the secret; it cannot be combined with `id`.'),
  ],
  noEffect: [
    noEffect('readonly', 'Changes nothing on a secret mount: the secret is always mounted read-only. Who may read it is set by `mode`, `uid` and `gid`.'),
    noEffect(
      'readwrite',
      'Changes nothing on a secret mount: the secret is always mounted read-only (and a copy written elsewhere would stay in the layer). Who may read it is set by `mode`, `uid` and `gid`.',
    ),
  ],
  referenceUrl: referenceUrl('run---mounttypesecret'),
};

const SSH: MountTypeFact = {
  type: 'ssh',
  doc: {
    summary:
      'Forwards an SSH agent, or keys, from the machine running the build into this step, so `git` or `ssh` can authenticate without any key in the image.',
    details:
      'Start the build with `--ssh default` (your running agent) or `--ssh default=$HOME/.ssh/id_ed25519`. ' +
      'Inside the step `SSH_AUTH_SOCK` points at the forwarded agent (at the first ssh mount of the step, and only when the step\'s environment does not set `SSH_AUTH_SOCK` already: an `ENV` or `ARG` of that name, or the base image\'s, is left alone). The server must still be a known host, for example via `ssh-keyscan github.com >> ~/.ssh/known_hosts` in an earlier step.',
    example: lines('RUN --mount=type=ssh \\', '    git clone git@github.com:acme/private-lib.git /src/lib'),
    pitfall:
      'Without `--ssh` on the build command the step has no agent and fails later with a confusing authentication error; `required=true` reports the real cause.',
  },
  options: [
    id('Which agent or key set to forward, as named by `docker build --ssh <id>=...`.', { default: 'default' }),
    target('Path of the agent socket. `/run/buildkit/ssh_agent.N` when left out.'),
    required('Fails the step when the build was not given this agent or key.'),
    mode('Permissions of the socket, in octal.', '0600'),
    uid('Owner user ID of the socket. Set it when a non-root `USER` runs `ssh`.'),
    gid('Owner group ID of the socket.'),
  ],
  // `source=` is refused (BuildKit: "ssh does not support source"), so it is in neither list.
  noEffect: [
    noEffect('readonly', 'Changes nothing on an ssh mount: it is a socket to an agent, not a directory. Who may use it is set by `mode`, `uid` and `gid`.'),
    noEffect('readwrite', 'Changes nothing on an ssh mount: it is a socket to an agent, not a directory. Who may use it is set by `mode`, `uid` and `gid`.'),
    noEffect(
      'from',
      'Changes nothing on the mount: the agent or keys come from `docker build --ssh`, never from a stage or image. Choose which with `id`.',
    ),
    noEffect(
      'env',
      'Changes nothing on an ssh mount: BuildKit already points `SSH_AUTH_SOCK` at the socket of the step\'s first ssh mount, wherever its `target` puts it. Only a secret mount sets a variable of your choosing.',
    ),
  ],
  referenceUrl: referenceUrl('run---mounttypessh'),
};

export const MOUNT_TYPES: readonly MountTypeFact[] = [BIND, CACHE, TMPFS, SECRET, SSH];

/** The `type=` key, valid for every mount; its values are the five types. */
export const MOUNT_TYPE_OPTION: MountOptionFact = option(
  'type',
  [],
  {
    kind: 'enum',
    caseSensitive: false,
    values: MOUNT_TYPES.map((mount) => ({
      value: mount.type,
      doc: mount.doc.summary,
      ...(mount.type === 'bind' ? { isDefault: true } : {}),
    })),
  },
  'Kind of mount: `bind`, `cache`, `tmpfs`, `secret` or `ssh`. `bind` when left out.',
  { default: 'bind' },
);
