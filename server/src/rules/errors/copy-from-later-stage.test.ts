import { describe, it } from 'vitest';
import { copyFromLaterStage } from './copy-from-later-stage';
import { checkErrors } from './testing';

describe('copy-from-later-stage', () => {
  it('reports --from naming a stage defined further down, by name or number', () => {
    checkErrors('FROM alpine AS app\nCOPY --from=$[build$] /out /app\nCOPY --from=$[1$] /x /y\nFROM alpine AS build\nFROM alpine\nCOPY --from=app /app /app\nCOPY --from=0 /a /b\nRUN --mount=from=later,target=/x true\nFROM alpine AS later\n', [
      ['copy-from-later-stage', 'Stage "build" is defined after this stage ("app"), so it cannot be copied from yet. Move the stage above this one.'],
      ['copy-from-later-stage', 'Stage "build" is defined after this stage ("app"), so it cannot be copied from yet. Move the stage above this one.'],
    ], [copyFromLaterStage]);
  });

  it('binds a name used twice to its last stage, as BuildKit does', () => {
    checkErrors('FROM alpine AS a\nFROM alpine AS b\nCOPY --from=$[a$] /x /y\nFROM alpine AS a\n', [
      ['copy-from-later-stage', 'Stage "a" is defined after this stage ("b"), so it cannot be copied from yet. Move the stage above this one.'],
    ], [copyFromLaterStage]);
  });

  it('reads a signed number as BuildKit does: +1 is stage 1', () => {
    checkErrors('FROM alpine AS app\nCOPY --from=$[+1$] /x /y\nCOPY --from=$[+01$] /x /y\nFROM alpine AS build\nFROM alpine\nCOPY --from=-0 /x /y\n', [
      ['copy-from-later-stage', 'Stage "build" is defined after this stage ("app"), so it cannot be copied from yet. Move the stage above this one.'],
      ['copy-from-later-stage', 'Stage "build" is defined after this stage ("app"), so it cannot be copied from yet. Move the stage above this one.'],
    ], [copyFromLaterStage]);
  });
});
