import { describe, expect, it } from 'vitest';
import { linkChownByName } from './link-chown-by-name';
import { checkErrors, checkFix } from './testing';

const message = (value: string, what: string) =>
  `--chown=${value} names ${what}, which a --link copy cannot look up: it is made on an empty layer without /etc/passwd or /etc/group. ` +
  'Builders that link layers (BuildKit, docker-container builders, Docker with the containerd image store) stop with "invalid user index: -1"; others ignore --link. ' +
  'Give numeric ids (--chown=1000:1000) or drop --link.';

describe('link-chown-by-name', () => {
  it('warns of a user or group name with --link, on COPY, ADD and an ONBUILD trigger', () => {
    checkErrors(
      'FROM alpine\nCOPY --link $[--chown=app$] a /a\nADD $[--chown=1000:staff$] --link=TRUE b /b\nCOPY --from=build $[--chown=app:app$] --link /c /c\nONBUILD COPY --link $[--chown=www-data$] d /d\n',
      [
        ['link-chown-by-name', message('app', 'user "app"')],
        ['link-chown-by-name', message('1000:staff', 'group "staff"')],
        ['link-chown-by-name', message('app:app', 'user "app" and group "app"')],
        ['link-chown-by-name', message('www-data', 'user "www-data"')],
      ],
      [linkChownByName],
    );
  });

  it('accepts numeric ids and root, names without --link, --link=false, a --link value BuildKit stops at anyway, a --chmod, and variables', () => {
    checkErrors(
      'FROM alpine\nCOPY --link=1 --chown=app a /a\nCOPY --link=t --chown=app a /a\nCOPY --link --chown=1000:1000 a /a\nCOPY --link --chown=root:root a /a\nCOPY --link --chown=:0 a /a\nCOPY --chown=app a /a\nCOPY --link=false --chown=app a /a\nCOPY --link --chmod=644 --chown=app a /a\nARG USER=app\nCOPY --link --chown=$USER a /a\n',
      [],
      [linkChownByName],
    );
  });

  it('offers to remove --link, which every builder builds', () => {
    expect(checkFix('FROM alpine\nCOPY --link --chown=app$0:app a /a\n', 'link-chown-by-name', 'Remove --link', 'FROM alpine\nCOPY --chown=app:app a /a\n')).toEqual(['*Remove --link']);
    checkFix('FROM alpine\nADD --chown=$0app --link=true b /b\n', 'link-chown-by-name', 'Remove --link', 'FROM alpine\nADD --chown=app b /b\n');
    checkFix('FROM alpine\nONBUILD COPY --link\t--chown=$0app d /d\n', 'link-chown-by-name', 'Remove --link', 'FROM alpine\nONBUILD COPY --chown=app d /d\n');
  });
});
