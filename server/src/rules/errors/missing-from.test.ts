import { describe, it } from 'vitest';
import { missingFrom } from './missing-from';
import { checkErrors } from './testing';

describe('missing-from', () => {
  it('reports a file of ARGs only', () => {
    checkErrors('# a comment\n$[ARG$] A=1\nARG B\n', [
      ['missing-from', 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.'],
    ], [missingFrom]);
    checkErrors('RUN x\n', [], [missingFrom]);
  });
});
