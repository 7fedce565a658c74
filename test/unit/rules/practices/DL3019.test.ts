import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, diagnosticsOf, fixTitles } from '../harness';

const message = 'apk add keeps the package index it downloads in /var/cache/apk, which stays in the image for nothing. Add --no-cache: apk add --no-cache (a separate apk update is then not needed).';
const only = ['DL3019'];
const info = { code: 'DL3019', message, severity: 'information' } as const;

describe('DL3019', () => {
  it('flags apk add without --no-cache, from apk to add, as information', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nRUN $[apk add$] curl\nRUN apk update && $[apk add$] --virtual .build-deps gcc && $[/sbin/apk --update add$] git\nRUN $[apk -X https://example.org/repo add$] x\n',
      [info, info, info, info],
      { only },
    );
  });

  it('follows continuations, heredoc scripts, ONBUILD RUN, exec form and the backtick escape', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nRUN set -e \\\n && $[apk \\\n    add$] curl\nRUN <<EOF\nset -e\n$[apk add$] git\nEOF\nONBUILD RUN $[apk add$] make\nRUN [$["apk", "add"$], "bash"]\n',
      [info, info, info, info],
      { only },
    );
    checkDiagnostics('# escape=`\nFROM alpine:3.20\nRUN $[apk `\n    add$] curl\n', [info], { only });
  });

  it('accepts --no-cache before or after add, and --no-network, which fetches nothing', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN apk --no-cache add curl\nRUN apk add --virtual .deps gcc --no-cache\nRUN apk add --no-network --virtual .rundeps so:libc.musl-x86_64.so.1\n',
      [],
      { only },
    );
  });

  it('accepts a cache or tmpfs mount over the apk cache', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\nRUN --mount=type=cache,target=/etc/apk/cache apk add curl\nRUN --mount=type=tmpfs,target=/var/cache/ apk add curl\nRUN --mount=type=cache,target=/var/cache/apk/x $[apk add$] curl\n',
      [info],
      { only },
    );
  });

  it('accepts a RUN that removes the cache, before or after; not a later RUN, nor another folder', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nRUN apk add curl && rm -rf /var/cache/apk/*\nRUN rm -rf /var/cache/apk; apk add git\nRUN apk add x && rm -rf /var/cache/*\nRUN apk add y && find /var/cache/apk -type f -delete\nRUN $[apk add$] z && rm -rf /var/cache/nginx/*\nRUN $[apk add$] w\nRUN rm -rf /var/cache/apk/*\n',
      [info, info],
      { only },
    );
  });

  it('stays quiet when a variable may hold the options, judges $(…) package lists', () => {
    checkDiagnostics('FROM alpine:3.20\nRUN apk add $APK_FLAGS curl\nRUN apk add --virtual .deps "$@"\nRUN $[apk add$] $(cat /pkgs)\nRUN apk add --virtual $NAME --no-cache x\n', [info], { only });
  });

  it('ignores other subcommands, apk as an argument, and wrappers such as xx-apk', () => {
    checkDiagnostics('FROM alpine:3.20\nRUN apk del curl && apk info && apk --print-arch\nRUN echo apk add curl\nRUN xx-apk add gcc\nRUN apk update\n', [], { only });
  });

  it("adds ' --no-cache' after add", () => {
    checkFix('FROM alpine:3.20\nRUN apk update && apk add curl\n', 'DL3019', "Add '--no-cache'", 'FROM alpine:3.20\nRUN apk update && apk add --no-cache curl\n');
    checkFix('FROM alpine:3.20\nRUN apk --update \\\n  add curl\n', 'DL3019', "Add '--no-cache'", 'FROM alpine:3.20\nRUN apk --update \\\n  add --no-cache curl\n');
  });

  it('offers the fix, then the pragma; none in exec form', () => {
    expect(fixTitles('FROM alpine:3.20\nRUN apk add curl\n', 'DL3019')).toEqual(["Add '--no-cache' (preferred)", 'Ignore DL3019 for this instruction']);
    expect(fixTitles('FROM alpine:3.20\nRUN ["apk", "add", "curl"]\n', 'DL3019')).toEqual(['Ignore DL3019 for this instruction']);
  });

  it('links to the hadolint wiki', () => {
    const [diagnostic] = diagnosticsOf('FROM alpine:3.20\nRUN apk add curl\n', { only });
    expect(diagnostic.codeDescription).toEqual({ href: 'https://github.com/hadolint/hadolint/wiki/DL3019' });
  });
  it('reads the heredoc scripts of ONBUILD RUN, with their cache mounts, and adds --no-cache there', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nONBUILD RUN <<EOF\nset -e\n$[apk add$] curl\nEOF\nONBUILD RUN --mount=type=cache,target=/var/cache/apk <<EOF\napk add git\nEOF\n',
      [info],
      { only },
    );
    checkFix('FROM alpine:3.20\nONBUILD RUN <<EOF\napk add curl\nEOF\n', 'DL3019', "Add '--no-cache'", 'FROM alpine:3.20\nONBUILD RUN <<EOF\napk add --no-cache curl\nEOF\n');
  });
});
