import { describe, expect, it } from 'vitest';
import { duplicateFlag } from './duplicate-flag';
import { checkErrors, checkFix } from './testing';

const rules = [duplicateFlag];

describe('duplicate-flag', () => {
  it('reports every repetition of a flag allowed once', () => {
    checkErrors('FROM alpine\nCOPY --chown=1 --link $[--chown=2$] $[--chown=3$] a b\n', [
      ['duplicate-flag', '--chown is given more than once; COPY accepts it only once. Keep the one you mean and remove the other.'],
      ['duplicate-flag', '--chown is given more than once; COPY accepts it only once. Keep the one you mean and remove the other.'],
    ], rules);
  });

  it('allows --mount, --exclude and --device more than once', () => {
    checkErrors('FROM alpine\nRUN --mount=type=tmpfs,target=/a --mount=type=tmpfs,target=/b --device=a --device=b true\nCOPY --exclude=a --exclude=b . .\n', [], rules);
  });

  it('removes the repetition', () => {
    expect(checkFix('FROM alpine\nRUN --network=none --netw$0ork=host make\n', 'duplicate-flag', 'Remove this --network', 'FROM alpine\nRUN --network=none make\n')).toEqual([
      'Remove this --network',
    ]);
  });
});
