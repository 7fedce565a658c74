// hadolint's rule codes, so that `# hadolint ignore=` pragmas can be completed and explained for
// people who run hadolint next to this server. The codes and default severities are hadolint's
// (v2.15.1, from its rule sources); the one-line summaries are our own. The few rules this server
// also checks live in rules/practices under the same codes; the rest are listed here only.
// ShellCheck's SCxxxx codes, which hadolint reports for shell-form RUN, have no table: any of
// them may appear in a pragma.

/** hadolint's default severities; `ignore` means off until a configuration turns the rule on. */
export type HadolintSeverity = 'error' | 'warning' | 'info' | 'style' | 'ignore';

export interface HadolintRuleFact {
  /** `DL` and four digits. */
  readonly code: string;
  readonly severity: HadolintSeverity;
  /** What the rule asks for, in one line. */
  readonly summary: string;
}

/** The hadolint release the table was read from. */
export const HADOLINT_VERSION = '2.15.1';

/** Codes hadolint has retired: they name no rule any more, so ignoring them does nothing. */
export const HADOLINT_RETIRED_CODES: readonly string[] = ['DL3005', 'DL3017', 'DL3031', 'DL3039', 'DL4002'];

const rule = (code: string, severity: HadolintSeverity, summary: string): HadolintRuleFact => ({ code, severity, summary });

