import { describe, expect, it } from 'vitest';
import { invalidFlagValue } from './invalid-flag-value';
import { checkErrors, checkFix } from './testing';

const rules = [invalidFlagValue];

describe('invalid-flag-value', () => {
  it('checks booleans case-insensitively', () => {
    checkErrors('FROM alpine\nCOPY --link=TRUE --parents=$[yes$] a b\nADD --keep-git-dir=False --unpack=$[maybe$] a b\n', [
      ['invalid-flag-value', '--parents is true or false, not "yes".'],
      ['invalid-flag-value', '--unpack is true or false, not "maybe".'],
    ], rules);
  });

  it('checks --network and --security case-sensitively', () => {
    checkErrors('FROM alpine\nRUN --network=$[HOST$] --security=$[insecur$] true\nRUN $[--network=$] true\nRUN --network=$[bridge$] true\n', [
      ['invalid-flag-value', '"HOST" is not a valid --network; use default, none or host. Values are case-sensitive: write host.'],
      ['invalid-flag-value', '"insecur" is not a valid --security; use sandbox or insecure. Did you mean insecure?'],
      ['invalid-flag-value', '--network needs one of default, none or host.'],
      ['invalid-flag-value', '"bridge" is not a valid --network; use default, none or host.'],
    ], rules);
  });

  it('checks HEALTHCHECK durations and retries like BuildKit', () => {
    checkErrors(
      'FROM alpine\nHEALTHCHECK --interval=$[30$] --timeout=$[50ns$] --start-period=$[1d$] --retries=$[-1$] CMD true\n' +
        'HEALTHCHECK --interval=1m30s --timeout=0 --start-period=0s --start-interval=1.5ms --retries=0 CMD true\n' +
        'HEALTHCHECK --retries=$[three$] CMD true\n',
      [
        ['invalid-flag-value', '--interval is a duration such as 30s, 1m30s or 500ms, and "30" is not one: the unit is missing after 30.'],
        ['invalid-flag-value', '--timeout must be 0 or at least 1ms, not 50ns.'],
        ['invalid-flag-value', '--start-period is a duration such as 30s, 1m30s or 500ms, and "1d" is not one: unknown unit "d".'],
        ['invalid-flag-value', '--retries cannot be negative (-1).'],
        ['invalid-flag-value', '--retries is a whole number, not "three".'],
      ],
      rules,
    );
  });

  it('reads durations in whole nanoseconds as Go does: a fraction of a nanosecond is 0, and 2^63-1ns fits', () => {
    checkErrors(
      'FROM alpine\nHEALTHCHECK --interval=0.5ns --timeout=-0.9ns --start-period=9223372036854775807ns --start-interval=2562047h CMD true\n' +
        'HEALTHCHECK --interval=$[1.5ns$] --timeout=$[9223372036854775808ns$] --start-period=$[0.9999999ms$] CMD true\n',
      [
        ['invalid-flag-value', '--interval must be 0 or at least 1ms, not 1.5ns.'],
        ['invalid-flag-value', '--timeout is a duration such as 30s, 1m30s or 500ms, and "9223372036854775808ns" is not one: it is too long.'],
        ['invalid-flag-value', '--start-period must be 0 or at least 1ms, not 0.9999999ms.'],
      ],
      rules,
    );
  });

  it('checks --chmod: octal up to 7777 or a symbolic mode', () => {
    checkErrors('FROM alpine\nCOPY --chmod=$[888$] a b\nCOPY --chmod=$[rwxr-xr-x$] a b\nCOPY --chmod=0755 a b\nCOPY --chmod=u=rwX,go=rX a b\nADD --chmod=$MODE a b\n', [
      ['invalid-flag-value', '--chmod "888" is not a file mode: an octal mode must use the digits 0 to 7 and be at most 7777.'],
      ['invalid-flag-value', '--chmod "rwxr-xr-x" is not a file mode: "rwxr-xr-x" is not a symbolic mode such as u+x or go=rX.'],
    ], rules);
  });

  it('accepts every symbolic --chmod BuildKit accepts: classes to copy from mixed with permission letters', () => {
    checkErrors('FROM alpine\nCOPY --chmod=g=rwu a b\nCOPY --chmod=o=ug,u+xg a b\nADD --chmod=go=u-w a b\nCOPY --chmod=$[u+x,$] a b\n', [
      ['invalid-flag-value', '--chmod "u+x," is not a file mode: a comma must separate two clauses such as u+x,g-w.'],
    ], rules);
  });

  it('checks FROM --platform when it has no variables', () => {
    checkErrors('FROM --platform=$[linux/*$] alpine\nFROM --platform=$BUILDPLATFORM alpine\nFROM --platform=linux/arm/v7 alpine\nFROM --platform=$[linux//amd64$] alpine\n', [
      ['invalid-flag-value', '--platform "linux/*" is not a platform such as linux/amd64: wildcards are not supported.'],
      ['invalid-flag-value', '--platform "linux//amd64" is not a platform such as linux/amd64: a part is empty.'],
    ], rules);
  });

  it('checks that a one-word FROM --platform names an OS or an architecture', () => {
    checkErrors('FROM --platform=$[foo$] alpine\nFROM --platform=arm64 alpine\nFROM --platform=Windows alpine\nFROM --platform=$[arm64v8$] alpine\nFROM --platform=x86_64 alpine\n', [
      ['invalid-flag-value', '--platform "foo" is not a platform such as linux/amd64: "foo" is neither an operating system (linux, windows, …) nor an architecture (amd64, arm64, …) that BuildKit knows.'],
      ['invalid-flag-value', '--platform "arm64v8" is not a platform such as linux/amd64: "arm64v8" is neither an operating system (linux, windows, …) nor an architecture (amd64, arm64, …) that BuildKit knows.'],
    ], rules);
  });

  it('checks ADD --checksum against its source', () => {
    checkErrors(
      'FROM alpine\nADD --checksum=$[sha256:abc$] https://example.com/a.tar /a\nADD --checksum=$[sha256:0$] ./local.tar /a\n' +
        'ADD --checksum=$[sha256:0$] https://a/x https://a/y /a\nADD --checksum=abc123 https://github.com/moby/buildkit.git#v0.10.1 /src\n' +
        `ADD --checksum=sha256:${'a'.repeat(64)} https://example.com/a.tar /a\nADD --checksum=$[sha512:${'a'.repeat(128)}$] https://example.com/a.tar /a\n`,
      [
        ['invalid-flag-value', '--checksum of a download is a digest such as sha256: followed by 64 lower-case hex digits, not "sha256:abc".'],
        ['invalid-flag-value', '--checksum needs an HTTP(S) or Git source, and BuildKit reads ./local.tar as a path in the build context.'],
        ['invalid-flag-value', '--checksum can only be used with a single source.'],
        // BuildKit accepts the digest but hashes downloads with SHA-256 only, so the build always fails.
        ['invalid-flag-value', `--checksum of a download is a digest such as sha256: followed by 64 lower-case hex digits, not "sha512:${'a'.repeat(128)}".`],
      ],
      rules,
    );
  });

  it('counts the paths of an ADD --checksum as BuildKit does: a heredoc is none, and `<< EOF` is two', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    checkErrors(
      `FROM alpine\nADD --checksum=$[${digest}$] <<EOF /a\nx\nEOF\nADD --checksum=$[${digest}$] << EOF /b\nx\nEOF\n` +
        `ADD --checksum=${digest} <<EOF https://example.com/a.tar /c/\nx\nEOF\n` +
        // The JSON form opens no heredoc, but BuildKit still takes "<<EOF" for one (an empty file), not a path.
        `ADD --checksum=${digest} ["<<EOF", "https://example.com/a.tar", "/d/"]\nADD --checksum=$[${digest}$] ["<<EOF", "/e"]\n`,
      [
        ['invalid-flag-value', '--checksum needs one HTTP(S) or Git source; a heredoc is not one.'],
        ['invalid-flag-value', '--checksum can only be used with a single source.'],
        ['invalid-flag-value', '--checksum needs one HTTP(S) or Git source; a heredoc is not one.'],
      ],
      rules,
    );
  });

  it('rejects --checksum on a source BuildKit reads from the context, however remote it looks', () => {
    const local = (source: string): [string, string] => ['invalid-flag-value', `--checksum needs an HTTP(S) or Git source, and BuildKit reads ${source} as a path in the build context.`];
    // BuildKit fetches only HTTP(S) (a lower-case scheme) and Git: an FTP URL, a git@ name with no host
    // and colon, or an upper-case HTTP scheme is a file in the context.
    checkErrors(
      'FROM alpine\nADD --checksum=$[sha256:0$] ftp://example.com/a.tar /a\nADD --checksum=$[abc123$] git@notes.txt /a\n' +
        'ADD --checksum=$[sha256:0$] HTTP://example.com/a.tar /a\n',
      [local('ftp://example.com/a.tar'), local('git@notes.txt'), local('HTTP://example.com/a.tar')],
      rules,
    );
    // Git in every form it takes, including the old github.com/ path its --checksum check counts as Git;
    // a download whose path merely mentions .git is still a download, whose checksum is a digest.
    checkErrors(
      'FROM alpine\nADD --checksum=abc123 git@github.com:moby/buildkit.git /src\nADD --checksum=abc123 ssh://git@example.com/repo /src\n' +
        'ADD --checksum=abc123 git://example.com/repo /src\nADD --checksum=abc123 HTTPS://example.com/repo.git /src\n' +
        'ADD --checksum=abc123 github.com/moby/buildkit /src\nADD --checksum=$[abc123$] https://example.com/a.git.tar /a\n',
      [['invalid-flag-value', '--checksum of a download is a digest such as sha256: followed by 64 lower-case hex digits, not "abc123".']],
      rules,
    );
  });

  it('checks the --checksum of a Git source as BuildKit\'s Git source does: lower-case hex digits, and the start of a commit the URL names', () => {
    const sha = '3f2a9c0d5b7e4a1f8c6d2e0b9a7f5c3e1d4b6a8c';
    checkErrors(
      'FROM alpine\nADD --checksum=$[v1.2.0$] https://example.com/tools.git#v1.2.0 /src\n' +
        'ADD --checksum=$[sha1:3f2a9c$] git@example.com:org/tools.git /src\nADD --checksum=$[9B1E$] git://example.com/tools#main /src\n' +
        `ADD --checksum=$[9b1e$] https://example.com/tools.git#${sha}:cmd /src\n` +
        // Accepted: a prefix of the commit named, any lower-case hex prefix of a branch or tag (only the
        // fetch can tell), and the github.com/ path that is copied from the context.
        `ADD --checksum=3f2a9c https://example.com/tools.git#${sha} /src\nADD --checksum=9b1e git://example.com/tools#main /src\n` +
        'ADD --checksum=v1.2.0 github.com/org/tools /src\n',
      [
        ['invalid-flag-value', '--checksum of a Git source is a commit hash or the start of one, in lower-case hexadecimal digits, not "v1.2.0".'],
        ['invalid-flag-value', '--checksum of a Git source is a commit hash or the start of one, in lower-case hexadecimal digits, not "sha1:3f2a9c".'],
        ['invalid-flag-value', '--checksum of a Git source is a commit hash or the start of one, in lower-case hexadecimal digits, not "9B1E".'],
        ['invalid-flag-value', `--checksum "9b1e" does not match the commit ${sha} the URL asks for: it must be that hash or its start.`],
      ],
      rules,
    );
  });

  it('takes variables literally where BuildKit does not expand them', () => {
    checkErrors('FROM alpine\nRUN --network=$[$NET$] true\nHEALTHCHECK --interval=$[${I}$] CMD true\nCOPY --chmod=$MODE --link=$[$L$] a b\n', [
      ['invalid-flag-value', '"$NET" is not a valid --network; use default, none or host. BuildKit does not substitute variables in --network.'],
      ['invalid-flag-value', '--interval is a duration such as 30s, 1m30s or 500ms, and "${I}" is not one: a number is missing. BuildKit does not substitute variables in --interval.'],
      ['invalid-flag-value', '--link is true or false, not "$L". BuildKit does not substitute variables in --link.'],
    ], rules);
  });

  it('judges ADD --checksum and its source as BuildKit expands them: quotes and escapes removed, under the file\'s escape', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const sha = '0123456789abcdef0123456789abcdef01234567';
    checkErrors(
      `FROM alpine\nADD --checksum=${digest} "https://example.com/a.tar" /a\nADD --checksum=${digest} ["\\"https://example.com/a.tar\\"", "/b"]\n` +
        `ADD --checksum=0123 "https://github.com/moby/buildkit.git#${sha}" /c\nADD --checksum=$["'abc'"$] ./local.tar /d\n` +
        `ADD --checksum=$[abc$] "https://github.com/moby/buildkit.git#${sha}" /e\n`,
      [
        ['invalid-flag-value', '--checksum needs an HTTP(S) or Git source, and BuildKit reads ./local.tar as a path in the build context.'],
        ['invalid-flag-value', `--checksum "abc" does not match the commit ${sha} the URL asks for: it must be that hash or its start.`],
      ],
      rules,
    );
    checkErrors('# escape=`\nFROM alpine\nADD --checksum=ab`c https://github.com/moby/buildkit.git /a\n', [], rules);
  });

  it('fixes an enum value and an obvious boolean', () => {
    checkFix('FROM alpine\nRUN --network=HO$0ST true\n', 'invalid-flag-value', 'Change to host', 'FROM alpine\nRUN --network=host true\n');
    expect(checkFix('FROM alpine\nCOPY --link=ye$0s a b\n', 'invalid-flag-value', 'Change to true', 'FROM alpine\nCOPY --link=true a b\n')).toEqual(['*Change to true']);
  });
});
