// Dockerfiles modelled on what BuildKit's own tests assert (moby/buildkit: instructions/parse_test.go,
// dockerfile2llb/convert_test.go and the frontend's integration tests), written small and in our own words.
// Each case says only what the text decides: those BuildKit builds get no error from us, those it refuses for
// their text get exactly one error at the part to blame. Warnings (build checks, practices) are not compared here.

import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseFixture } from '../../lsp/fixture';
import { diagnosticsOf } from './harness';

/** The errors of a fixture, with each `$[ … $]` range, in order, holding the code and message at the same place in `expected`. */
function checkBuildErrors(fixture: string, expected: readonly (readonly [code: string, message: string])[] = []): void {
  const { text, ranges } = parseFixture(fixture);
  const errors = diagnosticsOf(text)
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => ({ range: d.range, code: d.code, message: d.message }));
  expect(errors).toEqual(expected.map(([code, message], i) => ({ range: ranges[i], code, message })));
  expect(ranges.length).toBe(expected.length);
}

describe('what BuildKit builds gets no error', () => {
  it('flags as BuildKit parses them: empty string value, -- ending the flags, repeatable --exclude and --mount, bools in any case', () => {
    checkBuildErrors(
      'FROM busybox\nCOPY --chown= a b\nCOPY --link=TRUE --chmod=0 -- a b\nCOPY --exclude=*.md --exclude=*.txt . /app\n' +
        'RUN --mount=type=tmpfs,target=/a --mount=type=tmpfs,target=/b true\nADD --keep-git-dir https://github.com/o/r.git /src\nADD --unpack a.tar /x\n',
    );
  });

  it('HEALTHCHECK intervals of 0 or at least 1ms, and --start-interval', () => {
    checkBuildErrors('FROM busybox\nHEALTHCHECK --interval=0ms CMD true\nHEALTHCHECK --interval=1ms --start-interval=2s CMD true\n');
  });

  it('stage names in any case, and COPY --from by name in another case, by index and by image', () => {
    checkBuildErrors('FROM scratch AS First\nFROM scratch AS Second\nCOPY --from=FIRST a b\nCOPY --from=0 a c\nCOPY --from=busybox /etc/passwd d\n');
  });

  it('a destination that expands to nothing, and a wildcard that matches nothing', () => {
    checkBuildErrors('FROM busybox\nENV none=""\nCOPY file $none\nCOPY --link file $none\nCOPY file nomatch* /\n');
  });

  it('--chown and --chmod through variables a build argument may set, and symbolic modes', () => {
    checkBuildErrors(
      'FROM busybox\nARG group\nARG mode\nENV owner 1000\nCOPY --chown=${owner}:${group} a /a\nADD --chmod=${mode} a /b\n' +
        'COPY --chmod=go-w a /c\nCOPY --chmod=u=rw,g=r,o=r a /d\nCOPY --chmod=u+rw,g+r,o-x,o+w a /e\nCOPY --chmod=a+X a /f\n',
    );
  });

  it('ADD of a URL, with --chmod, --unpack or --checksum; ADD of a git repository with variables', () => {
    checkBuildErrors(
      'FROM scratch\nADD --chmod=0413 http://example.com/f /f\nADD --unpack=true http://example.com/t.tar.gz /t/\nARG REPO=https://example.com/r.git\nARG TAG=v1\n' +
        'ADD --keep-git-dir=true ${REPO}#${TAG} /src\nADD --checksum=sha256:' + '0'.repeat(64) + ' http://example.com/g /g\n',
    );
  });

  it('COPY --parents with ./ pivots and ** wildcards, from the context and from a stage', () => {
    checkBuildErrors(
      'FROM alpine AS base\nFROM alpine\nCOPY --parents dir/sub/file /\nCOPY --from=base --parents /a/b/./c/d /out/\nCOPY --from=base --parents /a/./*/c /a/b*/./c/**/e /out/\n',
    );
  });

  it('--mount options in any order, with variables from ENV, a stage ARG or a global ARG', () => {
    checkBuildErrors(
      'ARG META=/tmp/meta\nFROM busybox AS build\nARG META\nARG KIND=cache\nENV ID=c1\nRUN --mount=target=/ctx true\nRUN --mount=target=/t,type=tmpfs,size=128m true\n' +
        'RUN --mount=type=$KIND,id=$ID,target=$META true\nRUN --mount=type=cache,target=/c,uid=1001,gid=1002,mode=0751 true\n' +
        'FROM busybox\nRUN --mount=from=build,src=out,target=/out,rw true\nRUN --mount=source=.,target=/a --mount=source=b.txt,target=/b true\n',
    );
  });

  it('global ARGs in FROM with substitutions, ARGs of several pairs, empty and unset ARGs', () => {
    checkBuildErrors(
      'ARG one="foo bar" two=box\nARG three="$two-foo"\nARG image=idlebox\nFROM busy$two AS a\nARG three four="1 2" one\nFROM busy${image#idle}\nARG unset\nARG empty=\nENV x "x=${unset:-def}"\n',
    );
  });

  it('heredocs: several on one line, file descriptors, <<- and quoted markers, under ONBUILD, and a SHELL that is not a shell', () => {
    checkBuildErrors(
      'FROM busybox\nCOPY <<EOF <<EOF2 dir/\none\nEOF\ntwo\nEOF2\nCOPY --chmod=0644 <<-"EOF" /f\n\t\\$x\nEOF\n' +
        'RUN <<EOF 3<<IN awk -f -\n{ print }\nEOF\ninput\nIN\nONBUILD RUN <<EOF\necho hi\nEOF\nSHELL ["/bin/awk"]\nRUN <<EOF\nBEGIN { print "x" }\nEOF\n',
    );
  });

  it('ONBUILD triggers naming stages this file does not have, and a stage built from a stage with triggers', () => {
    checkBuildErrors(
      'FROM alpine AS src\nFROM busybox AS base\nONBUILD COPY --from=src /in /out\nONBUILD COPY --from=elsewhere /x /y\n' +
        'ONBUILD RUN --mount=type=bind,target=/in,from=other true\nFROM base AS mid\nRUN true\n',
    );
  });

  it('exec forms BuildKit reads as shell text and builds: an empty array with text after it', () => {
    checkBuildErrors('FROM alpine\nENTRYPOINT []random string\nSHELL ["ls"]\nENTRYPOINT my entrypoint\n');
  });

  it('EXPOSE of ports from an ARG holding several', () => {
    checkBuildErrors('FROM scratch\nARG PORTS="3000 4000/udp"\nEXPOSE $PORTS\nEXPOSE 5000\n');
  });

  it('${V:?message} in ARG defaults: BuildKit stops only when no build argument sets V, which the text cannot decide', () => {
    checkBuildErrors('ARG FOO=${FOO:?"custom error"}\nFROM busybox\nARG BAR\nARG BAZ=${BAR:?"bar missing"}\n');
  });
});

