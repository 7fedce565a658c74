import { describe, it } from 'vitest';
import { circularStageDependency } from './circular-stage-dependency';
import { copyFromLaterStage } from './copy-from-later-stage';
import { checkErrors } from './testing';

describe('circular-stage-dependency', () => {
  it('reports stages that need each other, and a stage that copies from itself', () => {
    checkErrors(
      'FROM alpine AS a\nCOPY --from=$[b$] /x /x\nFROM alpine AS b\nRUN --mount=from=$[a$],target=/a true\nFROM alpine AS c\nCOPY --from=$[c$] /x /y\nFROM alpine AS d\nCOPY --from=a /x /y\n',
      [
        ['circular-stage-dependency', 'Circular dependency: stage "a" needs stage "b", which needs stage "a" in turn (directly or through other stages). One of them has to come first.'],
        ['circular-stage-dependency', 'Circular dependency: stage "b" needs stage "a", which needs stage "b" in turn (directly or through other stages). One of them has to come first.'],
        ['circular-stage-dependency', 'Stage "c" cannot copy from itself; name an earlier stage.'],
      ],
      [circularStageDependency, copyFromLaterStage],
    );
  });

  it('counts +0 and -0 as stage 0, as BuildKit converts them', () => {
    checkErrors('FROM alpine\nCOPY --from=$[-0$] /x /y\nCOPY --from=$[+0$] /x /y\n', [
      ['circular-stage-dependency', 'Stage number 0 cannot copy from itself; name an earlier stage.'],
      ['circular-stage-dependency', 'Stage number 0 cannot copy from itself; name an earlier stage.'],
    ], [circularStageDependency, copyFromLaterStage]);
  });
});
