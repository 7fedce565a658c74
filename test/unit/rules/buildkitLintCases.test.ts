// The behaviours BuildKit's own lint integration tests pin down (frontend/dockerfile/
// dockerfile_lint_test.go), each on a small Dockerfile of our own: which checks fire, on which
// line, and that nothing else does (no other check, and no error where BuildKit builds). The
// best practices (hadolint's codes) are left out, as everywhere in the rule tests.
//
// Three places differ from BuildKit's tests on purpose and say so below: NoEmptyContinuation marks
// each empty line (BuildKit marks the instruction's last line, once), InvalidDefinitionDescription
// marks the comment (BuildKit marks the instruction under it), and an image that is invalid with
// the ARG defaults is also an error (BuildKit's test passes a --build-arg; without one it fails).

import { describe, expect, it } from 'vitest';
import { diagnosticsOf, type CheckOptions } from './harness';

/** One expected diagnostic: 1-based line, code, message, and 'error' when it is one (a warning otherwise). */
type Row = readonly [line: number, code: string, message: string, severity?: 'error'];

const asError = ([line, code, message]: Row): Row => [line, code, message, 'error'];

function expectChecks(text: string, rows: readonly Row[], options: CheckOptions = {}): void {
  const order = (a: Row, b: Row) => a[0] - b[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]);
  const actual = diagnosticsOf(text, options).map((d): Row => {
    const row: Row = [d.range.start.line + 1, String(d.code), String(d.message)];
    return d.severity === 1 ? asError(row) : row;
  });
  expect(actual.sort(order)).toEqual([...rows].sort(order));
}

const stageNameCasing = (name: string) =>
  `Stage name '${name}' has uppercase letters; stage names are case-insensitive and stored in lowercase, so write '${name.toLowerCase()}'.`;
const fromAsCasing = (as: string, from: string, want: string) => `'${as}' is cased differently from '${from}'; write '${want}'.`;
const mixedCase = (keyword: string, want: string) => `'${keyword}' should be '${want}': it mixes upper and lower case.`;
const minorityCase = (keyword: string, want: string, majority: 'uppercase' | 'lowercase') =>
  `'${keyword}' should be '${want}': most instructions in this file are ${majority}.`;
const jsonArgs = (keyword: 'CMD' | 'ENTRYPOINT') =>
  `${keyword} in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: ${keyword} ["executable", "arg"].`;
const MAINTAINER = 'MAINTAINER is deprecated; record the author with LABEL org.opencontainers.image.authors="..." instead.';
const undeclaredInFrom = (name: string, hint?: string) =>
  `'$${name}' is not declared by an ARG before the first FROM, so it expands to an empty string here${hint ? ` (did you mean '$${hint}'?)` : ''}.`;
const undefinedVar = (name: string, hint?: string) =>
  `'$${name}' is not defined here, so it expands to an empty string${hint ? ` (did you mean '$${hint}'?)` : ''}. Declare it with ARG or ENV in this stage.`;
const overridden = (keyword: string, line: number) =>
  `This ${keyword} has no effect: the ${keyword} on line ${line} replaces it, because only the last one in a stage counts.`;
const legacy = (keyword: string, key: string, value: string) =>
  `'${keyword} ${key} ${value}' is the legacy form, whose value runs to the end of the line; write ${keyword} ${key}=${value}.`;
const redundantPlatform = (flag: string) => `'--platform=${flag}' asks for the target platform, which every stage uses by default; remove the flag.`;
const badDefault = (image: string, value: string) =>
  `With the default values of its ARGs, '${image}' expands to ${value === '' ? 'an empty name' : `'${value}', which is not a valid image reference`}; give the ARG a default that works, or the build fails unless --build-arg sets it.`;
const constPlatform = (platform: string) =>
  `'--platform=${platform}' pins this stage to one platform, which breaks building for others; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform if pinning is intended.`;
const exposeHost = (port: string, what: 'address' | 'port') =>
  `EXPOSE takes container ports only; '${port}' also names a host ${what}. Publish host ports with 'docker run -p'. This form will become an error.`;
const ignoredSource = (source: string, keyword: 'COPY' | 'ADD') =>
  `'${source}' is excluded by .dockerignore, so it is not in the build context and ${keyword} cannot use it.`;
