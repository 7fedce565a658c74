import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = (platform: string) =>
  `'--platform=${platform}' pins this stage to one platform, which breaks building for others; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform if pinning is intended.`;

describe('FromPlatformFlagConstDisallowed', () => {
  it('flags a constant platform', () => {
    checkDiagnostics('FROM $[--platform=linux/amd64$] alpine\nFROM $[--platform=linux/arm64$] alpine AS build\n', [
      { code: 'FromPlatformFlagConstDisallowed', message: message('linux/amd64') },
      { code: 'FromPlatformFlagConstDisallowed', message: message('linux/arm64') },
    ]);
  });

  it('accepts variables, and stages named after the OS or architecture', () => {
    checkDiagnostics('FROM --platform=$BUILDPLATFORM alpine\nFROM --platform=linux/arm64 alpine AS build-arm64\nFROM --platform=windows/amd64 alpine AS windows-build\n', []);
  });
});
