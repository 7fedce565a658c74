// Parser directives (`# syntax=`, `# escape=`, `# check=`) and the options of `check`.
import type { CheckOptionFact, DirectiveFact, FrontendVersion, ValueFact } from './types';
import { lines, referenceUrl } from './util';

/** The newest stable Dockerfile frontend these facts describe. */
export const SYNTAX_VERSION_LATEST: FrontendVersion = '1.28';

/** The first frontend that reads a `# check=` comment directly above an instruction, for that instruction. */
export const INSTRUCTION_CHECK_COMMENTS_SINCE: FrontendVersion = '1.21';

const pin = (version: FrontendVersion, adds: string): ValueFact => ({
  value: `docker/dockerfile:${version}`,
  doc: `Pins frontend ${version}, which added ${adds}.`,
});

const SYNTAX: DirectiveFact = {
  name: 'syntax',
  signature: '# syntax=<frontend-image>',
  doc: {
    summary:
      'Chooses the version of the Dockerfile frontend, the component that reads this file and turns it into build steps. It goes on the first line.',
    details:
      '`docker/dockerfile:1` suits most projects: BuildKit fetches the newest stable 1.x frontend before building, so new syntax works without upgrading Docker. ' +
      'Pin `1.N` to keep the same syntax and checks (for example with `# check=error=true`); that tag still receives the patch releases of 1.N, and only `1.N.P` never changes. ' +
      'Use `1-labs` for features that are not stable yet. ' +
      'Without the directive, the frontend bundled with your Docker or BuildKit is used, which may be older.',
    example: lines('# syntax=docker/dockerfile:1', 'FROM alpine:3.20'),
    pitfall:
      'Directives count only at the very top. After an instruction, an ordinary comment or even a blank line, `# syntax=` is just a comment.',
  },
  values: [
    {
      value: 'docker/dockerfile:1',
      doc: 'The newest stable 1.x frontend, fetched before each build. Recommended: you get new syntax and fixes while staying compatible with existing files.',
    },
    {
      value: 'docker/dockerfile:1-labs',
      doc: 'The newest 1.x frontend plus the labs features that are not stable yet.',
    },
    {
      value: `docker/dockerfile:${SYNTAX_VERSION_LATEST}`,
      doc: `Pins frontend ${SYNTAX_VERSION_LATEST}, the newest release these facts describe: no new syntax or checks arrive, but its patch releases still do.`,
    },
    pin('1.27', 'stable `RUN --device` and zstd-compressed archives in `ADD`'),
    pin('1.24', '`SOURCE_DATE_EPOCH=context` (or the name of a stage) as the default of a global `ARG`'),
    pin('1.23', '`SOURCE_DATE_EPOCH` as the default of a global `ARG` and the `mtime` query parameter of Git URLs'),
    pin(INSTRUCTION_CHECK_COMMENTS_SINCE, '`# check=` comments for single instructions and turned `CopyIgnoredFile` on'),
    pin('1.20', 'stable `COPY --parents` and `RUN --security`'),
    pin('1.19', 'stable `--exclude` for `COPY` and `ADD`'),
    pin('1.18', 'the query parameters of Git URLs (`?tag=`, `&subdir=`, …) and the `EXPOSE` checks'),
    pin('1.17', '`ADD --unpack`'),
    pin('1.16', '`ADD --checksum` for Git sources and white space after `<<` in heredocs'),
    pin('1.14', 'symbolic `--chmod` modes such as `u=rwX,go=rX`'),
    pin('1.11', 'the `TARGETSTAGE` argument and `ONBUILD` triggers that copy or mount from stages'),
    pin('1.10', 'secrets as environment variables (`env=`), `experimental=` in `# check=` and variables in `--chmod`'),
    pin('1.8', 'build checks and the `check` directive'),
    pin('1.7', 'the `${var#pattern}`, `${var%pattern}` and `${var/pattern/replacement}` substitutions'),
    pin('1.6', '`ADD --checksum`, `HEALTHCHECK --start-interval` and `${var-default}`'),
    pin('1.4', 'heredocs, `--link` and named contexts'),
    {
      value: 'docker/dockerfile-upstream:master',
      doc: 'The unreleased development build, for trying a fix before it ships. Not for builds you depend on.',
    },
  ],
  referenceUrl: referenceUrl('syntax'),
};

const ESCAPE: DirectiveFact = {
  name: 'escape',
  signature: '# escape=<\\ or `>',
  doc: {
    summary: 'Chooses the escape character of this Dockerfile: backslash (the default) or backtick.',
    details:
      'The escape character continues an instruction on the next line when it ends a line, and escapes special characters in arguments. ' +
      'Windows Dockerfiles often switch to a backtick, as PowerShell uses, so paths such as `C:\\app\\` can be written plainly. ' +
      '`RUN`, `CMD` and `ENTRYPOINT` commands are never unescaped, apart from line continuations.',
    example: lines('# escape=`', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'COPY app C:\\app\\', 'RUN dir C:\\app'),
    pitfall:
      'With the default backslash, a Windows path at the end of a line (`RUN dir C:\\`) continues the instruction and silently merges it with the next line.',
  },
  values: [
    { value: '\\', isDefault: true, doc: 'Backslash, the default, as in Unix shells.' },
    { value: '`', doc: 'Backtick, as in PowerShell; frees the backslash for Windows paths.' },
  ],
  referenceUrl: referenceUrl('escape'),
};

const CHECK: DirectiveFact = {
  name: 'check',
  signature: '# check=skip=<rules>;error=<boolean>;experimental=<rules>',
  doc: {
    summary:
      "Configures BuildKit's build checks for this file: which rules to skip, whether a violation fails the build, and which experimental rules to turn on.",
    details:
      'Separate options with `;`. Rule names are case-sensitive (`JSONArgsRecommended`). ' +
      'Since frontend 1.21, a `# check=` comment directly above an instruction applies to that instruction only. ' +
      '`docker build --check .` runs the checks without building.',
    example: lines('# syntax=docker/dockerfile:1.21', '# check=skip=JSONArgsRecommended;error=true', '', 'FROM alpine:3.20'),
    pitfall:
      'With `error=true`, pin the syntax version: a newer frontend may add checks that fail a build which passed yesterday.',
  },
  values: [],
  since: '1.8',
  referenceUrl: referenceUrl('check'),
};

export const DIRECTIVES: readonly DirectiveFact[] = [SYNTAX, ESCAPE, CHECK];

export const CHECK_OPTIONS: readonly CheckOptionFact[] = [
  {
    name: 'skip',
    takes: '<rules|all>',
    placeholder: 'JSONArgsRecommended',
    doc:
      'Rules not to run, separated by commas, or `all` for every rule that is not experimental. ' +
      'Names are case-sensitive: `skip=jsonargsrecommended` skips nothing.',
  },
  {
    name: 'error',
    takes: '<true|false>',
    placeholder: 'true',
    doc:
      '`true` makes any reported violation fail the build, after the checks run and before anything is built. ' +
      '`false`, the default, only prints warnings.',
  },
  {
    name: 'experimental',
    takes: '<rules|all>',
    placeholder: 'InvalidDefinitionDescription',
    since: '1.10',
    doc:
      'Experimental rules to turn on, separated by commas, or `all`. They are off otherwise, and `skip` does not turn them off again.',
  },
];