const secret = (keyword: 'ARG' | 'ENV', name: string) =>
  `${keyword} '${name}' looks like it holds a secret; ${keyword} values stay in the image metadata and history. Pass secrets with RUN --mount=type=secret instead.`;
const description = (what: 'ARG' | 'stage', name: string) =>
  `This comment reads as the description of the ${what} below but does not follow '# ${name} <description>'. Start it with '${name}', or end the comment block with an empty '#' line if it is not a description.`;

describe('BuildKit lint cases: stage names and the AS keyword', () => {
  it('flags an uppercase stage name and an AS cased unlike FROM, each on its line', () => {
    expectChecks('# comment\nFROM alpine AS Compile\n\nFROM alpine as tests\nFROM alpine AS final\n', [
      [2, 'StageNameCasing', stageNameCasing('Compile')],
      [4, 'FromAsCasing', fromAsCasing('as', 'FROM', 'AS')],
    ]);
  });

  it('flags an upper-case AS after a lower-case from', () => {
    expectChecks('from alpine AS one\nfrom alpine as two\n', [[1, 'FromAsCasing', fromAsCasing('AS', 'from', 'as')]]);
  });

  it('flags a reused stage name on the later stage, and not distinct names', () => {
    expectChecks('FROM alpine AS app\nFROM alpine AS app\n', [
      [2, 'DuplicateStageName', "Stage name 'app' is already used by the stage on line 1; references to it become ambiguous. Give this stage another name."],
    ]);
    expectChecks('FROM alpine AS app1\nFROM alpine AS app2\n', []);
  });

  it('flags the reserved names scratch and context, not scratch as a base image', () => {
    expectChecks('FROM alpine AS scratch\nFROM alpine AS context\n', [
      [1, 'ReservedStageName', "'scratch' is a reserved name (it means the empty base image); give the stage another name."],
      [2, 'ReservedStageName', "'context' is a reserved name (it means the build context); give the stage another name."],
    ]);
    expectChecks('FROM scratch\nFROM scratch AS out\n', []);
  });
});

describe('BuildKit lint cases: instruction casing and continuations', () => {
  it('flags a keyword in mixed case against its own all-upper or all-lower form', () => {
    // A mixed-case FROM is not compared with its AS.
    expectChecks('From alpine as base\nFROM alpine AS next\n', [[1, 'ConsistentInstructionCasing', mixedCase('From', 'FROM')]]);
    expectChecks('from alpine\nruN true\nrun true\n', [[2, 'ConsistentInstructionCasing', mixedCase('ruN', 'run')]]);
  });

  it("flags keywords against the file's majority, FROM included", () => {
    expectChecks('FROM alpine\nworkdir /w\nWORKDIR /v\n', [[2, 'ConsistentInstructionCasing', minorityCase('workdir', 'WORKDIR', 'uppercase')]]);
    expectChecks('from alpine\nWORKDIR /w\nworkdir /v\n', [[2, 'ConsistentInstructionCasing', minorityCase('WORKDIR', 'workdir', 'lowercase')]]);
    expectChecks('from alpine\nRUN a\nRUN b\nRUN c\n', [[1, 'ConsistentInstructionCasing', minorityCase('from', 'FROM', 'uppercase')]]);
    expectChecks('FROM alpine\nrun a\nrun b\nrun c\n', [[1, 'ConsistentInstructionCasing', minorityCase('FROM', 'from', 'lowercase')]]);
  });

  it('accepts a file in one case, and does not read a heredoc body as instructions', () => {
    expectChecks('from alpine\nrun a\nrun b\n', []);
    expectChecks('FROM alpine\nRUN a\nRUN b\n', []);
    expectChecks("FROM alpine\nRUN <<'END'\nenv\nEND\n", []);
  });

  it('flags an empty line inside a continued instruction (on that line; BuildKit names the last line of the instruction)', () => {
    expectChecks('FROM alpine\nRUN echo \\\n\n  one\nRUN echo \\\n  two\n', [
      [3, 'NoEmptyContinuation', 'Empty line inside a continued instruction; empty continuation lines are deprecated and will become an error. Delete the line.'],
    ]);
  });
});

