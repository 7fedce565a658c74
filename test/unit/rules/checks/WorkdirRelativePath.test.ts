import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = (path: string) =>
  `WORKDIR '${path}' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`;

/** The message for a drive path in a stage not known to build a Windows image. */
function windowsPath(path: string): string {
  return `WORKDIR '${path}' is a Windows path, but nothing says this stage builds a Windows image (a Microsoft Windows base image or --platform=windows/...), so BuildKit reads it as relative: it depends on the working directory of the base image.`;
}

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

  it('works out values the model leaves to the base image as a build with an empty one does', () => {
    // Each of these gives an absolute path without --build-arg and with a base image that sets nothing.
    const absolute = [
      'FROM alpine\nENV B=${B:-/x}\nWORKDIR $B\n',
      'FROM alpine\nENV X=$HOME/app\nWORKDIR $X\n',
      'FROM alpine\nENV PATH=/opt/bin:$PATH\nENV X=${PATH%%:*}\nWORKDIR $X\n',
      // An ENV reads the values from before it; an ARG sets each name before reading the next.
      'FROM alpine\nENV A=${A:-/x} B=${A:-/y}\nWORKDIR $B\n',
      'FROM alpine\nARG A=${A:-/x} B=${A:-rel}\nWORKDIR $B\n',
      // An ARG without a value is unset, not empty.
      'FROM alpine\nARG P\nWORKDIR ${P-/app}\n',
      'FROM alpine AS base\nENV B=${B:-/x}\nFROM base\nWORKDIR $B\n',
    ];
    for (const text of absolute) checkDiagnostics(text, [], { only: ['WorkdirRelativePath'] });
    checkDiagnostics('FROM alpine AS base\nENV B=${B:-rel}\nFROM base\nWORKDIR $[$B$]\n', [{ code: 'WorkdirRelativePath', message: message('rel') }], {
      only: ['WorkdirRelativePath'],
    });
    checkDiagnostics('FROM alpine\nARG P\nWORKDIR $[${P+set}$]\n', [
      {
        code: 'WorkdirRelativePath',
        message: "WORKDIR '${P+set}' expands to an empty path with the values this file gives (the base image may set more), which is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.",
      },
    ], { only: ['WorkdirRelativePath'] });
  });

  it('keeps a long chain of open values from growing the stack', () => {
    let text = 'FROM alpine\nENV V0=$UNSET\n';
    for (let i = 1; i <= 5000; i++) text += `ENV V${i}=\${V${i - 1}}\n`;
    // Every V is empty, so the path is /app; the harness fails on a rule that throws.
    checkDiagnostics(`${text}WORKDIR $V5000/app\n`, [], { only: ['WorkdirRelativePath'] });
  });

  it('accepts later relative WORKDIRs and stages built from a stage that set one', () => {
    checkDiagnostics('FROM alpine AS base\nWORKDIR /app\nWORKDIR src\nFROM base\nWORKDIR test\n', []);
  });

  it('counts an ONBUILD WORKDIR of the base stage, which runs first in the stages built FROM it, and not in its own', () => {
    checkDiagnostics('FROM alpine:3.20 AS base\nONBUILD WORKDIR /srv\nWORKDIR $[rel$]\nFROM base AS mid\nWORKDIR rel\nFROM mid\nWORKDIR rel\n', [
      { code: 'WorkdirRelativePath', message: message('rel') },
    ]);
  });

  it('takes the value an ONBUILD ENV gets in the stage built FROM its stage, from that stage\'s ARGs too', () => {
    // The trigger runs with the variables the base stage ends with, its ARGs included: APP is /optapp.
    checkDiagnostics('FROM alpine:3.20 AS base\nARG ROOT=/opt\nONBUILD ENV APP=${ROOT}app\nFROM base\nWORKDIR $APP\n', [], { only: ['WorkdirRelativePath'] });
    checkDiagnostics('FROM alpine:3.20 AS base\nARG ROOT=opt\nONBUILD ENV APP=${ROOT}/app\nFROM base\nWORKDIR $[$APP$]\n', [{ code: 'WorkdirRelativePath', message: message('opt/app') }], {
      only: ['WorkdirRelativePath'],
    });
  });

  it('expands with the variable BuildKit has set last: an ARG with a value over an ENV, and an ARG without one over nothing', () => {
    const only = { only: ['WorkdirRelativePath'] };
    // BuildKit adds an ARG's value to the build's environment, over an ENV of the same name.
    checkDiagnostics('FROM alpine:3.20\nENV D=rel\nARG D=/srv\nWORKDIR $D\n', [], only);
    checkDiagnostics('FROM alpine:3.20 AS base\nENV D=rel\nFROM base\nARG D=/srv\nWORKDIR $D\n', [], only);
    checkDiagnostics('FROM alpine:3.20\nENV D=/srv\nARG D=rel\nWORKDIR $[$D$]\n', [{ code: 'WorkdirRelativePath', message: message('rel') }], only);
    // An ARG without a value adds nothing, so what was set before stays.
    checkDiagnostics('FROM alpine:3.20\nARG D=/srv\nARG D\nWORKDIR $D\n', [], only);
    checkDiagnostics('FROM alpine:3.20\nENV D=/srv\nARG D\nWORKDIR $D\n', [], only);
  });

  it('accepts drive paths on a Windows stage, but not on Linux', () => {
    checkDiagnostics('FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win\nWORKDIR C:\\\\app\n', [], {
      settings: { diagnostics: { rules: { FromPlatformFlagConstDisallowed: 'off' } } },
    });
    // A Microsoft Windows image is a Windows stage without a --platform too (and so is a stage built FROM it).
    checkDiagnostics('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS win\nWORKDIR C:/app\nFROM win\nWORKDIR D:\\\\work\n', []);
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR $[app$]\n', [
      { code: 'WorkdirRelativePath', message: "WORKDIR 'app' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with a drive, such as 'C:\\'." },
    ]);
    checkDiagnostics('FROM alpine:3.20\nWORKDIR $[C:/app$]\n', [{ code: 'WorkdirRelativePath', message: windowsPath('C:/app') }]);
    // With the default escape character, `C:\app` is read as `C:app`: the message says how to write it.
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR $[C:\\app\\bin$]\n', [
      {
        code: 'WorkdirRelativePath',
        message:
          "WORKDIR 'C:appbin' is relative: with '\\' as the escape character, BuildKit reads 'C:\\app\\bin' as 'C:appbin'. Write 'C:/app/bin' or 'C:\\\\app\\\\bin', or make the backtick the escape character with '# escape=`' on the first line.",
      },
    ]);
    checkDiagnostics('# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\\bin\n', []);
    // Doubled backslashes already give the drive path `C:\app\bin`: on a stage not known to be Windows that is
    // relative because of the OS, not the escape character, so the message does not ask to double them again.
    checkDiagnostics('FROM myregistry/windows-builder:1\nWORKDIR $[C:\\\\app\\\\bin$]\n', [{ code: 'WorkdirRelativePath', message: windowsPath('C:\\app\\bin') }]);
    // A Windows stage reads a variable's name in any case, so the path is the ENV's.
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV MyDir=C:/app\nWORKDIR $MYDIR\n', []);
    // A known platform decides over the image's name.
    checkDiagnostics('FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS linux\nWORKDIR $[C:/app$]\n', [{ code: 'WorkdirRelativePath', message: windowsPath('C:/app') }], {
      settings: { diagnostics: { rules: { FromPlatformFlagConstDisallowed: 'off' } } },
    });
  });
});
