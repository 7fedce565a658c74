import { describe, it } from 'vitest';
import { invalidStageName } from './invalid-stage-name';
import { checkErrors } from './testing';

describe('invalid-stage-name', () => {
  it('checks the name in lower case, as BuildKit does', () => {
    checkErrors('FROM alpine AS Build_1.x-y\nFROM alpine AS $[1st$]\nFROM alpine AS $[my:stage$]\n', [
      ['invalid-stage-name', '"1st" is not a valid stage name: it must start with a letter from a to z.'],
      ['invalid-stage-name', '"my:stage" is not a valid stage name: it may contain only the letters a to z, digits, "-", "_" and ".".'],
    ], [invalidStageName]);
  });

  it('says that only the letters a to z count', () => {
    checkErrors('FROM alpine AS $[ünï$]\nFROM alpine AS $[aé$]\n', [
      ['invalid-stage-name', '"ünï" is not a valid stage name: it must start with a letter from a to z.'],
      ['invalid-stage-name', '"aé" is not a valid stage name: it may contain only the letters a to z, digits, "-", "_" and ".".'],
    ], [invalidStageName]);
  });
});
