import { describe, it } from 'vitest';
import { emptyVolume } from './empty-volume';
import { checkErrors } from './testing';

describe('empty-volume', () => {
  it('reports an empty path in the JSON form', () => {
    checkErrors('FROM alpine\nVOLUME ["/data", $[" "$]]\nVOLUME /a /b\n', [
      ['empty-volume', 'A VOLUME path cannot be empty; give the directory to keep, such as "/data".'],
    ], [emptyVolume]);
  });
});