describe('BuildKit lint cases: CMD, ENTRYPOINT, HEALTHCHECK and MAINTAINER', () => {
  it('flags shell-form CMD and ENTRYPOINT while no SHELL is set', () => {
    expectChecks('FROM alpine\nCMD serve\n', [[2, 'JSONArgsRecommended', jsonArgs('CMD')]]);
    expectChecks('FROM alpine\nENTRYPOINT serve\n', [[2, 'JSONArgsRecommended', jsonArgs('ENTRYPOINT')]]);
  });

  it('accepts shell-form CMD and ENTRYPOINT after a SHELL of the stage or of the stage it builds on', () => {
    expectChecks('FROM alpine\nSHELL ["/bin/ash", "-c"]\nCMD serve\n', []);
    expectChecks('FROM alpine\nSHELL ["/bin/ash", "-c"]\nENTRYPOINT serve\n', []);
    expectChecks('FROM alpine AS shelled\nSHELL ["/bin/ash", "-c"]\nFROM shelled\nCMD serve\n', []);
    expectChecks('FROM alpine AS shelled\nSHELL ["/bin/ash", "-c"]\nFROM shelled\nENTRYPOINT serve\n', []);
  });

  it('flags MAINTAINER, not the label that replaces it, and honours a check comment above an instruction', () => {
    expectChecks('FROM alpine\nMAINTAINER someone@example.com\n', [[2, 'MaintainerDeprecated', MAINTAINER]]);
    expectChecks('FROM alpine\nLABEL org.opencontainers.image.authors="someone@example.com"\n', []);
    expectChecks('FROM alpine\n# check=skip=MaintainerDeprecated\nMAINTAINER someone@example.com\n', []);
    expectChecks('FROM alpine\n# check=skip=JSONArgsRecommended\nCMD serve\n', []);
    expectChecks('FROM alpine\n# check=skip=JSONArgsRecommended\nENTRYPOINT serve\n', []);
  });

  it('flags every overridden CMD, ENTRYPOINT and HEALTHCHECK of a stage, also with other instructions between', () => {
    expectChecks('FROM alpine\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n', [
      [2, 'MultipleInstructionsDisallowed', overridden('CMD', 3)],
      [4, 'MultipleInstructionsDisallowed', overridden('ENTRYPOINT', 5)],
      [6, 'MultipleInstructionsDisallowed', overridden('HEALTHCHECK', 7)],
    ]);
    expectChecks('FROM alpine\nCMD ["a"]\nENTRYPOINT ["a"]\nHEALTHCHECK CMD ["a"]\nCOPY <<EOF /note\ntext\nEOF\nCMD ["b"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["b"]\n', [
      [2, 'MultipleInstructionsDisallowed', overridden('CMD', 8)],
      [3, 'MultipleInstructionsDisallowed', overridden('ENTRYPOINT', 9)],
      [4, 'MultipleInstructionsDisallowed', overridden('HEALTHCHECK', 10)],
    ]);
  });

  it('accepts one of each per stage, when a later stage builds on an earlier one', () => {
    expectChecks('FROM alpine AS base\nCMD ["a"]\nENTRYPOINT ["a"]\nHEALTHCHECK CMD ["a"]\nFROM base\nCMD ["b"]\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["b"]\n', []);
  });

  it('reports the checks of the lines above an unknown instruction too', () => {
    const rows = diagnosticsOf('FROM alpine AS Base\nMAINTAINER someone@example.com\nBOGUS\n').map((d) => [d.range.start.line + 1, String(d.code), d.severity]);
    expect(rows).toEqual([
      [1, 'StageNameCasing', 2],
      [2, 'MaintainerDeprecated', 2],
      [3, 'unknown-instruction', 1],
    ]);
  });
});

