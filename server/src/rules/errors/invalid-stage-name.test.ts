import { describe, it } from 'vitest';
import { invalidStageName } from './invalid-stage-name';
import { checkErrors } from './testing';

describe('invalid-stage-name', () => {
  it('checks the name in lower case, as BuildKit does', () => {
    checkErrors('FROM alpine AS Build_1.x-y\nFROM alpine AS $[1st$]\nFROM alpine AS $[my:stage$]\n', [
      ['invalid-stage-name', '"1st" is not a valid stage name: it must start with a letter.'],
      ['invalid-stage-name', '"my:stage" is not a valid stage name: it may contain only letters, digits, "-", "_" and ".".'],
    ], [invalidStageName]);
  });
});
