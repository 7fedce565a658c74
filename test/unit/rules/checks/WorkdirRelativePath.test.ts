import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = (path: string) =>
  `WORKDIR '${path}' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`;

describe('WorkdirRelativePath', () => {
  it('flags the first WORKDIR of a stage when it is relative', () => {
    checkDiagnostics('FROM alpine\nWORKDIR $[app$]\nWORKDIR src\nFROM alpine\nWORKDIR $[./data$]\n', [
      { code: 'WorkdirRelativePath', message: message('app') },
      { code: 'WorkdirRelativePath', message: message('./data') },
    ]);
  });

  it('checks the path after expansion, as the builder sees it', () => {
    checkDiagnostics('FROM alpine\nARG DIR=srv\nWORKDIR $[$DIR/app$]\n', [{ code: 'WorkdirRelativePath', message: message('srv/app') }]);
    checkDiagnostics('FROM alpine\nENV HOME=/home/app\nWORKDIR $HOME\n', []);
  });

  it('accepts later relative WORKDIRs and stages built from a stage that set one', () => {
    checkDiagnostics('FROM alpine AS base\nWORKDIR /app\nWORKDIR src\nFROM base\nWORKDIR test\n', []);
  });

  it('counts an ONBUILD WORKDIR of the base stage, which runs first in the stages built FROM it, and not in its own', () => {
    checkDiagnostics('FROM alpine:3.20 AS base\nONBUILD WORKDIR /srv\nWORKDIR $[rel$]\nFROM base AS mid\nWORKDIR rel\nFROM mid\nWORKDIR rel\n', [
      { code: 'WorkdirRelativePath', message: message('rel') },
    ]);
  });

  it('accepts drive paths on a Windows stage, but not on Linux', () => {
    checkDiagnostics('FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win\nWORKDIR C:\\\\app\n', [], {
      settings: { diagnostics: { rules: { FromPlatformFlagConstDisallowed: 'off' } } },
    });
    checkDiagnostics('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR $[C:/app$]\n', [{ code: 'WorkdirRelativePath', message: message('C:/app') }]);
  });
});