describe('BuildKit lint cases: ARGs in FROM', () => {
  it('accepts declared ARGs, predefined platform ARGs and substitutions with a fallback', () => {
    expectChecks('ARG image=alpine\nFROM $image\n', []);
    expectChecks('ARG BUILDPLATFORM=linux/arm64\nFROM --platform=$BUILDPLATFORM alpine\n', []);
    expectChecks('FROM --platform=$BUILDPLATFORM alpine\n', []);
    expectChecks('ARG SUFFIX\nFROM alpine${SUFFIX}\n', []);
    expectChecks('ARG SUFFIX\nFROM alp${SUFFIX:-ine}\n', []);
    expectChecks('ARG SUFFIX=""\nFROM alpine${SUFFIX-!bad}\n', []);
  });

  it('flags an undeclared ARG, with the close name it may mean; an empty --platform also fails the build', () => {
    expectChecks('FROM --platform=$TARGETPLATFROM alpine\n', [
      [1, 'UndefinedArgInFrom', undeclaredInFrom('TARGETPLATFROM', 'TARGETPLATFORM')],
      [1, 'invalid-platform', '--platform=$TARGETPLATFROM is always empty: no ARG before the first FROM declares TARGETPLATFROM, and a --build-arg sets only declared ARGs. Declare it with a default, or use $BUILDPLATFORM or $TARGETPLATFORM.', 'error'],
    ]);
    expectChecks('ARG GO_ARCH=arm64\nFROM --platform=linux/${GOARCH} alpine\n', [
      [2, 'UndefinedArgInFrom', undeclaredInFrom('GOARCH', 'GO_ARCH')],
      [2, 'invalid-platform', '--platform=linux/${GOARCH} becomes "linux/" with the global ARG defaults, which is not a platform such as linux/amd64: a part is empty.', 'error'],
    ]);
    expectChecks('ARG tag=3.20\nFROM alpine:${tag}${flavour} AS x\n', [[2, 'UndefinedArgInFrom', undeclaredInFrom('flavour')]]);
  });

  it('flags a FROM whose image is empty or invalid with the ARG defaults; the build without --build-arg fails, which is an error too', () => {
    // BuildKit's test passes a --build-arg and builds; we judge the build without one, as BuildKit
    // ran the corpus (errorsCorpus.test.ts), where it stops on these lines.
    const invalid = (image: string, value: string, expanded: string) =>
      `"${value}" is not a valid image reference (bad tag): write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20. With the global ARG defaults, ${image} becomes "${expanded}".`;
    expectChecks('ARG TAG\nFROM alpine:$TAG\n', [
      [2, 'InvalidDefaultArgInFrom', badDefault('alpine:$TAG', 'alpine:')],
      [2, 'invalid-image-reference', invalid('alpine:$TAG', 'alpine:', 'alpine:'), 'error'],
    ]);
    expectChecks('ARG BASE_IMAGE\nFROM $BASE_IMAGE\n', [
      [2, 'InvalidDefaultArgInFrom', badDefault('$BASE_IMAGE', '')],
      [2, 'invalid-image-reference', 'The image $BASE_IMAGE is empty when the build is given no --build-arg. Give the global ARG a default (ARG BASE_IMAGE=<image>), or pass --build-arg BASE_IMAGE=<image> to every build.', 'error'],
    ]);
    expectChecks('ARG REST="ine:"\nFROM alp${REST}\n', [
      [2, 'InvalidDefaultArgInFrom', badDefault('alp${REST}', 'alpine:')],
      [2, 'invalid-image-reference', invalid('alp${REST}', 'alpine:', 'alpine:'), 'error'],
    ]);
  });

  it('accepts defaults that give a valid image, empty or missing ones included', () => {
    expectChecks('ARG TAG="3.20"\nFROM alpine:${TAG}\n', []);
    expectChecks('ARG VARIANT=""\nFROM alpine:3.20${VARIANT}\n', []);
    expectChecks('  ARG VARIANT\n  FROM alpine:3.20${VARIANT}\n', []);
  });

  it('flags --platform=$TARGETPLATFORM, in either spelling, unless skipped', () => {
    expectChecks('FROM --platform=$TARGETPLATFORM alpine\n', [[1, 'RedundantTargetPlatform', redundantPlatform('$TARGETPLATFORM')]]);
    expectChecks('FROM --platform=${TARGETPLATFORM} alpine\n', [[1, 'RedundantTargetPlatform', redundantPlatform('${TARGETPLATFORM}')]]);
    expectChecks('# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM alpine\n', []);
  });

  it('flags a constant --platform unless the stage is named after its OS or architecture', () => {
    expectChecks('FROM --platform=linux/arm64 alpine\n', [[1, 'FromPlatformFlagConstDisallowed', constPlatform('linux/arm64')]]);
    expectChecks('FROM --platform=linux/arm64 alpine AS tools_arm64\n', []);
    expectChecks('FROM --platform=linux/arm64 alpine AS linux\n', []);
  });
});

