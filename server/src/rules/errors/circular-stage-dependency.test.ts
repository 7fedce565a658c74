import { describe, it } from 'vitest';
import { circularStageDependency } from './circular-stage-dependency';
import { checkErrors } from './testing';

describe('circular-stage-dependency', () => {
  it('reports stages that need each other, and a stage that copies from itself', () => {
    checkErrors(
      'FROM alpine AS a\nCOPY --from=$[b$] /x /x\nFROM alpine AS b\nRUN --mount=from=$[a$],target=/a true\nFROM alpine AS c\nCOPY --from=$[c$] /x /y\nFROM alpine AS d\nCOPY --from=a /x /y\n',
      [
        ['circular-stage-dependency', 'Circular dependency: stage "a" needs stage "b", which needs stage "a" in turn (directly or through other stages). One of them has to come first.'],
        ['circular-stage-dependency', 'Circular dependency: stage "b" needs stage "a", which needs stage "b" in turn (directly or through other stages). One of them has to come first.'],
        ['circular-stage-dependency', 'Stage "c" cannot copy from itself; name another stage.'],
      ],
      [circularStageDependency],
    );
  });

  it('finds no cycle where a stage copies from or mounts a stage further down that does not need it (stage-defined-later reports those)', () => {
    checkErrors('FROM alpine AS app\nCOPY --from=build /out /app\nCOPY --from=1 /x /y\nRUN --mount=from=build,target=/b true\nFROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=app /app /app\n', [], [circularStageDependency]);
  });

  it('counts +0 and -0 as stage 0, as BuildKit converts them', () => {
    checkErrors('FROM alpine\nCOPY --from=$[-0$] /x /y\nCOPY --from=$[+0$] /x /y\n', [
      ['circular-stage-dependency', 'Stage number 0 cannot copy from itself; name another stage.'],
      ['circular-stage-dependency', 'Stage number 0 cannot copy from itself; name another stage.'],
    ], [circularStageDependency]);
  });
});
