import { describe, expect, it } from 'vitest';
import { invalidImageReference } from './invalid-image-reference';
import { checkErrors, checkFix, fixesAt } from './testing';

describe('invalid-image-reference', () => {
  const rules = [invalidImageReference];

  it('reports an image that is empty without build arguments, like BuildKit\'s "base name should not be blank"', () => {
    checkErrors('ARG BASE\nFROM $[${BASE}$]\nFROM $[$UNDECLARED$] AS two\n', [
      ['invalid-image-reference', 'The image ${BASE} is empty when the build is given no --build-arg. Give the global ARG a default (ARG BASE=<image>), or pass --build-arg BASE=<image> to every build.'],
      ['invalid-image-reference', 'The image $UNDECLARED is always empty: no ARG before the first FROM declares UNDECLARED, and a --build-arg sets only declared ARGs. Declare it with a default: ARG UNDECLARED=<image>.'],
    ], rules);
  });

  it('says the quotes are empty, and names no ARG, when FROM "" has no variable (BuildKit: base name should not be blank)', () => {
    checkErrors('FROM $[""$] AS foo\nFROM $[\'\'$]\n', [
      ['invalid-image-reference', 'The image "" is empty: the quotes hold no name. Name an image, such as alpine:3.20, or scratch for an empty one.'],
      ['invalid-image-reference', "The image '' is empty: the quotes hold no name. Name an image, such as alpine:3.20, or scratch for an empty one."],
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
    // Of two earlier stages of that name, FROM means the nearer.
    checkErrors('FROM alpine AS Build\nFROM alpine AS BUILD\nFROM $[BUILD$]\n', [
      ['invalid-image-reference', 'FROM BUILD does not name the stage "BUILD": stage names are matched in lower case, so this is read as an image, and image names must be lower case. Write FROM build.'],
    ], rules);
    checkFix('FROM alpine AS BuildStage\nFROM Build$0Stage\n', 'invalid-image-reference', 'Change to buildstage', 'FROM alpine AS BuildStage\nFROM buildstage\n');
  });

  it('reports a name of exactly 64 lower-case hexadecimal digits, which BuildKit refuses as an image ID (ParseNormalizedNamed)', () => {
    const id = '0123456789abcdef'.repeat(4);
    const digits = '1'.repeat(64);
    const why = '(64 hexadecimal digits read as an image ID, not a name)';
    checkErrors(`ARG ID=${id}\nFROM $[${id}$]\nFROM $[$ID$]\nCOPY --from=$[${id}$] /x /x\nCOPY --from=$[${digits}$] /x /x\nRUN --mount=from=$[${id}$],target=/t true\n`, [
      ['invalid-image-reference', `"${id}" is not a valid image reference ${why}: write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`],
      ['invalid-image-reference', `"${id}" is not a valid image reference ${why}: write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20. With the global ARG defaults, $ID becomes "${id}".`],
      ['invalid-image-reference', `--from=${id} names no stage of this file, so BuildKit reads it as an image (or a named build context), and "${id}" is not a valid image reference ${why}: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`],
      // Too large for a stage number (strconv.Atoi), so a name, and then an image ID.
      ['invalid-image-reference', `--from=${digits} names no stage of this file, so BuildKit reads it as an image (or a named build context), and "${digits}" is not a valid image reference ${why}: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`],
      ['invalid-image-reference', `from=${id} names no stage of this file, so BuildKit reads it as an image (or a named build context), and "${id}" is not a valid image reference ${why}: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`],
    ], rules);
  });

  it('accepts such a name with a tag, a digest or a registry, other lengths, and a stage of that name', () => {
    const id = '0123456789abcdef'.repeat(4);
    checkErrors(
      `FROM ${id}:latest\nFROM ${id}@sha256:${'a'.repeat(64)}\nFROM docker.io/library/${id}\nFROM library/${id}\nFROM ${id.slice(1)}\nFROM ${id}0 AS ${'a'.repeat(64)}\n` +
        `FROM ${'a'.repeat(64)}\nCOPY --from=${'a'.repeat(64)} /x /x\n`,
      [],
      rules,
    );
    // Upper-case digits are no image ID: the name is refused for its case instead.
    checkErrors(`FROM $[${id.toUpperCase()}$]\n`, [
      ['invalid-image-reference', `"${id.toUpperCase()}" is not a valid image reference (repository name must be lowercase): write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`],
    ], rules);
  });

  it('reports a COPY --from or --mount from= that names no stage and is not a valid image reference, as BuildKit reads it as one', () => {
    checkErrors('FROM alpine:3.20\nCOPY --from=$[MyImage:1.0$] /x /x\nRUN --mount=from=$[Tools:latest$],target=/t echo\nRUN --mount=type=cache,target=/c,"from=$[a..b$]" true\n', [
      ['invalid-image-reference', '--from=MyImage:1.0 names no stage of this file, so BuildKit reads it as an image (or a named build context), and "MyImage:1.0" is not a valid image reference (repository name must be lowercase): name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
      ['invalid-image-reference', 'from=Tools:latest names no stage of this file, so BuildKit reads it as an image (or a named build context), and "Tools:latest" is not a valid image reference (repository name must be lowercase): name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
      ['invalid-image-reference', 'from=a..b names no stage of this file, so BuildKit reads it as an image (or a named build context), and "a..b" is not a valid image reference: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
    ], rules);
  });

  it('reads the value as BuildKit does, without the quotes and escape characters of the flag', () => {
    checkErrors('FROM alpine\nCOPY --from=$["Quoted"$] /x /x\nCOPY --from=$[Esc\\aped$] /x /x\n', [
      ['invalid-image-reference', '--from=Quoted names no stage of this file, so BuildKit reads it as an image (or a named build context), and "Quoted" is not a valid image reference (repository name must be lowercase): name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
      ['invalid-image-reference', '--from=Escaped names no stage of this file, so BuildKit reads it as an image (or a named build context), and "Escaped" is not a valid image reference (repository name must be lowercase): name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
    ], rules);
  });

  it('reads a negative number in --mount from= as a name, and suggests a stage that is close', () => {
    checkErrors('FROM alpine AS build\nFROM alpine\nRUN --mount=from=$[-1$],target=/t true\nCOPY --from=$[Biuld$] /x /x\n', [
      ['invalid-image-reference', 'from=-1 names no stage of this file, so BuildKit reads it as an image (or a named build context), and "-1" is not a valid image reference: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.'],
      ['invalid-image-reference', '--from=Biuld names no stage of this file, so BuildKit reads it as an image (or a named build context), and "Biuld" is not a valid image reference (repository name must be lowercase). Did you mean the stage build?'],
    ], rules);
    checkFix('FROM alpine AS build\nFROM alpine\nCOPY --from=Bi$0uld /x /x\n', 'invalid-image-reference', 'Change to build', 'FROM alpine AS build\nFROM alpine\nCOPY --from=build /x /x\n');
  });

  it('suggests only a stage the reference can name without another error', () => {
    // A stage above this one only: not its own stage, nor one further down (stage-defined-later).
    expect(fixesAt('FROM alpine AS build\nRUN --mount=from=Bi$0uld,target=/t true\n', 'invalid-image-reference').actions).toEqual([]);
    expect(fixesAt('FROM alpine AS build\nCOPY --from=Bi$0uld /x /x\n', 'invalid-image-reference').actions).toEqual([]);
    expect(fixesAt('FROM alpine\nCOPY --from=Bi$0uld /x /x\nFROM alpine AS build\n', 'invalid-image-reference').actions).toEqual([]);
    expect(fixesAt('FROM alpine\nRUN --mount=from=Bi$0uld,target=/t true\nFROM alpine AS build\n', 'invalid-image-reference').actions).toEqual([]);
    // Of two stages with one name, the name means the last: here one further down.
    expect(fixesAt('FROM alpine AS build\nFROM alpine AS mid\nCOPY --from=Bi$0uld /x /x\nFROM mid AS build\n', 'invalid-image-reference').actions).toEqual([]);
    // Nor a stage above that needs this one through a reference to a stage further down (a cycle).
    expect(fixesAt('FROM alpine AS build\nRUN --mount=from=app,target=/t true\nFROM alpine AS app\nCOPY --from=Bi$0uld /x /x\n', 'invalid-image-reference').actions).toEqual([]);
    checkFix('FROM alpine AS build\nFROM alpine\nCOPY --from=Bi$0uld /x /x\n', 'invalid-image-reference', 'Change to build', 'FROM alpine AS build\nFROM alpine\nCOPY --from=build /x /x\n');
    checkFix('FROM alpine AS build\nFROM alpine\nRUN --mount=from=Bi$0uld,target=/t true\n', 'invalid-image-reference', 'Change to build', 'FROM alpine AS build\nFROM alpine\nRUN --mount=from=build,target=/t true\n');
  });

  it('accepts stages in any case and anywhere in the file, stage numbers, valid images and build contexts, and leaves variables and quotes to other rules', () => {
    checkErrors(
      'FROM alpine AS Build\nCOPY --from=LATER /x /x\nFROM alpine\nCOPY --from=BUILD /x /x\nCOPY --from=1 /x /x\nCOPY --from=-1 /x /x\nCOPY --from=nginx:1.27 /x /x\nCOPY --from=ghcr.io/org/tools:V2 /x /x\n' +
        'COPY --from=my-context /x /x\nCOPY --from=my_reg.io/tools/app:1 /x /x\nCOPY --from=scratch /x /x\nRUN --mount=from=Build,target=/b --mount=from=busybox:1.36,target=/c true\nCOPY --from=$IMAGE /x /x\nCOPY --from=${Image:-Bad} /x /x\nCOPY --from=\'"q"\' /x /x\n' +
        'RUN --mount=from=$Tools,target=/t true\nFROM alpine AS later\n',
      [],
      rules,
    );
  });
});
