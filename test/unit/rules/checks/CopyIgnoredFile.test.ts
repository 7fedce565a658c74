import { describe, expect, it } from 'vitest';
import { createIgnoreMatcher, parseDockerignore } from '../../../../server/src/rules/checks/support/dockerignore';
import { checkDiagnostics } from '../harness';

const message = (path: string, instruction = 'COPY') =>
  `'${path}' is excluded by .dockerignore, so it is not in the build context and ${instruction} cannot use it.`;

describe('CopyIgnoredFile', () => {
  const dockerignore = '# build output\nnode_modules\n*.log\n/secrets\n**/.env\n';

  it('flags context sources excluded by .dockerignore, themselves or through a parent', () => {
    checkDiagnostics(
      'FROM alpine\nCOPY $[node_modules/lib$] $[./debug.log$] src /app/\nADD $[secrets$] /s\nCOPY ["$[config/.env$]", "/app/"]\n',
      [
        { code: 'CopyIgnoredFile', message: message('node_modules/lib') },
        { code: 'CopyIgnoredFile', message: message('./debug.log') },
        { code: 'CopyIgnoredFile', message: message('secrets', 'ADD') },
        { code: 'CopyIgnoredFile', message: message('config/.env') },
      ],
      { dockerignore },
    );
  });

  it('does not check COPY --from, URLs, heredocs, or files without a .dockerignore', () => {
    checkDiagnostics('FROM alpine AS b\nFROM alpine\nCOPY --from=b node_modules /x\nADD https://example.com/a.log /x\nCOPY <<EOF /x.log\nhi\nEOF\n', [], { dockerignore });
    checkDiagnostics('FROM alpine\nCOPY node_modules /x\n', []);
  });

  it('checks the two paths BuildKit makes of a heredoc marker with white space after <<, and skips whole markers', () => {
    // COPY splits its arguments at white space and takes a heredoc only from a whole argument.
    checkDiagnostics(
      'FROM alpine\nCOPY $[<<$] $[EOF$] /x\nhi\nEOF\nCOPY <<EOF <<-A /y/\nb\nEOF\nc\nA\nCOPY ["<<B", "/z"]\n',
      [
        { code: 'CopyIgnoredFile', message: message('<<') },
        { code: 'CopyIgnoredFile', message: message('EOF') },
      ],
      { dockerignore: '*\n', only: ['CopyIgnoredFile'] },
    );
  });

  it('checks every source BuildKit reads from the context, however remote it looks, and only those', () => {
    // BuildKit fetches HTTP(S) URLs with a lower-case scheme and Git repositories; an FTP URL, a
    // git@ name without a host and colon, an upper-case HTTP scheme or a github.com/ path is a file in the context.
    checkDiagnostics(
      'FROM alpine\nADD $[ftp://example.com/a.tar$] $[git@notes.txt$] $[HTTP://example.com/b$] /x/\nCOPY $[github.com/moby/buildkit$] /src\n',
      [
        { code: 'CopyIgnoredFile', message: message('ftp://example.com/a.tar', 'ADD') },
        { code: 'CopyIgnoredFile', message: message('git@notes.txt', 'ADD') },
        { code: 'CopyIgnoredFile', message: message('HTTP://example.com/b', 'ADD') },
        { code: 'CopyIgnoredFile', message: message('github.com/moby/buildkit') },
      ],
      { dockerignore: 'ftp:\ngit@*\nHTTP:\ngithub.com\n' },
    );
    checkDiagnostics(
      'FROM alpine\nADD https://example.com/a.tar git@github.com:moby/buildkit.git ssh://example.com/repo HTTPS://example.com/repo.git /x/\n',
      [],
      { dockerignore: '*\n' },
    );
  });

  it('is skipped when .dockerignore has exceptions, as in BuildKit', () => {
    checkDiagnostics('FROM alpine\nCOPY node_modules /x\n', [], { dockerignore: 'node_modules\n!node_modules/keep\n' });
  });

  it('says nothing when a line is only ! (or ! and spaces): BuildKit refuses such a file before any check runs', () => {
    // moby/patternmatcher: ignorefile.ReadAll keeps the line as "!", and New refuses it ("illegal exclusion pattern"),
    // which invalid-dockerignore reports instead.
    expect(parseDockerignore('node_modules\n!\n!   \n')).toEqual(['node_modules', '!', '!']);
    expect(createIgnoreMatcher(['node_modules', '!'])).toBeUndefined();
    checkDiagnostics('FROM alpine\nCOPY node_modules /x\n', [], { dockerignore: 'node_modules\n!\n', only: ['CopyIgnoredFile'] });
  });

  it('flags copying the whole context only when everything is excluded', () => {
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { dockerignore });
    checkDiagnostics('FROM alpine\nCOPY $[.$] /app\n', [{ code: 'CopyIgnoredFile', message: message('.') }], { dockerignore: '*\n' });
  });

  it('reads .dockerignore files the way BuildKit does', () => {
    expect(parseDockerignore('\uFEFF# comment\n  /abs/path/  \n!./keep\n\n  # not a comment\n')).toEqual(['abs/path', '!keep', '# not a comment']);
    const matcher = createIgnoreMatcher(['**/*.tmp', 'docs/**', 'a?c', 'build'])!;
    expect(['x/y/z.tmp', 'z.tmp', 'docs/a/b', 'abc', 'build/out/file'].map((p) => matcher.excludes(p))).toEqual([true, true, true, true, true]);
    expect(['x.tmpl', 'doc', 'abbc', 'builder'].map((p) => matcher.excludes(p))).toEqual([false, false, false, false]);
    // A `^` first in a class negates it, as in Go (patternmatcher does not escape it); elsewhere it is a literal only in an exact pattern.
    const negated = createIgnoreMatcher(['[^a]*.log', 'x^y'])!;
    expect(['b.log', 'a.log', '^.log', 'x^y'].map((p) => negated.excludes(p))).toEqual([true, false, true, true]);
  });
});
