import { describe, it } from 'vitest';
import { invalidImageReference } from './invalid-image-reference';
import { checkErrors, checkFix } from './testing';

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
