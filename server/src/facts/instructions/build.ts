// Instructions that shape the build itself: FROM, RUN, ARG, ONBUILD and SHELL.
import type { FlagFact, InstructionFact } from '../types';
import { lines, referenceUrl } from '../util';

const OPTIONS_PARAM = '[OPTIONS]';

export const FROM: InstructionFact = {
  name: 'FROM',
  doc: {
    summary:
      'Starts a new build stage on top of a base image. Every instruction up to the next `FROM` adds to that stage.',
    details: lines(
      'Pin the base (`python:3.12-slim`, or a digest `@sha256:...`) so rebuilds are repeatable; without a tag, `latest` is used. ' +
        '`scratch` is an empty image with no files at all.',
      '',
      'Name a stage with `AS build` and later stages can start from it (`FROM build`) or take files from it (`COPY --from=build`). ' +
        'Multi-stage builds like this keep compilers and sources out of the final image. ' +
        'Only parser directives, comments and `ARG` may come before the first `FROM`.',
    ),
    example: lines(
      'FROM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app .',
      '',
      'FROM gcr.io/distroless/static-debian12:nonroot',
      'COPY --from=build /out/app /app',
    ),
    pitfall:
      'An `ARG` declared before `FROM` is visible only in `FROM` lines. To use it inside the stage, declare it again after `FROM` with `ARG NAME` (no value).',
  },
  forms: [
    {
      label: 'FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]',
      kind: 'plain',
      parameters: [
        {
          label: '[--platform=<platform>]',
          doc: 'Optional platform of the base image, e.g. `linux/arm64`. Often `$BUILDPLATFORM` on stages that cross-compile.',
        },
        {
          label: '<image>[:<tag>|@<digest>]',
          doc: 'The base: an image reference, the name of an earlier stage, a named context, or `scratch`. No tag means `latest`.',
        },
        {
          label: '[AS <name>]',
          doc: 'Optional stage name, for the `FROM`, `COPY --from` and `RUN --mount=from=` of the stages below it; a stage above cannot use it. Write it in lowercase.',
        },
      ],
      doc: 'Start a stage from an image or an earlier stage, optionally naming it.',
    },
  ],
  flags: [
    {
      name: 'platform',
      value: { kind: 'platform' },
      placeholder: '$BUILDPLATFORM',
      repeatable: false,
      default: '$TARGETPLATFORM',
      expandsVariables: true,
      referenceUrl: referenceUrl('from'),
      doc: {
        summary:
          'Chooses which platform of a multi-platform base image the stage uses, written `os/arch[/variant]` (`linux/amd64`, `linux/arm/v7`).',
        details:
          'Without it the stage uses the platform the build targets. The usual reason to set it is `--platform=$BUILDPLATFORM` on a compile stage: ' +
          'the compiler then runs natively and cross-compiles for `$TARGETOS`/`$TARGETARCH` instead of running under emulation. ' +
          'Global `ARG`s may be used in the value.',
        example: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        pitfall:
          'A fixed value such as `--platform=linux/amd64` forces emulation elsewhere and breaks multi-platform builds (check `FromPlatformFlagConstDisallowed`), ' +
          'and `--platform=$TARGETPLATFORM` only repeats the default.',
      },
    },
  ],
  referenceUrl: referenceUrl('from'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: false,
  snippet: 'FROM ${1:image}:${2:tag}',
};

const RUN_FLAGS: readonly FlagFact[] = [
  {
    name: 'mount',
    value: { kind: 'mount' },
    placeholder: 'type=cache,target=/root/.cache',
    repeatable: true,
    since: '1.2',
    labsSince: '1.2',
    expandsVariables: true,
    expandsVariablesSince: '1.3',
    referenceUrl: referenceUrl('run---mount'),
    doc: {
      summary:
        'Attaches a filesystem to this one `RUN` step: a persistent cache, a secret, an SSH agent, a tmpfs, or files from the context or another stage. ' +
        'Nothing in the mount is saved in the layer.',
      details:
        'Written as comma-separated `key=value` options, starting with `type=` (`bind` when left out). ' +
        '`cache` keeps package-manager and compiler caches between builds, `secret` and `ssh` hand credentials to the command without storing them, ' +
        '`bind` reads files without copying them into a layer, and `tmpfs` gives scratch space in memory. Repeat the flag for several mounts. ' +
        'Variables in the values are expanded, except in `from`.',
      example: lines(
        'RUN --mount=type=cache,target=/root/.cache/pip \\',
        '    --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \\',
        '    pip install -r /tmp/requirements.txt',
      ),
      pitfall:
        'Nothing written inside a mount ends up in the image: a cache keeps it for later builds, the other types drop it. Write files the image needs outside the mount target.',
    },
  },
  {
    name: 'network',
    value: {
      kind: 'enum',
      caseSensitive: true,
      values: [
        {
          value: 'default',
          isDefault: true,
          doc: 'The normal build network, exactly as if the flag were left out: internet access when the builder has it.',
        },
        {
          value: 'none',
          doc:
            'No network at all, only a private loopback interface. Use it to prove a step works offline and cannot fetch anything unexpected, ' +
            'for example installing from packages you copied in earlier.',
        },
        {
          value: 'host',
          doc:
            "Uses the host's network stack directly, like `docker build --network=host` for a single step. " +
            'Needs the `network.host` entitlement, allowed by the builder and requested with `--allow network.host`.',
        },
      ],
    },
    placeholder: 'none',
    repeatable: false,
    since: '1.3',
    labsSince: '1.2',
    default: 'default',
    expandsVariables: false,
    referenceUrl: referenceUrl('run---network'),
    doc: {
      summary: 'Chooses the network the command runs in: the default build network, none, or the host network.',
      details:
        'Cutting the network with `none` makes a step hermetic: it can only use what is already in the image or mounted. ' +
        '`host` is for the rare step that must reach services on the build machine.',
      example: 'RUN --network=none pip install --no-cache-dir --no-index --find-links=/wheels myapp',
      pitfall: '`--network=host` fails unless the entitlement is granted both on the builder and on the build command.',
    },
  },
  {
    name: 'security',
    value: {
      kind: 'enum',
      caseSensitive: true,
      values: [
        {
          value: 'sandbox',
          isDefault: true,
          doc: 'The normal, restricted build container. Writing it changes nothing.',
        },
        {
          value: 'insecure',
          doc:
            'Runs the command without the sandbox, with privileges comparable to `docker run --privileged`. ' +
            'Needs the `security.insecure` entitlement on the builder and `--allow security.insecure` on the build.',
        },
      ],
    },
    placeholder: 'insecure',
    repeatable: false,
    since: '1.20',
    labsSince: '1.2',
    default: 'sandbox',
    expandsVariables: false,
    referenceUrl: referenceUrl('run---security'),
    doc: {
      summary: 'Chooses whether the command runs in the normal sandbox or with elevated privileges.',
      details:
        'Only a few build steps need `insecure`: ones that mount filesystems, load kernel features or run a container engine inside the build. ' +
        'Before frontend 1.20 the flag existed only in the labs channel.',
      example: 'RUN --security=insecure ./run-integration-tests.sh',
      pitfall:
        'An insecure step can change the machine that runs the build. Grant the entitlement only on builders where you trust every Dockerfile.',
    },
  },
  {
    name: 'device',
    value: { kind: 'device' },
    placeholder: 'nvidia.com/gpu=all',
    repeatable: true,
    since: '1.27',
    labsSince: '1.14',
    expandsVariables: false,
    referenceUrl: referenceUrl('run---device'),
    doc: {
      summary: 'Makes a CDI device, such as a GPU, available to the command.',
      details:
        'Name it as `vendor/class` (first device found), `vendor/class=name` (one device), `vendor/class=*` (all of them) or by a device-class annotation; ' +
        'append `,required` to fail when it is missing. Needs BuildKit 0.20 or later with CDI devices set up, and the `device` entitlement.',
      example: 'RUN --device=nvidia.com/gpu=all nvidia-smi',
      pitfall:
        'Frontends 1.14 to 1.26 refuse the flag outside the labs channel, and older ones do not know it: pin `1.27` or later, or `1.14-labs` or later.',
    },
  },
];

export const RUN: InstructionFact = {
  name: 'RUN',
  doc: {
    summary: 'Runs a command while the image is being built and saves the files it changes as a new layer.',
    details: lines(
      'The shell form (`RUN make && make install`) runs through the shell, `/bin/sh -c` by default, so `&&`, pipes and `$VARS` work. ' +
        'The exec form (`RUN ["make", "install"]`) starts the program directly, without a shell.',
      '',
      'The builder reuses a cached step as long as the instruction and every step before it are unchanged; it never checks whether the command would now give a different result. ' +
        'So keep `apt-get update` in the same `RUN` as the install, or a later build may install from stale package lists. ' +
        'For multi-line scripts use a heredoc (`RUN <<EOF`, frontend 1.4 or later).',
    ),
    example: lines(
      'RUN apt-get update \\',
      ' && apt-get install -y --no-install-recommends curl \\',
      ' && rm -rf /var/lib/apt/lists/*',
    ),
    pitfall:
      'Every `RUN` starts a fresh shell: `cd`, `export` and shell variables are gone in the next instruction. Use `WORKDIR` and `ENV` for state that must carry over.',
  },
  forms: [
    {
      label: 'RUN [OPTIONS] <command>',
      kind: 'shell',
      parameters: [
        {
          label: OPTIONS_PARAM,
          doc: 'Optional flags: `--mount`, `--network`, `--security` and `--device`.',
        },
        { label: '<command>', doc: 'A shell command line; it may continue over several lines or be a heredoc.' },
      ],
      doc: 'Shell form: the command runs through the current SHELL.',
    },
    {
      label: 'RUN [OPTIONS] ["<executable>", "<param>", ...]',
      kind: 'exec',
      parameters: [
        {
          label: OPTIONS_PARAM,
          doc: 'Optional flags: `--mount`, `--network`, `--security` and `--device`.',
        },
        { label: '"<executable>"', doc: 'The program to start, as a JSON string.' },
        { label: '"<param>", ...', doc: 'Its arguments, each a double-quoted JSON string. No shell expands them.' },
      ],
      doc: 'Exec form: a JSON array, started directly without a shell.',
    },
  ],
  flags: RUN_FLAGS,
  referenceUrl: referenceUrl('run'),
  expandsVariables: false,
  allowsHeredoc: true,
  allowedInOnbuild: true,
  snippet: 'RUN ${1:command}',
};

export const ARG: InstructionFact = {
  name: 'ARG',
  doc: {
    summary:
      'Declares a build argument: a variable that can be set with `docker build --build-arg NAME=value`, optionally with a default.',
    details: lines(
      'An `ARG` exists only during the build and is not stored in the image environment; copy it into `ENV` if the container needs it. ' +
        'Before the first `FROM` it is global and usable only in `FROM` lines. Inside a stage it is in scope from its line to the end of the stage, and in stages built `FROM` it.',
      '',
      'A changed value invalidates the cache from the first instruction that uses it, and every `RUN` after the `ARG` counts as using it: the value is in its environment. Declare an argument that changes often (a version, a date) just before the step that needs it. An `ARG` with a value overrides an earlier `ENV` of the same name while the image builds (the image keeps the `ENV`); a later `ENV` overrides the `ARG`.',
    ),
    example: lines(
      'ARG NODE_VERSION=20',
      'FROM node:${NODE_VERSION}-alpine',
      'ARG NODE_VERSION',
      'RUN echo "built with Node $NODE_VERSION"',
    ),
    pitfall:
      'Build arguments are visible in `docker history` and in provenance attestations, so never pass passwords or tokens this way; use `RUN --mount=type=secret`.',
  },
  forms: [
    {
      label: 'ARG <name>[=<default>] ...',
      kind: 'plain',
      parameters: [
        { label: '<name>', doc: 'The variable name: letters, digits and `_`. Names are case-sensitive.' },
        { label: '[=<default>]', doc: 'Optional value used when the build does not pass one. Variables in it are expanded.' },
      ],
      doc: 'Declare one or more build arguments.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('arg'),
  expandsVariables: true,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'ARG ${1:NAME}=${2:default}',
};

export const ONBUILD: InstructionFact = {
  name: 'ONBUILD',
  doc: {
    summary:
      'Stores an instruction in the image that does not run now, but later, when another Dockerfile uses this image as its base.',
    details:
      "Triggers run right after the child's `FROM`, in the order they were added, and apply to direct children only, not to grandchildren. " +
      'They suit builder images that always do the same steps with the user\'s code. ' +
      '`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed.',
    example: lines('ONBUILD COPY requirements.txt /app/', 'ONBUILD RUN pip install --no-cache-dir -r /app/requirements.txt'),
    pitfall:
      'Triggers are invisible in the child Dockerfile, which makes its builds hard to understand. Unless you publish a builder image, prefer explicit instructions.',
  },
  forms: [
    {
      label: 'ONBUILD <instruction>',
      kind: 'plain',
      parameters: [
        {
          label: '<instruction>',
          doc: 'Any instruction except `FROM`, `MAINTAINER` and `ONBUILD`, with its own flags and arguments.',
        },
      ],
      doc: 'Register a trigger for builds that use this image as their base.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('onbuild'),
  // Expansion and heredocs belong to the trigger's own instruction, evaluated in the child build.
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: false,
  snippet: 'ONBUILD ${1:RUN} ${2:command}',
};

export const SHELL: InstructionFact = {
  name: 'SHELL',
  doc: {
    summary:
      'Replaces the shell that runs the shell forms of `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD`; the default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
    details:
      'It must be written as a JSON array. A common choice is `["/bin/bash", "-o", "pipefail", "-c"]`, so a failing command in a pipe fails the build; ' +
      'on Windows it switches to PowerShell. It applies to the `RUN`, `CMD` and `ENTRYPOINT` lines after it and may be changed again later. ' +
      "A shell-form health check is different: Docker runs it in the running container with the image's final shell (the last `SHELL` of the stage, or the base image's), wherever the `HEALTHCHECK` line stands.",
    example: lines('SHELL ["/bin/bash", "-o", "pipefail", "-c"]', 'RUN curl -fsSL https://example.com/install.sh | bash'),
    pitfall:
      "Without `pipefail`, `curl ... | bash` succeeds even when the download fails, because only the last command's exit code counts. The shell must also exist in the image: Alpine has no bash by default.",
  },
  forms: [
    {
      label: 'SHELL ["<executable>", "<param>", ...]',
      kind: 'exec',
      parameters: [
        { label: '"<executable>"', doc: 'The shell program, e.g. `"/bin/bash"` or `"powershell"`.' },
        { label: '"<param>", ...', doc: 'Arguments placed before the command text, typically ending with `"-c"`.' },
      ],
      doc: 'JSON form only.',
    },
  ],
  flags: [],
  referenceUrl: referenceUrl('shell'),
  expandsVariables: false,
  allowsHeredoc: false,
  allowedInOnbuild: true,
  snippet: 'SHELL ["${1:/bin/bash}", "-o", "pipefail", "-c"]',
};
