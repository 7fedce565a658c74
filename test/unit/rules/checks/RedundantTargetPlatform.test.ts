import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

describe('RedundantTargetPlatform', () => {
  it('flags --platform=$TARGETPLATFORM in both spellings', () => {
    checkDiagnostics('FROM $[--platform=$TARGETPLATFORM$] alpine\nFROM $[--platform=${TARGETPLATFORM}$] alpine\n', [
      { code: 'RedundantTargetPlatform', message: "'--platform=$TARGETPLATFORM' asks for the target platform, which every stage uses by default; remove the flag." },
      { code: 'RedundantTargetPlatform', message: "'--platform=${TARGETPLATFORM}' asks for the target platform, which every stage uses by default; remove the flag." },
    ]);
  });

  it('accepts other platform expressions', () => {
    checkDiagnostics('FROM --platform=$BUILDPLATFORM alpine\nFROM --platform=$TARGETOS/$TARGETARCH alpine\nFROM --platform=${TARGETPLATFORM%/*}/arm64 alpine\n', []);
  });

  it('removes the flag', () => {
    checkFix('FROM --platform=$TARGETPLATFORM  alpine AS base\n', 'RedundantTargetPlatform', 'Remove the redundant --platform flag', 'FROM alpine AS base\n');
  });

  it('offers no removal when a global ARG declares TARGETPLATFORM: the flag then takes its value from that ARG', () => {
    // BuildKit still warns, but `FROM alpine` would build for the requested platform, not linux/arm64 (or what --build-arg TARGETPLATFORM says).
    for (const text of ['ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n', 'ARG TARGETPLATFORM\nFROM --platform=${TARGETPLATFORM} alpine\n']) {
      expect(fixTitles(text, 'RedundantTargetPlatform')).toEqual(['Skip RedundantTargetPlatform for this instruction', 'Skip RedundantTargetPlatform in this file']);
    }
  });
});