describe('BuildKit lint cases: variables and WORKDIR in a stage', () => {
  it('accepts declared and inherited variables, and leaves shell text alone', () => {
    expectChecks('FROM alpine\nARG name\nCOPY file${name} /x\n', []);
    expectChecks('FROM alpine AS base\nARG src=file\nFROM base\nCOPY $src /x\n', []);
    expectChecks('FROM alpine\nRUN echo $HOME $PATH\n', []);
  });

  it('flags a variable used before its ARG, and suggests a close name, PATH included', () => {
    expectChecks('FROM alpine\nCOPY $src /x\nARG src=file\nRUN echo $src\n', [[2, 'UndefinedVar', undefinedVar('src')]]);
    expectChecks('FROM alpine\nARG OUT_DIR=/out\nARG SRC_DIR=/src\nCOPY $SRC_DR /x\n', [[4, 'UndefinedVar', undefinedVar('SRC_DR', 'SRC_DIR')]]);
    expectChecks('FROM alpine\nENV PATH=$PTAH:/opt/bin\n', [[2, 'UndefinedVar', undefinedVar('PTAH', 'PATH')]]);
  });

  it('reports every stage, also one the default target does not reach (as the lint request does)', () => {
    expectChecks('FROM alpine AS one\nCOPY $first /x\nFROM alpine AS two\nCOPY $second /x\n', [
      [2, 'UndefinedVar', undefinedVar('first')],
      [4, 'UndefinedVar', undefinedVar('second')],
    ]);
    expectChecks('FROM alpine AS base\nFROM base AS unused\nENV mode fast\nFROM base AS final\n', [[3, 'LegacyKeyValueFormat', legacy('ENV', 'mode', 'fast')]]);
  });

  it("flags a stage's first WORKDIR when relative, not one relative to an inherited absolute WORKDIR", () => {
    expectChecks('FROM alpine\nWORKDIR src/\n', [
      [2, 'WorkdirRelativePath', "WORKDIR 'src/' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'."],
    ]);
    expectChecks('FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR data/\n', []);
    expectChecks('FROM alpine\n# check=skip=WorkdirRelativePath\nWORKDIR src/\n', []);
  });

  it('flags ENV and LABEL in the legacy space-separated form, unless skipped above the instruction', () => {
    expectChecks('FROM alpine\nENV mode fast\nLABEL team core\n', [
      [2, 'LegacyKeyValueFormat', legacy('ENV', 'mode', 'fast')],
      [3, 'LegacyKeyValueFormat', legacy('LABEL', 'team', 'core')],
    ]);
    expectChecks('FROM alpine\nENV mode=fast\nLABEL team=core\n', []);
    expectChecks('FROM alpine\n# check=skip=LegacyKeyValueFormat\nENV mode fast\n# check=skip=LegacyKeyValueFormat\nLABEL team core\n', []);
  });

  it('flags ARG and ENV names with a secret word as an underscore-separated part, unless a part says it is public or a file', () => {
    expectChecks(
      'FROM alpine\nARG DB_PASSWORD\nENV Api_Token=x\nENV passwd=a other=b\nARG deploy_key=a auth=b\nENV sunflower=x\nENV PUBLIC_KEY=\nARG token_file\nARG AUTH_PLUGIN_VERSION\n' +
        '# check=skip=SecretsUsedInArgOrEnv\nENV secret=x\n# check=skip=all\nARG credential\nENV pword=y\n',
      [
        [2, 'SecretsUsedInArgOrEnv', secret('ARG', 'DB_PASSWORD')],
        [3, 'SecretsUsedInArgOrEnv', secret('ENV', 'Api_Token')],
        [4, 'SecretsUsedInArgOrEnv', secret('ENV', 'passwd')],
        [5, 'SecretsUsedInArgOrEnv', secret('ARG', 'auth')],
        [5, 'SecretsUsedInArgOrEnv', secret('ARG', 'deploy_key')],
        [14, 'SecretsUsedInArgOrEnv', secret('ENV', 'pword')],
      ],
    );
  });
});

describe('BuildKit lint cases: EXPOSE', () => {
  it('flags each port whose protocol is not lower case', () => {
    expectChecks('FROM alpine\nEXPOSE 53/UDP 443/Tcp 8443/tcp\n', [
      [2, 'ExposeProtoCasing', "Write the protocol of '443/Tcp' in lowercase: 'tcp'."],
      [2, 'ExposeProtoCasing', "Write the protocol of '53/UDP' in lowercase: 'udp'."],
    ]);
  });

  it('flags each port that names a host address or host port', () => {
    expectChecks('FROM alpine\nEXPOSE 0.0.0.0:443:443 [::]:53:53 9000:9000 9001\n', [
      [2, 'ExposeInvalidFormat', exposeHost('0.0.0.0:443:443', 'address')],
      [2, 'ExposeInvalidFormat', exposeHost('9000:9000', 'port')],
      [2, 'ExposeInvalidFormat', exposeHost('[::]:53:53', 'address')],
    ]);
  });
});