describe('what BuildKit refuses for its text gets an error where the text is wrong', () => {
  it('instructions that need arguments, and COPY with one', () => {
    checkBuildErrors('FROM busybox\n$[USER$]\n$[EXPOSE$]\n$[COPY only$]\n', [
      ['missing-arguments', 'USER needs an argument: USER <user>[:<group>].'],
      ['missing-arguments', 'EXPOSE needs at least one argument: EXPOSE <port>[/<protocol>] ...'],
      ['missing-arguments', 'COPY needs a source and a destination: COPY [OPTIONS] <src>... <dest>. Only one was given.'],
    ]);
  });

  it('ENV and LABEL with no name before =', () => {
    checkBuildErrors('FROM busybox\nENV $[=value$]\nLABEL $[=value$]\n', [
      ['blank-name', 'ENV needs a name before the equals sign: ENV NAME=value.'],
      ['blank-name', 'LABEL needs a name before the equals sign: LABEL NAME=value.'],
    ]);
  });

  it('a HEALTHCHECK interval under 1ms', () => {
    checkBuildErrors('FROM busybox\nHEALTHCHECK --interval=$[50ns$] CMD true\n', [['invalid-flag-value', '--interval must be 0 or at least 1ms, not 50ns.']]);
  });

  it('FROM and ONBUILD as triggers', () => {
    checkBuildErrors('FROM busybox\nONBUILD $[FROM$] scratch\nONBUILD $[ONBUILD$] RUN true\n', [
      ['onbuild-not-allowed', 'FROM cannot be an ONBUILD trigger: the image that uses this one already has its own FROM.'],
      ['onbuild-not-allowed', 'ONBUILD ONBUILD is not allowed: a trigger cannot register another trigger.'],
    ]);
  });

  it('unknown instructions and flags, with the name meant', () => {
    checkBuildErrors('FROM scratch\n$[FNTRYPOINT$] ["/app"]\nRUN $[--mont=type=tmpfs,target=/t$] true\nCOPY $[--foo=bar$] / /\nMAINTAINER $[--boo$] me\n', [
      ['unknown-instruction', 'Unknown instruction "FNTRYPOINT". Did you mean ENTRYPOINT?'],
      ['unknown-flag', 'Unknown flag --mont for RUN. Did you mean --mount?'],
      ['unknown-flag', 'Unknown flag --foo for COPY, which accepts --from, --chown, --chmod, --link, --parents or --exclude.'],
      ['unknown-flag', 'MAINTAINER takes no flags, so --boo is an error. Remove it.'],
    ]);
  });

  it('a string flag without =, a bool flag with an empty or non-boolean value, a flag given twice', () => {
    checkBuildErrors('FROM busybox\nCOPY $[--chown$] a b\nCOPY $[--link=$] a b\nCOPY --link=$[false1$] a b\nCOPY --chown=a $[--chown=b$] a b\n', [
      ['missing-flag-value', '--chown needs a value, written with an equals sign: --chown=10001:10001.'],
      ['missing-flag-value', '--link= has no value. Write --link (or --link=true) to turn it on, or --link=false.'],
      ['invalid-flag-value', '--link is true or false, not "false1".'],
      ['duplicate-flag', '--chown is given more than once; COPY accepts it only once. Keep the one you mean and remove the other.'],
    ]);
  });

  it('--chmod that is neither octal up to 7777 nor symbolic', () => {
    checkBuildErrors('FROM scratch\nCOPY --chmod=$[64a$] a /\nADD --chmod=$[10000$] a /\n', [
      ['invalid-flag-value', '--chmod "64a" is not a file mode: an octal mode must use the digits 0 to 7 and be at most 7777.'],
      ['invalid-flag-value', '--chmod "10000" is not a file mode: an octal mode must use the digits 0 to 7 and be at most 7777.'],
    ]);
  });

  it('--mount with an unknown option or type', () => {
    checkBuildErrors('FROM scratch\nRUN --mount=$[typ$]=tmpfs true\nRUN --mount=type=$[tmp$] true\n', [
      ['invalid-mount', '"typ" is not a --mount option. Did you mean type?'],
      ['invalid-mount', '"tmp" is not a mount type; use bind, cache, tmpfs, secret or ssh. Did you mean tmpfs?'],
    ]);
  });

  it('variables in COPY --from and in --mount from=', () => {
    checkBuildErrors('FROM busybox AS test\nFROM busybox\nENV ref=test\nCOPY --from=$[$ref$] . .\nRUN --mount=from=$[$ref$],target=/t true\n', [
      ['copy-from-variable', '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.'],
      ['invalid-mount', 'from= cannot use variables: BuildKit does not expand them here. Declare a stage such as FROM ${IMAGE} AS deps and mount from=deps.'],
    ]);
  });

  it('COPY of a URL', () => {
    checkBuildErrors('FROM scratch\nCOPY $[http://example.com/README.md$] /\n', [
      ['copy-url-source', 'COPY cannot fetch a URL; it copies from the build context or another stage. Use ADD for a URL, or download it in a RUN step.'],
    ]);
  });

  it('ADD --checksum on a path in the context, or on several sources', () => {
    const sum = 'sha256:' + '0'.repeat(64);
    checkBuildErrors(`FROM scratch\nADD --checksum=$[${sum}$] file /f\nADD --checksum=$[${sum}$] http://a/x http://a/y /d/\n`, [
      ['invalid-flag-value', '--checksum needs an HTTP(S) or Git source, and BuildKit reads file as a path in the build context.'],
      ['invalid-flag-value', '--checksum can only be used with a single source.'],
    ]);
  });

  it('an empty image: quotes around nothing, or a global ARG without a value', () => {
    checkBuildErrors('ARG BLANK\nFROM $[""$] AS a\nFROM $[${BLANK}$] AS b\n', [
      ['invalid-image-reference', 'The image "" is empty: the quotes hold no name. Name an image, such as alpine:3.20, or scratch for an empty one.'],
      ['invalid-image-reference', 'The image ${BLANK} is empty when the build is given no --build-arg. Give the global ARG a default (ARG BLANK=<image>), or pass --build-arg BLANK=<image> to every build.'],
    ]);
  });

  it('a stage that copies from itself, and a stage copied from before it is defined (the last stage builds on it)', () => {
    checkBuildErrors('FROM busybox AS self\nCOPY --from=$[self$] a /\nFROM busybox AS target\nCOPY --from=$[later$] / /out\nFROM alpine AS later\nFROM target\n', [
      ['circular-stage-dependency', 'Stage "self" cannot copy from itself; name another stage.'],
      ['stage-defined-later', 'Stage "later" is defined after stage "target", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "later" above stage "target".'],
    ]);
  });

  it('a file with no stage', () => {
    checkBuildErrors('$[ARG foo=bar$]\n', [
      ['missing-from', 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.'],
    ]);
  });
});

describe('what BuildKit builds into a command that fails gets a warning', () => {
  it('a JSON array with text after it runs as the shell command [echo,', () => {
    const text = 'FROM alpine\nRUN ["echo", "hello"]this is invalid\n';
    expect(diagnosticsOf(text).map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character])).toEqual([
      ['exec-form-not-json', DiagnosticSeverity.Warning, 1, 4, 36],
    ]);
  });
});
