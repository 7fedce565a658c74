// BuildKit's 22 build checks (`docker build --check`), under BuildKit's own names so that
// `# check=skip=<Name>` and the diagnostics agree with what users see from `docker build`.
import type { BuildCheckFact, FrontendVersion } from './types';
import { checkRuleUrl } from './util';

function check(
  name: string,
  since: FrontendVersion,
  doc: string,
  extras: Partial<Pick<BuildCheckFact, 'experimental' | 'stableSince' | 'url' | 'atDispatch'>> = {},
): BuildCheckFact {
  return { name, since, experimental: false, doc, url: checkRuleUrl(name), ...extras };
}

export const BUILD_CHECKS: readonly BuildCheckFact[] = [
  check(
    'StageNameCasing',
    '1.8',
    'A stage name (`FROM ... AS Name`) contains uppercase letters. Stage names ignore case and are stored in lowercase, so `Build` and `build` are the same stage; lowercase names avoid that confusion.',
  ),
  check(
    'FromAsCasing',
    '1.8',
    'The `AS` keyword is cased differently from `FROM` (`FROM node as build`). The build does not care, but mixed casing looks like a slip; match the two.',
  ),
  check(
    'NoEmptyContinuation',
    '1.8',
    'An empty line sits inside an instruction continued with the escape character. It is ignored today, but this is deprecated and will become an error; delete the line (comment lines are fine).',
  ),
  check(
    'ConsistentInstructionCasing',
    '1.8',
    'An instruction keyword is cased differently from most of the file (one `run` among `RUN`s), or in mixed case such as `Run`. Keywords ignore case, so this is about readability.',
  ),
  check(
    'DuplicateStageName',
    '1.8',
    'Two stages have the same name (compared in lowercase), so `FROM`, `COPY --from` and `--mount from=` references become ambiguous. Give each stage its own name.',
  ),
  check(
    'ReservedStageName',
    '1.8',
    'A stage is called `scratch` or `context`, words that already mean the empty image and named build contexts. Choose another name.',
  ),
  check(
    'JSONArgsRecommended',
    '1.8',
    '`CMD` or `ENTRYPOINT` uses the shell form while no `SHELL` is set. The program then runs under `/bin/sh -c`, which does not pass on stop signals, so `docker stop` waits and kills it. Use the JSON form, or set `SHELL` if a shell is really wanted.',
    { atDispatch: true },
  ),
  check(
    'MaintainerDeprecated',
    '1.8',
    '`MAINTAINER` is deprecated. Record the author with `LABEL org.opencontainers.image.authors="..."`.',
  ),
  check(
    'UndefinedArgInFrom',
    '1.8',
    'A `FROM` line uses a variable that no global `ARG` (before the first `FROM`) declares and that is not an automatic platform argument, so it expands to nothing. Usually a typo or a missing `ARG`.',
  ),
  check(
    'WorkdirRelativePath',
    '1.8',
    "The first `WORKDIR` of a stage is a relative path, so where files end up depends on the base image's working directory. Use an absolute path.",
    { atDispatch: true },
  ),
  check(
    'UndefinedVar',
    '1.8',
    'A `$VARIABLE` in an instruction the builder expands (`ENV`, `COPY`, `WORKDIR`, `USER` and others) is not declared by `ARG` or `ENV` nor set by the base image, so it expands to nothing. Usually a typo, or an `ARG` not re-declared inside the stage.',
    { atDispatch: true },
  ),
  check(
    'MultipleInstructionsDisallowed',
    '1.8',
    'A stage has more than one `CMD`, `ENTRYPOINT` or `HEALTHCHECK`. Only the last one takes effect, so the earlier one does nothing and is often a mistake.',
    { atDispatch: true },
  ),
  check(
    'LegacyKeyValueFormat',
    '1.8',
    '`ENV` or `LABEL` uses the old `key value` form. It sets a single pair whose value runs to the end of the line, which surprises people; write `key=value`.',
    { atDispatch: true },
  ),
  check(
    'InvalidBaseImagePlatform',
    '1.8',
    'The base image that was resolved is for another OS or architecture than the build targets, so the stage would run under emulation or fail. Detecting it needs the image metadata from the registry.',
    { url: '', atDispatch: true },
  ),
  check(
    'RedundantTargetPlatform',
    '1.9',
    '`FROM --platform=$TARGETPLATFORM` asks for what already happens by default. Remove the flag.',
  ),
  check(
    'SecretsUsedInArgOrEnv',
    '1.9',
    'An `ARG` or `ENV` name looks like it holds a secret (a part such as `PASSWORD`, `TOKEN`, `SECRET` or `KEY`). Their values are stored in the image metadata or history; pass secrets with `RUN --mount=type=secret` instead.',
    { atDispatch: true },
  ),
  check(
    'InvalidDefaultArgInFrom',
    '1.9',
    'With only the default values of the global `ARG`s, a `FROM` image is empty or not a valid reference, so the build fails unless the right `--build-arg` is passed. Give the `ARG` a working default.',
  ),
  check(
    'FromPlatformFlagConstDisallowed',
    '1.9',
    '`FROM --platform=` uses a fixed value such as `linux/amd64`, which pins the stage and breaks multi-platform builds. Use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or name the stage after the platform when pinning is intended.',
  ),
  check(
    'CopyIgnoredFile',
    '1.9',
    'A `COPY` or `ADD` source from the build context is excluded by `.dockerignore`, so the file is not there and the copy fails or brings less than expected.',
    { stableSince: '1.21', atDispatch: true },
  ),
  check(
    'InvalidDefinitionDescription',
    '1.11',
    'The comment right above an `ARG` or a named `FROM` does not start with that argument or stage name. Tools show such comments as descriptions; start it with the name, or separate an unrelated comment with a blank line.',
    { experimental: true },
  ),
  check(
    'ExposeProtoCasing',
    '1.18',
    'An `EXPOSE` protocol is not in lowercase (`80/TCP`). Write `tcp`, `udp` or `sctp`.',
    { atDispatch: true },
  ),
  check(
    'ExposeInvalidFormat',
    '1.18',
    '`EXPOSE` contains an IP address or a `host:container` mapping. `EXPOSE` only records container ports and this form will become an error; choose host ports with `docker run -p`.',
    { atDispatch: true },
  ),
];
