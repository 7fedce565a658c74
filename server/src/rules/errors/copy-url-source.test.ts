import { describe, expect, it } from 'vitest';
import { copyUrlSource } from './copy-url-source';
import { checkErrors, checkFix, fixesAt } from './testing';

describe('copy-url-source', () => {
  it('reports URLs and Git repositories as COPY sources', () => {
    checkErrors('FROM alpine\nCOPY $[https://example.com/a.tgz$] /a\nCOPY $[git@github.com:moby/buildkit.git$] /src\nCOPY $[https://github.com/moby/buildkit.git#v0.10$] /src\nADD https://example.com/a.tgz /a\nCOPY http.conf /etc/\n', [
      ['copy-url-source', 'COPY cannot fetch a URL; it copies from the build context or another stage. Use ADD for a URL, or download it in a RUN step.'],
      ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
      ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
    ], [copyUrlSource]);
  });

  it('reads a source as BuildKit does: only a user@host: address or an ssh, git or http(s) URL is remote', () => {
    // Without the colon (or the user) BuildKit takes git@... as a file name in the context; an
    // unsupported scheme or an upper-case HTTP:// is a path too.
    checkErrors(
      'FROM alpine\nCOPY git@notes.txt git@host/repo.git github.com/moby/buildkit ftp://example.com/a HTTP://example.com/a /d/\n' +
        'COPY $[deploy@example.com:app.git$] /src\nCOPY $[SSH://git@example.com/app$] /src\nCOPY $[https://example.com/a.tgz?v=.git$] /a\nCOPY $[HTTPS://example.com/app.git$] /src\n',
      [
        ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
        ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
        ['copy-url-source', 'COPY cannot fetch a URL; it copies from the build context or another stage. Use ADD for a URL, or download it in a RUN step.'],
        ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
      ],
      [copyUrlSource],
    );
  });

  it('changes COPY to ADD unless a COPY-only flag is used', () => {
    checkFix('FROM alpine\ncopy --chown=1 https://$0example.com/a.tgz /a\n', 'copy-url-source', 'Change COPY to ADD', 'FROM alpine\nadd --chown=1 https://example.com/a.tgz /a\n');
    expect(fixesAt('FROM alpine\nCOPY --parents https://$0example.com/a.tgz /a\n', 'copy-url-source').actions).toEqual([]);
  });

  it('does not change COPY to ADD when another source comes from the context, which ADD would unpack if it is a tar archive', () => {
    expect(fixesAt('FROM alpine\nCOPY https://$0example.com/a.tgz local.tar.gz /d/\n', 'copy-url-source').actions).toEqual([]);
    checkFix('FROM alpine\nCOPY https://$0example.com/a.tgz https://example.com/b.tgz /d/\n', 'copy-url-source', 'Change COPY to ADD', 'FROM alpine\nADD https://example.com/a.tgz https://example.com/b.tgz /d/\n');
  });
});
