import { describe, it } from 'vitest';
import { blankName } from './blank-name';
import { checkErrors } from './testing';

describe('blank-name', () => {
  it('reports a pair with no name', () => {
    checkErrors('ARG $[=1$]\nFROM alpine\nENV A=1 $[=2$]\nLABEL $[="x"$]\n', [
      ['blank-name', 'ARG needs a name before the equals sign: ARG NAME=1.'],
      ['blank-name', 'ENV needs a name before the equals sign: ENV NAME=2.'],
      ['blank-name', 'LABEL needs a name before the equals sign: LABEL NAME="x".'],
    ], [blankName]);
  });
});
