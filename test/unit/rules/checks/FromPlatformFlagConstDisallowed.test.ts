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

  it('flags a constant platform whose variant has dots, as containerd parses it', () => {
    checkDiagnostics('FROM $[--platform=windows/amd64/10.0.17763$] alpine\n', [{ code: 'FromPlatformFlagConstDisallowed', message: message('windows/amd64/10.0.17763') }]);
    // The OS part takes no dots: containerd refuses the platform, and the check says nothing.
    checkDiagnostics('FROM --platform=linux.x/amd64 alpine\n', [], { only: ['FromPlatformFlagConstDisallowed'] });
  });

  it('accepts variables, and stages named after the OS or architecture', () => {
    checkDiagnostics('FROM --platform=$BUILDPLATFORM alpine\nFROM --platform=linux/arm64 alpine AS build-arm64\nFROM --platform=windows/amd64 alpine AS windows-build\n', []);
  });
});
