import { describe, it } from 'vitest';
import { invalidStageIndex } from './invalid-stage-index';
import { checkErrors } from './testing';

describe('invalid-stage-index', () => {
  it('reports a stage number past the last stage', () => {
    checkErrors('FROM alpine\nFROM alpine\nCOPY --from=$[5$] /a /b\nCOPY --from=1 /a /b\n', [
      ['invalid-stage-index', 'There is no stage 5: stages are numbered from 0, and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
    ], [invalidStageIndex]);
  });

  it('reads --from as BuildKit converts integers: a sign is allowed, a negative number is refused, +0 and -0 are stage 0', () => {
    checkErrors(
      'FROM alpine:3.20 AS build\nFROM alpine:3.20\nCOPY --from=$[-1$] /x /x\nCOPY --from=$[-01$] /x /x\nCOPY --from=+0 /a /b\nCOPY --from=-0 /a /b\nCOPY --from=+1 /a /b\nCOPY --from=$[+2$] /a /b\n',
      [
        ['invalid-stage-index', 'There is no stage -1: stage numbers cannot be negative (they count up from 0), and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
        ['invalid-stage-index', 'There is no stage -01: stage numbers cannot be negative (they count up from 0), and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
        ['invalid-stage-index', 'There is no stage +2: stages are numbered from 0, and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
      ],
      [invalidStageIndex],
    );
  });

  it('takes numbers within a 64-bit integer only; larger ones, and from= of a mount, are names', () => {
    checkErrors(
      'FROM alpine\nCOPY --from=$[9223372036854775807$] /a /b\nCOPY --from=$[-9223372036854775808$] /a /b\nCOPY --from=9223372036854775808 /a /b\nCOPY --from=-9223372036854775809 /a /b\nRUN --mount=from=-1,target=/t --mount=from=7,target=/u true\n',
      [
        ['invalid-stage-index', 'There is no stage 9223372036854775807: stages are numbered from 0, and this file has 1 (0 to 0). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
        ['invalid-stage-index', 'There is no stage -9223372036854775808: stage numbers cannot be negative (they count up from 0), and this file has 1 (0 to 0). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
      ],
      [invalidStageIndex],
    );
  });
});
