// Tests of the rules about the file's stages: instruction-before-from, missing-from,
// invalid-image-reference, copy-from-later-stage, invalid-stage-index, circular-stage-dependency.
import { describe, it } from 'vitest';
import { circularStageDependency } from './circular-stage-dependency';
import { copyFromLaterStage } from './copy-from-later-stage';
import { instructionBeforeFrom } from './instruction-before-from';
import { invalidImageReference } from './invalid-image-reference';
import { invalidStageIndex } from './invalid-stage-index';
import { missingFrom } from './missing-from';
import { checkErrors, checkFix } from './testing';

describe('instruction-before-from', () => {
  it('reports what comes before the first FROM except ARG, as BuildKit did on its json test file', () => {
    checkErrors('# syntax=docker/dockerfile:1\nARG V=1\n$[CMD$] ["echo"]\n$[run$] make\nFROM alpine\nRUN make\n', [
      ['instruction-before-from', 'CMD comes before the first FROM, so it belongs to no build stage. Only ARG may come before FROM; start the stage with FROM <image> above this line.'],
      ['instruction-before-from', 'RUN comes before the first FROM, so it belongs to no build stage. Only ARG may come before FROM; start the stage with FROM <image> above this line.'],
    ], [instructionBeforeFrom]);
  });

  it('leaves unknown instructions to unknown-instruction', () => {
    checkErrors('FORM alpine\nFROM alpine\n', [], [instructionBeforeFrom]);
  });
});

describe('missing-from', () => {
  it('reports a file of ARGs only', () => {
    checkErrors('# a comment\n$[ARG$] A=1\nARG B\n', [
      ['missing-from', 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.'],
    ], [missingFrom]);
    checkErrors('RUN x\n', [], [missingFrom]);
  });
});

describe('invalid-image-reference', () => {
  const rules = [invalidImageReference];

  it('reports an image that is empty without build arguments, like BuildKit\'s "base name should not be blank"', () => {
    checkErrors('ARG BASE\nFROM $[${BASE}$]\nFROM $[$UNDECLARED$] AS two\n', [
      ['invalid-image-reference', 'The image ${BASE} is empty when the build is given no --build-arg. Give the global ARG a default (ARG BASE=<image>), or pass --build-arg BASE=<image> to every build.'],
      ['invalid-image-reference', 'The image $UNDECLARED is empty when the build is given no --build-arg. Give the global ARG a default (ARG UNDECLARED=<image>), or pass --build-arg UNDECLARED=<image> to every build.'],
    ], rules);
  });

  it('reports an invalid reference after substitution, as in the corpus', () => {
    checkErrors('ARG TAG\nARG VARIANT=onbuild\nFROM $[golang:${TAG}$]\nFROM $[docker:${TAG}-dind$]\nFROM $[REPLACE-ME$]\n', [
      ['invalid-image-reference', '"golang:" is not a valid image reference (bad tag): write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20. With the global ARG defaults, golang:${TAG} becomes "golang:".'],
      ['invalid-image-reference', '"docker:-dind" is not a valid image reference (bad tag): write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20. With the global ARG defaults, docker:${TAG}-dind becomes "docker:-dind".'],
      ['invalid-image-reference', '"REPLACE-ME" is not a valid image reference (repository name must be lowercase): write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
    ], rules);
  });

  it('accepts images, scratch, earlier stages (also through a variable), and values it cannot know', () => {
    checkErrors(
      'ARG GO=1.22\nARG FROM_STAGE=build\nARG UNKNOWN=${SOMETHING:-x}\nFROM golang:${GO}-alpine AS build\nFROM ${FROM_STAGE}\nFROM scratch\nFROM build\n' +
        'FROM ghcr.io/org/app@sha256:' + 'a'.repeat(64) + '\nFROM --platform=$BUILDPLATFORM alpine:${TARGETARCH}\nFROM alpine${TARGETVARIANT}\n',
      [],
      rules,
    );
  });

  it('explains a stage named in upper case, which BuildKit reads as an image', () => {
    checkErrors('FROM alpine AS BuildStage\nFROM $[BuildStage$]\n', [
      ['invalid-image-reference', 'FROM BuildStage does not name the stage "BuildStage": stage names are matched in lower case, so this is read as an image, and image names must be lower case. Write FROM buildstage.'],
    ], rules);
    checkFix('FROM alpine AS BuildStage\nFROM Build$0Stage\n', 'invalid-image-reference', 'Change to buildstage', 'FROM alpine AS BuildStage\nFROM buildstage\n');
  });
});

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
});

describe('invalid-stage-index', () => {
  it('reports a stage number past the last stage', () => {
    checkErrors('FROM alpine\nFROM alpine\nCOPY --from=$[5$] /a /b\nCOPY --from=1 /a /b\n', [
      ['invalid-stage-index', 'There is no stage 5: stages are numbered from 0, and this file has 2 (0 to 1). Naming the stage (FROM ... AS build, then --from=build) is clearer.'],
    ], [invalidStageIndex]);
  });
});

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
});
