import { describe, it } from 'vitest';
import { emptyVolume } from './empty-volume';
import { checkErrors } from './testing';

describe('empty-volume', () => {
  it('reports an empty path in the JSON form', () => {
    checkErrors('FROM alpine\nVOLUME ["/data", $[" "$]]\nVOLUME /a /b\n', [
      ['empty-volume', 'A VOLUME path cannot be empty; give the directory to keep, such as "/data".'],
    ], [emptyVolume]);
  });

  it('reports a path that is empty once BuildKit lexes it, in either form', () => {
    checkErrors('FROM alpine\nVOLUME $[""$]\nVOLUME $[\'\'$] /x\nVOLUME [$["\'\'"$]]\n', [
      ['empty-volume', 'A VOLUME path cannot be empty, and "" is empty once its quotes are removed; give the directory to keep, such as "/data".'],
      ['empty-volume', "A VOLUME path cannot be empty, and '' is empty once its quotes are removed; give the directory to keep, such as \"/data\"."],
      ['empty-volume', "A VOLUME path cannot be empty, and '' is empty once its quotes are removed; give the directory to keep, such as \"/data\"."],
    ], [emptyVolume]);
  });

  it('accepts quoted paths, a quoted blank, and paths from variables', () => {
    checkErrors('FROM alpine\nVOLUME "/data" \'/a b\' " " $EMPTY ${V:-}\nVOLUME ["\\"/x\\""]\n', [], [emptyVolume]);
  });
});
