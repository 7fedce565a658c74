import { describe, expect, it } from 'vitest';
import { circularStageDependency } from './circular-stage-dependency';
import { stageDefinedLater } from './stage-defined-later';
import { analyzeText, checkErrors, runRules } from './testing';

const COPY_BUILD_INTO_APP =
  'Stage "build" is defined after stage "app", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "build" above stage "app".';

describe('stage-defined-later', () => {
  it('reports COPY --from naming a stage further down, by name (any case) or number, as BuildKit does', () => {
    checkErrors(
      'FROM busybox AS app\nCOPY --from=$[build$] /out /app\nCOPY --from=$[BUILD$] /out /app\nCOPY --from=$[1$] /x /y\nFROM alpine AS build\nRUN make\nFROM alpine\nCOPY --from=app /app /app\nCOPY --from=0 /a /b\n',
      [
        ['stage-defined-later', COPY_BUILD_INTO_APP],
        ['stage-defined-later', COPY_BUILD_INTO_APP],
        // Moved up, the stage would no longer be number 1: stage "app" would, and copy from itself.
        [
          'stage-defined-later',
          'Stage "build" is defined after stage "app", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "build" above stage "app" and copy --from=build: a number would name another stage once the stages move.',
        ],
      ],
      [stageDefinedLater],
    );
  });

  it('tells two stages of one name apart by their lines (--from names the last of them)', () => {
    checkErrors('FROM alpine AS build\nCOPY --from=$[build$] /x /y\nFROM scratch AS build\n', [
      [
        'stage-defined-later',
        'Stage "build" (line 3) is defined after stage "build" (line 1), so it is not built yet when this COPY runs (BuildKit builds stages in file order). Both stages are named "build" and the name means the last of them, so moving that stage up would make this COPY copy from its own stage: give the two stages different names.',
      ],
    ], [stageDefinedLater]);
  });

  it('tells two stages of one name apart by line when a number names the later one, and advises a name of its own, not the number (nor the name the two share), once moved', () => {
    checkErrors('FROM alpine AS build\nCOPY --from=$[1$] /x /y\nFROM scratch AS build\n', [
      [
        'stage-defined-later',
        'Stage "build" (line 3) is defined after stage "build" (line 1), so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "build" (line 3) above stage "build" (line 1) and give it another name to copy from (AS name, then --from=name): a number would name another stage once the stages move.',
      ],
    ], [stageDefinedLater]);
  });

  it('does not advise moving a stage of the same name up, whose name would then mean the stage itself (names match in any case)', () => {
    checkErrors('FROM alpine AS Build\nRUN --mount=from=$[build$],target=/t true\nFROM scratch AS build\n', [
      [
        'stage-defined-later',
        'Stage "build" (line 3) is defined after stage "Build" (line 1), so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. Both stages are named "build" and the name means the last of them, so moving that stage up would make this RUN mount from its own stage: give the two stages different names.',
      ],
    ], [stageDefinedLater]);
  });

  it('reports a --mount from= naming a stage further down', () => {
    checkErrors('FROM alpine AS app\nRUN --mount=from=$[tools$],target=/t true\nRUN --mount=type=cache,from=$[Tools$],target=/c true\nFROM alpine AS tools\nFROM alpine\nRUN --mount=from=tools,target=/t true\n', [
      ['stage-defined-later', 'Stage "tools" is defined after stage "app", so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. Move stage "tools" above stage "app".'],
      ['stage-defined-later', 'Stage "tools" is defined after stage "app", so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. Move stage "tools" above stage "app".'],
    ], [stageDefinedLater]);
  });

  it('links a mount to the RUN --mount reference and a COPY to the COPY --from one', () => {
    const diagnostics = runRules(analyzeText('FROM alpine AS app\nRUN --mount=from=tools,target=/t true\nCOPY --from=tools /a /b\nFROM alpine AS tools\n'), [stageDefinedLater]);
    expect(diagnostics.map((d) => d.codeDescription?.href)).toEqual([
      'https://docs.docker.com/reference/dockerfile/#run---mount',
      'https://docs.docker.com/reference/dockerfile/#copy---from',
    ]);
  });

  it('binds a name used twice to its last stage, as BuildKit does', () => {
    checkErrors('FROM alpine AS a\nFROM alpine AS b\nCOPY --from=$[a$] /x /y\nRUN --mount=from=$[a$],target=/t true\nFROM alpine AS a\nFROM alpine AS c\nCOPY --from=a /x /y\n', [
      ['stage-defined-later', 'Stage "a" is defined after stage "b", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "a" above stage "b".'],
      ['stage-defined-later', 'Stage "a" is defined after stage "b", so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. Move stage "a" above stage "b".'],
    ], [stageDefinedLater]);
  });

  it('reads a signed number as BuildKit does (+1 and +01 are stage 1), and names unnamed stages by number', () => {
    checkErrors('FROM alpine\nCOPY --from=$[+1$] /x /y\nCOPY --from=$[+01$] /x /y\nFROM alpine\nCOPY --from=$[2$] /x /y\nFROM alpine\n', [
      ['stage-defined-later', 'Stage number 1 is defined after stage number 0, so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage number 1 above stage number 0 and give it a name to copy from (AS name, then --from=name): a number would name another stage once the stages move.'],
      ['stage-defined-later', 'Stage number 1 is defined after stage number 0, so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage number 1 above stage number 0 and give it a name to copy from (AS name, then --from=name): a number would name another stage once the stages move.'],
      ['stage-defined-later', 'Stage number 2 is defined after stage number 1, so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage number 2 above stage number 1 and give it a name to copy from (AS name, then --from=name): a number would name another stage once the stages move.'],
    ], [stageDefinedLater]);
  });

  it('leaves cycles, a stage naming itself included, to circular-stage-dependency, which BuildKit checks first', () => {
    checkErrors(
      'FROM alpine AS a\nCOPY --from=$[b$] /x /x\nCOPY --from=$[c$] /x /x\nFROM alpine AS b\nRUN --mount=from=$[a$],target=/a true\nCOPY --from=$[b$] /x /y\nCOPY --from=$[1$] /x /y\nFROM alpine AS c\n',
      [
        ['circular-stage-dependency', 'Circular dependency: stage "a" needs stage "b", which needs stage "a" in turn (directly or through other stages). One of them has to come first.'],
        ['stage-defined-later', 'Stage "c" is defined after stage "a", so it is not built yet when this COPY runs (BuildKit builds stages in file order). Move stage "c" above stage "a".'],
        ['circular-stage-dependency', 'Circular dependency: stage "b" needs stage "a", which needs stage "b" in turn (directly or through other stages). One of them has to come first.'],
        ['circular-stage-dependency', 'Stage "b" cannot copy from itself; name another stage.'],
        ['circular-stage-dependency', 'Stage "b" cannot copy from itself; name another stage.'],
      ],
      [stageDefinedLater, circularStageDependency],
    );
  });

  it('leaves images, named contexts, variables and out-of-range numbers to other rules', () => {
    checkErrors('FROM alpine AS app\nCOPY --from=nginx:1.27 /a /b\nCOPY --from=$STAGE /a /b\nCOPY --from=5 /a /b\nRUN --mount=from=docs,target=/d true\nFROM alpine AS build\n', [], [stageDefinedLater]);
  });
});
