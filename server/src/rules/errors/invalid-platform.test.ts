import { describe, it } from 'vitest';
import { invalidPlatform } from './invalid-platform';
import { checkErrors } from './testing';

describe('invalid-platform', () => {
  it('reports a --platform that is empty or invalid with the global ARG defaults', () => {
    checkErrors('ARG PLATFORM\nARG BAD=linux/*\nFROM --platform=$[$PLATFORM$] alpine\nFROM --platform=$[${BAD}$] alpine\n', [
      ['invalid-platform', '--platform=$PLATFORM is empty when the build is given no --build-arg. Give the global ARG a default, or use $BUILDPLATFORM or $TARGETPLATFORM.'],
      ['invalid-platform', '--platform=${BAD} becomes "linux/*" with the global ARG defaults, which is not a platform such as linux/amd64: wildcards are not supported.'],
    ], [invalidPlatform]);
  });

  it('says that no build argument helps when the ARG is not declared', () => {
    checkErrors('ARG BUILD_PLATFORM=linux/amd64\nFROM --platform=$[$BUILDPLATFROM$] alpine\n', [
      ['invalid-platform', '--platform=$BUILDPLATFROM is always empty: no ARG before the first FROM declares BUILDPLATFROM, and a --build-arg sets only declared ARGs. Declare it with a default, or use $BUILDPLATFORM or $TARGETPLATFORM.'],
    ], [invalidPlatform]);
  });

  it('reports a one-word value that is neither an OS nor an architecture', () => {
    checkErrors('ARG ARCH=arm64v8\nARG OK=aarch64\nFROM --platform=$[$ARCH$] alpine\nFROM --platform=$OK alpine\nFROM --platform=$TARGETARCH alpine\nFROM --platform=$TARGETOS alpine\n', [
      ['invalid-platform', '--platform=$ARCH becomes "arm64v8" with the global ARG defaults, which is not a platform such as linux/amd64: "arm64v8" is neither an operating system (linux, windows, …) nor an architecture (amd64, arm64, …) that BuildKit knows.'],
    ], [invalidPlatform]);
  });

  it('accepts the automatic platform ARGs, defaults and literal values', () => {
    checkErrors('ARG P=linux/arm64\nFROM --platform=$BUILDPLATFORM alpine\nFROM --platform=${TARGETOS}/${TARGETARCH} alpine\nFROM --platform=$P alpine\nFROM --platform=linux/amd64 alpine\n', [], [invalidPlatform]);
  });
});
