import { describe, it } from 'vitest';
import { invalidStageIndex } from './invalid-stage-index';
import { checkErrors } from './testing';

describe('invalid-stage-index', () => {
  it('reports a stage number past the last stage', () => {
    checkErrors('FROM alpine\nFROM alpine\nCOPY --from=$[5$] /a /b\nCOPY --from=1 /a /b\n', [
      ['invalid-stage-index', 'There is no stage 5: stages are numbered from 0, and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
    ], [invalidStageIndex]);
  });
});