describe('BuildKit lint cases: files excluded by .dockerignore', () => {
  it('flags COPY and ADD of an ignored file, unless skipped', () => {
    const dockerignore = 'secrets.txt\n';
    expectChecks('FROM alpine\nCOPY secrets.txt /s\nADD secrets.txt /t\n', [
      [2, 'CopyIgnoredFile', ignoredSource('secrets.txt', 'COPY')],
      [3, 'CopyIgnoredFile', ignoredSource('secrets.txt', 'ADD')],
    ], { dockerignore });
    expectChecks('# check=skip=CopyIgnoredFile\nFROM alpine\nCOPY secrets.txt /s\nADD secrets.txt /t\n', [], { dockerignore });
  });

  it('does not read a COPY --from another stage against the ignore file', () => {
    expectChecks('FROM alpine AS build\nCOPY main.go /built\nFROM build\nCOPY --from=build /built /built\n', [], { dockerignore: 'built\n' });
  });

  it('checks nothing when the ignore file re-includes paths with !', () => {
    expectChecks('FROM alpine\nCOPY ./app.py /app.py\n', [], { dockerignore: '**\n!app.py\n' });
    expectChecks('FROM alpine\nCOPY . /app\n', [], { dockerignore: '**\n!app.py\n' });
  });
});

describe('BuildKit lint cases: the check directive and BUILDKIT_DOCKERFILE_CHECK', () => {
  const file = (directive: string) => `${directive}\nFROM alpine as base\nrun true\n`;
  const asWarning: Row = [2, 'FromAsCasing', fromAsCasing('as', 'FROM', 'AS')];

  it('skips all checks, or the ones listed, with or without error=true', () => {
    expectChecks(file('#check=skip=all'), []);
    expectChecks(file('#check=skip=all;error=true'), []);
    expectChecks(file('#check=skip=ConsistentInstructionCasing,FromAsCasing'), []);
    expectChecks(file('#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true'), []);
  });

  it('keeps the checks not skipped, and makes them errors with error=true', () => {
    expectChecks(file('#check=skip=ConsistentInstructionCasing'), [asWarning]);
    expectChecks(file('#check=skip=ConsistentInstructionCasing;error=true'), [asError(asWarning)]);
  });

  it('takes the build argument over the directive', () => {
    expectChecks(file('#check=skip=all'), [asError(asWarning)], { checkConfig: 'skip=ConsistentInstructionCasing;error=true' });
    expectChecks(file('#check=error=true'), [], { checkConfig: 'skip=all' });
  });

  it('runs an experimental check only when opted in, even under skip=all', () => {
    expectChecks('# check=skip=all;experimental=InvalidDefinitionDescription\n# ver the release\nARG ver=1\n\n# base the base image\nFROM alpine AS base\n# unrelated text\n#\nARG other=1\n', []);
    expectChecks('# check=experimental=InvalidDefinitionDescription\n# a release number\nARG ver=1\n# The base image\nFROM alpine AS base\n# several of them\nARG a=1 b=2\n', [
      [2, 'InvalidDefinitionDescription', description('ARG', 'ver')],
      [4, 'InvalidDefinitionDescription', description('stage', 'base')],
      [6, 'InvalidDefinitionDescription', description('ARG', '<arg_key>')],
    ]);
    expectChecks('# a release number\nARG ver=1\nFROM alpine\n', []);
  });
});

describe('BuildKit lint cases: Windows stages', () => {
  it('leaves shell text and heredoc bodies of a Windows stage alone', () => {
    expectChecks('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo %PATH%\n', []);
    expectChecks("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN <<'END'\nset\nEND\n", []);
  });

  it('flags an undefined variable and an undeclared FROM ARG as on Linux', () => {
    expectChecks('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY $src C:/x\nARG src=file\n', [[2, 'UndefinedVar', undefinedVar('src')]]);
    expectChecks('ARG tag=ltsc2022\nFROM mcr.microsoft.com/windows/nanoserver:${tag}${extra}\n', [[2, 'UndefinedArgInFrom', undeclaredInFrom('extra')]]);
  });
});
