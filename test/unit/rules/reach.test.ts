// Errors BuildKit raises only while it converts a stage (`raisedWhen: 'dispatch'`) fail a plain
// `docker build` only in the stages its target, the last stage, reaches: elsewhere they are
// warnings saying which build fails. Errors of the parse fail every build, whatever it reaches.

import { describe, expect, it } from 'vitest';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { OpenDocument } from '../openDocument';
import { checkDiagnostics } from './harness';

const BUILD_AFTER_TOOL =
  'Stage "build" is defined after stage "tool", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "build" above stage "tool".';
const VOLUME_ADVICE = 'give the directory to keep, such as "/data".';
const CHMOD_PROBLEM = 'an octal mode must use the digits 0 to 7 and be at most 7777';
const NOT_BUILT_TOOL =
  'Only a build that reaches stage "tool" fails here (docker build --target tool, or docker build --check); a plain docker build does not build that stage.';

describe('dispatch-time errors and the stages the default build reaches', () => {
  it('keeps an error in a stage the last stage needs', () => {
    checkDiagnostics('FROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM alpine\nCOPY --from=tool /x /x\n', [
      { code: 'stage-defined-later', message: BUILD_AFTER_TOOL, severity: 'error' },
    ], { only: ['stage-defined-later'] });
  });

  it('makes it a warning, saying which build fails, in a stage the default build leaves out', () => {
    checkDiagnostics('FROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM alpine\n', [
      { code: 'stage-defined-later', message: `${BUILD_AFTER_TOOL} ${NOT_BUILT_TOOL}`, severity: 'warning' },
    ], { only: ['stage-defined-later'] });
  });

  it('names an unnamed stage by its number, which --target cannot name', () => {
    checkDiagnostics('FROM alpine\nRUN --mount=from=$[later$],target=/t true\nFROM alpine AS later\nFROM alpine\n', [
      {
        code: 'stage-defined-later',
        message:
          'Stage "later" is defined after stage number 0, so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. Move stage "later" above stage number 0. Only a build that reaches stage number 0 fails here (a --target that needs it, or docker build --check); a plain docker build does not build that stage.',
        severity: 'warning',
      },
    ], { only: ['stage-defined-later'] });
  });

  it('follows the ONBUILD COPY --from triggers a reached stage runs, as BuildKit adds their stages to the build', () => {
    checkDiagnostics('FROM alpine AS base\nONBUILD COPY --from=tool /x /y\nFROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM base\n', [
      { code: 'stage-defined-later', message: BUILD_AFTER_TOOL, severity: 'error' },
    ], { only: ['stage-defined-later'] });
    // The trigger runs only in a stage built FROM its stage that the build reaches.
    checkDiagnostics('FROM alpine AS base\nONBUILD COPY --from=tool /x /y\nFROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM base AS unused\nFROM alpine\n', [
      { code: 'stage-defined-later', message: `${BUILD_AFTER_TOOL} ${NOT_BUILT_TOOL}`, severity: 'warning' },
    ], { only: ['stage-defined-later'] });
  });

  it('reads an ONBUILD RUN --mount from= number as a name, as BuildKit does (only COPY --from takes a stage number)', () => {
    // from=0 names an image "0": the trigger adds no stage, so the default build leaves stage 0 out.
    checkDiagnostics('FROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM alpine AS base\nONBUILD RUN --mount=from=0,target=/t true\nFROM base\n', [
      { code: 'stage-defined-later', message: `${BUILD_AFTER_TOOL} ${NOT_BUILT_TOOL}`, severity: 'warning' },
    ], { only: ['stage-defined-later'] });
    checkDiagnostics('FROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM alpine AS base\nONBUILD COPY --from=0 /x /y\nFROM base\n', [
      { code: 'stage-defined-later', message: BUILD_AFTER_TOOL, severity: 'error' },
    ], { only: ['stage-defined-later'] });
  });

  it('does the same for the other dispatch-time errors (EXPOSE ports, stop signals, COPY of a URL)', () => {
    checkDiagnostics('FROM alpine AS tool\nEXPOSE $[80000$]\nSTOPSIGNAL $[SIGBOGUS$]\nCOPY $[https://example.com/a$] /a\nFROM alpine\n', [
      { code: 'invalid-expose', message: `Invalid port: port 80000 is out of range: ports go from 0 to 65535. ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'invalid-stop-signal', message: `"SIGBOGUS" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number. Did you mean SIGBUS? ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'copy-url-source', message: `COPY cannot fetch a URL; it copies from the build context or another stage. Use ADD for a URL, or download it in a RUN step. ${NOT_BUILT_TOOL}`, severity: 'warning' },
    ], { only: ['invalid-expose', 'invalid-stop-signal', 'copy-url-source'] });
  });

  it('keeps the errors of the parse in every stage', () => {
    checkDiagnostics('FROM alpine AS tool\nCOPY --from=$[7$] /x /y\n$[COPPY$] a b\nFROM alpine\n', [
      { code: 'invalid-stage-index', message: 'There is no stage 7: stages are numbered from 0, and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.', severity: 'error' },
      { code: 'unknown-instruction', message: 'Unknown instruction "COPPY". Did you mean COPY?', severity: 'error' },
    ], { only: ['invalid-stage-index', 'unknown-instruction'] });
  });

  it('tells the two kinds apart within a rule: what the parser or the FROM lines refuse, and what a stage\'s conversion does', () => {
    checkDiagnostics(
      'FROM alpine AS tool\nWORKDIR $[${dir$]\nVOLUME $[""$]\nVOLUME [$[""$]]\nCOPY --chmod=$[999$] a /a\nHEALTHCHECK --retries=$[x$] CMD true\nRUN --mount=type=cache,$[target=/$] $[--mount=type=secret$] true\nFROM alpine:$[${tag$] AS other\nFROM alpine\n',
      [
        { code: 'bad-substitution', message: `This \${ is never closed: end the variable with }. ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'empty-volume', message: `A VOLUME path cannot be empty, and "" is empty once its quotes are removed; ${VOLUME_ADVICE} ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'empty-volume', message: `A VOLUME path cannot be empty; ${VOLUME_ADVICE}`, severity: 'error' },
        { code: 'invalid-flag-value', message: `--chmod "999" is not a file mode: ${CHMOD_PROBLEM}. ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'invalid-flag-value', message: '--retries is a whole number, not "x".', severity: 'error' },
        { code: 'invalid-mount', message: `A mount cannot cover the root directory: choose a target such as /cache or /src. ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'invalid-mount', message: `A secret mount needs id=<name>, the id given to docker build --secret (or a target= path to name it after). ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'bad-substitution', message: 'This ${ is never closed: end the variable with }.', severity: 'error' },
      ],
      { only: ['bad-substitution', 'empty-volume', 'invalid-flag-value', 'invalid-mount'] },
    );
  });

  it('judges --mount options when the stage is converted (BuildKit\'s parser only splits the list and refuses a variable in from=)', () => {
    checkDiagnostics(
      'FROM alpine AS tool\nRUN --mount=type=cache,target=/c,$[size$]=1g --mount=$[tagret$]=/x --mount=type=$[cahce$],target=/y --mount=type=bind,from=$[$STAGE$] --mount=$[type=bind,\\"a$] true\nFROM alpine\n',
      [
        { code: 'invalid-mount', message: `size applies only to tmpfs mounts, not to cache mounts. ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'invalid-mount', message: `"tagret" is not a --mount option. Did you mean target? ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'invalid-mount', message: `"cahce" is not a mount type; use bind, cache, tmpfs, secret or ssh. Did you mean cache? ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'invalid-mount', message: 'from= cannot use variables: BuildKit does not expand them here. Declare a stage such as FROM ${IMAGE} AS deps and mount from=deps.', severity: 'error' },
        { code: 'invalid-mount', message: 'This --mount is not a valid comma-separated list: a quoted option is missing its closing quote.', severity: 'error' },
      ],
      { only: ['invalid-mount'] },
    );
  });

  it('makes a required variable that is missing in a stage a warning there, and keeps one in a FROM line an error', () => {
    const unset = (name: string): string =>
      `'${name}' is not set here (no ARG or ENV declares it, and the stage starts from scratch), so '\${${name}:?}' stops the build: the builder refuses an unset ${name} there.`;
    checkDiagnostics('FROM scratch AS tool\nLABEL a=$[${A:?}$]\nFROM alpine:$[${T:?}$]\nFROM scratch\nLABEL b=$[${B:?}$]\n', [
      { code: 'required-variable-missing', message: `${unset('A')} ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'required-variable-missing', message: "'T' is not set in FROM lines (no global ARG declares it), so '${T:?}' stops the build: the builder refuses an unset T there.", severity: 'error' },
      { code: 'required-variable-missing', message: unset('B'), severity: 'error' },
    ], { only: ['required-variable-missing'] });
  });

  it('makes a required variable an ONBUILD trigger misses an error where the build runs the trigger, a warning naming the target elsewhere', () => {
    const problem =
      "The ONBUILD LABEL of stage \"base\" runs first in this stage and fails here: 'V' is not set where it runs (no ARG or ENV of stage \"base\" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '${V:?}' stops the build: the builder refuses an unset V there.";
    checkDiagnostics('FROM scratch AS base\nONBUILD LABEL v=${V:?}\nFROM $[base$] AS child\nFROM $[base$]\n', [
      {
        code: 'required-variable-missing',
        message: `${problem} Only a build whose target reaches stage "child" fails here (docker build --target child); a plain docker build does not build that stage, and docker build --check runs these triggers only in the stages the last one reaches.`,
        severity: 'warning',
      },
      { code: 'required-variable-missing', message: problem, severity: 'error' },
    ], { only: ['required-variable-missing'] });
  });

  it('says that --check does not run an ONBUILD trigger in a stage the last one does not reach', () => {
    checkDiagnostics('FROM alpine AS base\nONBUILD BOGUS x\nFROM $[base$] AS child\nFROM $[base$]\n', [
      {
        code: 'invalid-onbuild-trigger',
        message:
          'Building FROM base runs its ONBUILD triggers here, and the one on line 2 is not a valid instruction: Unknown instruction "BOGUS". Only a build whose target reaches stage "child" fails here (docker build --target child); a plain docker build does not build that stage, and docker build --check runs these triggers only in the stages the last one reaches.',
        severity: 'warning',
      },
      {
        code: 'invalid-onbuild-trigger',
        message: 'Building FROM base runs its ONBUILD triggers here, and the one on line 2 is not a valid instruction: Unknown instruction "BOGUS".',
        severity: 'error',
      },
    ], { only: ['invalid-onbuild-trigger'] });
  });

  it('makes a check that error=true turns into an error a warning in a stage the default build leaves out, when BuildKit reports it while converting the stage', () => {
    // JSONArgsRecommended, LegacyKeyValueFormat, UndefinedVar and WorkdirRelativePath come from dispatchCmd, dispatchEnv,
    // dispatch's expansion and dispatchWorkdir: a plain build never converts stage "tool", so it reports none of them
    // and error=true fails nothing. StageNameCasing comes from the parse of every FROM, so it stays an error.
    const cmd = `CMD in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD ["executable", "arg"].`;
    checkDiagnostics('# check=error=true\nFROM alpine AS tool\nCMD $[echo hi$]\nENV $[a b$]\nENV c=$[$nope$]\nWORKDIR $[app$]\nFROM alpine AS $[Final$]\nCMD $[echo hi$]\n', [
      { code: 'JSONArgsRecommended', message: `${cmd} ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'LegacyKeyValueFormat', message: `'ENV a b' is the legacy form, whose value runs to the end of the line; write ENV a=b. ${NOT_BUILT_TOOL}`, severity: 'warning' },
      {
        code: 'UndefinedVar',
        message: `'$nope' is not defined here, so it expands to an empty string. Declare it with ARG or ENV in this stage. ${NOT_BUILT_TOOL}`,
        severity: 'warning',
      },
      {
        code: 'WorkdirRelativePath',
        message: `WORKDIR 'app' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'. ${NOT_BUILT_TOOL}`,
        severity: 'warning',
      },
      { code: 'StageNameCasing', message: "Stage name 'Final' has uppercase letters; stage names are case-insensitive and stored in lowercase, so write 'final'.", severity: 'error' },
      { code: 'JSONArgsRecommended', message: cmd, severity: 'error' },
    ], { only: ['JSONArgsRecommended', 'LegacyKeyValueFormat', 'UndefinedVar', 'WorkdirRelativePath', 'StageNameCasing'] });
    // Without error=true they are warnings everywhere, as BuildKit reports them, with nothing added.
    checkDiagnostics('FROM alpine AS tool\nCMD $[echo hi$]\nFROM alpine\n', [{ code: 'JSONArgsRecommended', message: cmd, severity: 'warning' }], { only: ['JSONArgsRecommended'] });
  });

  it("lets the user's severity for the code win", () => {
    const fixture = 'FROM alpine AS tool\nCOPY --from=$[build$] /out /x\nFROM alpine AS build\nFROM alpine\n';
    checkDiagnostics(fixture, [{ code: 'stage-defined-later', message: `${BUILD_AFTER_TOOL} ${NOT_BUILT_TOOL}`, severity: 'error' }], {
      only: ['stage-defined-later'],
      settings: { diagnostics: { rules: { 'stage-defined-later': 'error' } } },
    });
    checkDiagnostics(fixture.replace('$[', '').replace('$]', ''), [], { only: ['stage-defined-later'], settings: { diagnostics: { rules: { 'stage-defined-later': 'off' } } } });
  });

  it('follows an edit elsewhere in the file that makes the stage reached, though the stage itself did not change', () => {
    // A file rule's and an instruction rule's error: the second is kept per node and converted per stage.
    const open = new OpenDocument('FROM alpine AS tool\nCOPY --from=build /out /x\nEXPOSE 80000\nFROM alpine AS build\nFROM alpine\n');
    const severities = () => getDiagnostics(open.doc, DEFAULT_SETTINGS).filter((d) => d.code === 'stage-defined-later' || d.code === 'invalid-expose').map((d) => [d.code, d.severity]);
    const unreached = [['stage-defined-later', 2], ['invalid-expose', 2]];
    expect(severities()).toEqual(unreached);
    const copy = 'COPY --from=tool /x /x\n';
    open.edit({ start: open.tree.length, end: open.tree.length, text: copy });
    expect(severities()).toEqual([['stage-defined-later', 1], ['invalid-expose', 1]]);
    open.edit({ start: open.tree.length - copy.length, end: open.tree.length, text: '' });
    expect(severities()).toEqual(unreached);
  });
  it('a substitution form or --mount option newer than the pinned frontend fails only the builds that convert its stage; in a FROM line or a global ARG, every build', () => {
    const dash = 'The ${name-word} substitution needs frontend 1.6 or later, but this file pins docker/dockerfile:1.5. That frontend stops the build with a substitution error.';
    const env = 'The env option of a secret mount needs frontend 1.10 or later, but this file pins docker/dockerfile:1.5.';
    checkDiagnostics(
      '# syntax=docker/dockerfile:1.5\nARG G=$[${U-1}$]\nFROM alpine:$[${G-3}$] AS tool\nENV A=$[${X-y}$]\nRUN --mount=type=secret,id=x,$[env$]=Y true\nFROM alpine\nENV B=$[${X-y}$]\nRUN --mount=type=secret,id=x,$[env$]=Y true\n',
      [
        { code: 'needs-newer-frontend', message: dash, severity: 'error' },
        { code: 'needs-newer-frontend', message: dash, severity: 'error' },
        { code: 'needs-newer-frontend', message: `${dash} ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'needs-newer-frontend', message: `${env} ${NOT_BUILT_TOOL}`, severity: 'warning' },
        { code: 'needs-newer-frontend', message: dash, severity: 'error' },
        { code: 'needs-newer-frontend', message: env, severity: 'error' },
      ],
      { only: ['needs-newer-frontend'] },
    );
    // dispatchCopy refuses --checksum on a Git source before 1.16, when it converts the stage.
    const git = 'ADD --checksum with a Git source needs frontend 1.16 or later, but this file pins docker/dockerfile:1.15. That frontend accepts --checksum only for an HTTP(S) download and stops the build.';
    checkDiagnostics('# syntax=docker/dockerfile:1.15\nFROM alpine AS tool\nADD $[--checksum$]=abc123 https://github.com/moby/buildkit.git /src\nFROM alpine\nADD $[--checksum$]=abc123 https://github.com/moby/buildkit.git /src\n', [
      { code: 'needs-newer-frontend', message: `${git} ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'needs-newer-frontend', message: git, severity: 'error' },
    ], { only: ['needs-newer-frontend'] });
    // Before 1.3 BuildKit's parser judged the --mount options itself, in every stage.
    checkDiagnostics('# syntax=docker/dockerfile:1.2\nFROM alpine AS tool\nRUN --mount=type=secret,id=x,$[env$]=Y true\nFROM alpine\n', [
      { code: 'needs-newer-frontend', message: 'The env option of a secret mount needs frontend 1.10 or later, but this file pins docker/dockerfile:1.2.', severity: 'error' },
    ], { only: ['needs-newer-frontend'] });
  });
  it('ADD from a Git repository under the stable 1.5 frontend fails only the builds that convert its stage', () => {
    const git =
      'ADD from a Git repository needs frontend 1.6 or later (or 1.5-labs in the labs channel), but this file pins docker/dockerfile:1.5. That frontend stops the build when it reaches this step, since only its labs channel clones Git repositories.';
    checkDiagnostics('# syntax=docker/dockerfile:1.5\nFROM alpine AS tool\nADD $[https://github.com/moby/buildkit.git$] /src\nFROM alpine\nADD $[https://github.com/moby/buildkit.git$] /src\n', [
      { code: 'needs-newer-frontend', message: `${git} ${NOT_BUILT_TOOL}`, severity: 'warning' },
      { code: 'needs-newer-frontend', message: git, severity: 'error' },
    ], { only: ['needs-newer-frontend'] });
  });
});