/** Every rule of hadolint, in code order. */
export const HADOLINT_RULES: readonly HadolintRuleFact[] = [
  rule('DL1001', 'ignore', 'Reports every inline `# hadolint ignore` pragma, for teams that allow exceptions only in the configuration file.'),
  rule('DL3000', 'error', 'WORKDIR should be an absolute path.'),
  rule('DL3001', 'info', 'RUN calls a tool that has no use while an image builds, such as ssh, vim, service or shutdown.'),
  rule('DL3002', 'warning', 'The last USER of a stage should not be root.'),
  rule('DL3003', 'warning', 'Change directory with WORKDIR rather than `cd` inside RUN.'),
  rule('DL3004', 'error', 'RUN should not use sudo; switch users with USER instead.'),
  rule('DL3006', 'warning', 'FROM should give the image a tag or a digest.'),
  rule('DL3007', 'warning', 'FROM should pin a version rather than use the `latest` tag.'),
  rule('DL3008', 'warning', 'Pin the version of every package `apt-get install` installs (`name=<version>`).'),
  rule('DL3009', 'info', "Delete apt's package lists (`/var/lib/apt/lists`) in the RUN that installs, unless they are on a cache mount."),
  rule('DL3010', 'info', 'Let ADD unpack a local archive, rather than COPY it and extract it in a RUN.'),
  rule('DL3011', 'error', 'EXPOSE ports must lie between 0 and 65535.'),
  rule('DL3012', 'error', 'A stage should have at most one HEALTHCHECK.'),
  rule('DL3013', 'warning', 'Pin the version of every package `pip install` installs (`name==<version>`).'),
  rule('DL3014', 'warning', 'Pass `-y` to `apt-get install` so it never stops for a question.'),
  rule('DL3015', 'info', 'Pass `--no-install-recommends` to `apt-get install` to leave out packages that are only recommended.'),
  rule('DL3016', 'warning', 'Pin the version of every package `npm install` installs (`name@<version>`).'),
  rule('DL3018', 'warning', 'Pin the version of every package `apk add` installs (`name=<version>`).'),
  rule('DL3019', 'info', 'Use `apk add --no-cache` so the package index is not kept in the image.'),
  rule('DL3020', 'error', 'Copy local files and folders with COPY; keep ADD for URLs and archives.'),
  rule('DL3021', 'error', 'A COPY with several sources needs a destination that ends in `/`.'),
  rule('DL3022', 'warning', '`COPY --from` should name an earlier stage, by name or number.'),
  rule('DL3023', 'error', '`COPY --from` cannot name the stage it is in.'),
  rule('DL3024', 'error', 'Each stage name (`FROM … AS name`) may be used only once.'),
  rule('DL3025', 'warning', 'Write CMD and ENTRYPOINT in the JSON (exec) form, so the program gets stop signals.'),
  rule('DL3026', 'error', 'Images must come from a registry on the configured list of trusted registries (only when such a list is set).'),
  rule('DL3027', 'warning', 'Use `apt-get` or `apt-cache` in scripts; the `apt` command is meant for people at a terminal.'),
  rule('DL3028', 'warning', 'Pin the version of every gem `gem install` installs (`name:<version>`).'),
  rule('DL3029', 'warning', 'Leave `--platform` off FROM unless it uses BUILDPLATFORM or TARGETPLATFORM.'),
  rule('DL3030', 'warning', 'Pass `-y` to `yum install` so it never stops for a question.'),
  rule('DL3032', 'warning', "Run `yum clean all` after installing with yum, so yum's cache is not kept in the image."),
  rule('DL3033', 'warning', 'Pin the version of every package `yum install` installs.'),
  rule('DL3034', 'warning', 'Run zypper commands that install or remove packages non-interactively (`-y`).'),
  rule('DL3035', 'warning', 'Do not run `zypper dist-upgrade` in an image build.'),
  rule('DL3036', 'warning', "Run `zypper clean` after installing with zypper, so zypper's cache is not kept in the image."),
  rule('DL3037', 'warning', 'Pin the version of every package `zypper install` installs.'),
  rule('DL3038', 'warning', 'Pass `-y` to `dnf install` so it never stops for a question.'),
  rule('DL3040', 'warning', "Run `dnf clean all` after installing with dnf, so dnf's cache is not kept in the image."),
  rule('DL3041', 'warning', 'Pin the version of every package `dnf install` installs.'),
  rule('DL3042', 'warning', "Pass `--no-cache-dir` to `pip install` (or set PIP_NO_CACHE_DIR) so pip's cache is not kept in the image."),
  rule('DL3043', 'error', 'ONBUILD cannot trigger ONBUILD, FROM or MAINTAINER.'),
  rule('DL3044', 'error', 'An ENV should not read a variable that an earlier pair of the same ENV sets.'),
  rule('DL3045', 'warning', 'COPY to a relative destination only after a WORKDIR in the stage says where that is.'),
  rule('DL3046', 'warning', '`useradd` with a large UID needs `-l`, or the lastlog file makes the image much larger.'),
  rule('DL3047', 'info', 'Give `wget` a quiet or compact progress option, so it does not fill the build log.'),
  rule('DL3048', 'style', 'Label keys should follow the naming rules for label keys.'),
  rule('DL3049', 'info', 'A stage lacks a label that the configured label schema requires.'),
  rule('DL3050', 'info', 'A label is not in the configured label schema (strict-labels mode only).'),
  rule('DL3051', 'warning', 'A label of the configured schema is empty.'),
  rule('DL3052', 'warning', 'A schema label of type url does not hold a valid URL.'),
  rule('DL3053', 'warning', 'A schema label of type rfc3339 does not hold an RFC 3339 date and time.'),
  rule('DL3054', 'warning', 'A schema label of type spdx does not hold an SPDX license identifier.'),
  rule('DL3055', 'warning', 'A schema label of type hash does not hold a git commit hash.'),
  rule('DL3056', 'warning', 'A schema label of type semver does not hold a semantic version.'),
  rule('DL3057', 'ignore', 'A stage, together with the stages it is built on, has no HEALTHCHECK.'),
  rule('DL3058', 'warning', 'A schema label of type email does not hold a valid email address.'),
  rule('DL3059', 'info', 'Consecutive RUN instructions with the same flags could be one RUN.'),
  rule('DL3060', 'info', "Run `yarn cache clean` after `yarn install`, so yarn's cache is not kept in the image."),
  rule('DL3061', 'error', 'Only ARG and comments may come before the first FROM.'),
  rule('DL3062', 'warning', 'Pin the version of every module `go install` installs (`path@<version>`).'),
  rule('DL3063', 'warning', 'Do not name a stage `scratch` or `context`.'),
  rule('DL3064', 'warning', 'An ARG or ENV name suggests a secret, whose value would be kept in the image or its history.'),
  rule('DL3065', 'warning', '`FROM --platform=$TARGETPLATFORM` says what FROM does anyway.'),
  rule('DL3066', 'info', 'USER should give a numeric UID rather than a user name.'),
  rule('DL3067', 'warning', '`COPY --from` copies the whole filesystem of another stage (`/` to `/`).'),
  rule('DL4000', 'error', 'MAINTAINER is deprecated; set a label such as `org.opencontainers.image.authors` instead.'),
  rule('DL4001', 'warning', 'Use either curl or wget in a stage, not both.'),
  rule('DL4003', 'warning', 'More than one CMD: only the last one of a stage takes effect.'),
  rule('DL4004', 'error', 'More than one ENTRYPOINT: only the last one of a stage takes effect.'),
  rule('DL4005', 'warning', 'Change the shell with SHELL rather than by linking `/bin/sh` with `ln`.'),
  rule('DL4006', 'warning', 'Set `-o pipefail` with SHELL before a RUN with a pipe, so a failure anywhere in the pipe fails the step.'),
];

const byCode = new Map(HADOLINT_RULES.map((r) => [r.code, r]));

/** A hadolint rule by its code (`DL3008`); codes are upper case, as hadolint reads them. */
export function getHadolintRule(code: string): HadolintRuleFact | undefined {
  return byCode.get(code);
}

/** A ShellCheck code (`SC2086`), which hadolint pragmas also take. */
export function isShellCheckCode(code: string): boolean {
  return /^SC\d{4}$/.test(code);
}
