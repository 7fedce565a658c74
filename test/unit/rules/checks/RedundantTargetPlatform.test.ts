import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

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
});
