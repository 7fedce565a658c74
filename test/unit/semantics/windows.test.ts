// Windows stages and their shells: which stages evidently build a Windows image, and what a
// variable in the text of PowerShell or cmd resolves to.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../server/src/semantics';
import { isWindowsImage, platformOS } from '../../../server/src/semantics/windows';
import { SyntaxTree } from '../../../server/src/syntax';

function model(text: string) {
  return analyze(SyntaxTree.parse(text));
}

/** Each use as `text -> declaration line (value)`, `text -> local` or `text -> unresolved`. */
function uses(text: string): string[] {
  const m = model(text);
  return m.uses
    .filter((u) => u.stage >= 0)
    .map((u) => {
      const written = text.slice(u.span.start, u.span.end);
      if (u.ref.local) return `${written} -> local`;
      if (!u.declaration) return `${written} -> unresolved`;
      const line = text.slice(0, u.declaration.nameSpan.start).split('\n').length;
      return `${written} -> line ${line} (${u.value})`;
    });
}

describe('Windows images and platforms', () => {
  it('names Microsoft publishes Windows images under', () => {
    const windows = [
      'mcr.microsoft.com/windows/servercore:ltsc2022',
      'mcr.microsoft.com/windows/nanoserver:ltsc2025',
      'mcr.microsoft.com/windows/servercore/iis',
      'mcr.microsoft.com/windows:ltsc2019',
      'mcr.microsoft.com/dotnet/framework/sdk:4.8.1',
      'mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-1809',
      'python:3.12-windowsservercore-ltsc2022',
      'golang:1.26-nanoserver',
      'microsoft/windowsservercore',
      'mcr.microsoft.com/windows/servercore:$TAG',
    ];
    const others = [
      'alpine',
      'mcr.microsoft.com/dotnet/sdk:9.0',
      'mcr.microsoft.com/powershell:lts-ubuntu-22.04',
      'dockcross/windows-static-x64',
      'ghcr.io/acme/windows:1',
      'mcr.microsoft.com/windows/servercore:${TAG:-ltsc2022}',
      '$BASE:ltsc2022',
      'not a reference',
    ];
    expect(windows.filter((image) => !isWindowsImage(image))).toEqual([]);
    expect(others.filter((image) => isWindowsImage(image))).toEqual([]);
  });

  it('the OS a --platform names, when it names one', () => {
    expect(['windows/amd64', 'Windows', 'windows(10.0.17763)/amd64', 'linux/arm64/v8', 'linux', 'arm64', ''].map(platformOS)).toEqual([
      'windows',
      'windows',
      'windows',
      'linux',
      'linux',
      undefined,
      undefined,
    ]);
  });

  it('a stage is Windows by its known --platform, else by its base stage or its image', () => {
    const text = [
      'ARG TAG=ltsc2022',
      'ARG OS=windows',
      'FROM mcr.microsoft.com/windows/servercore:${TAG} AS win',
      'FROM win AS child',
      'FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022',
      'FROM --platform=windows/amd64 busybox',
      'FROM --platform=$OS busybox',
      'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/windows/nanoserver:ltsc2022',
      'FROM alpine',
      'FROM --platform=windows/amd64 alpine AS w2',
      'FROM w2',
      '',
    ].join('\n');
    expect(model(text).stages.map((s) => s.windows)).toEqual([true, true, false, true, true, true, false, true, true]);
    // A tag whose variable is never declared resolves to no tag, but the repository still tells.
    expect(model('FROM mcr.microsoft.com/windows/servercore:${TAG}\n').stages[0].windows).toBe(true);
  });
});

describe('variables in the text of a Windows shell', () => {
  it('with a PowerShell SHELL, $env:NAME is the ARG or ENV and $NAME the script\'s own', () => {
    const text = 'FROM alpine\nARG V=1\nENV E=2\nSHELL ["pwsh", "-Command"]\nRUN echo $env:V ${env:E} $V $E\nCMD echo $env:E $env:V $E\n';
    expect(uses(text)).toEqual([
      '$env:V -> line 2 (1)',
      '${env:E} -> line 3 (2)',
      '$V -> local',
      '$E -> local',
      '$env:E -> line 3 (2)',
      // The container has no build arguments.
      '$env:V -> unresolved',
      '$E -> local',
    ]);
  });

  it('a Windows stage runs cmd by default: %NAME% reads the environment, `$` nothing', () => {
    const text = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV E=2\nRUN echo %E% $E\nRUN ["sh", "-c", "echo $E"]\n';
    expect(uses(text)).toEqual(['%E% -> line 2 (2)', '$E -> line 2 (2)']);
  });

  it('names differ in case only where Windows reads them: one ENV of another case is it', () => {
    expect(uses('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV Path=C:/x\nRUN echo %PATH% %path%\n')).toEqual(['%PATH% -> line 2 (C:/x)', '%path% -> line 2 (C:/x)']);
  });

  it('the shell carries into a stage built FROM the stage, after that stage\'s ONBUILD SHELL, until a SHELL changes it', () => {
    const text = [
      'FROM alpine AS base',
      'ENV E=2',
      'SHELL ["powershell", "-Command"]',
      'ONBUILD SHELL ["cmd", "/S", "/C"]',
      'RUN echo $env:E',
      'FROM base AS child',
      'RUN echo %E% $env:E',
      'SHELL ["/bin/sh", "-c"]',
      'RUN echo $E %E%',
      'FROM child',
      'RUN echo $E %E%',
      '',
    ].join('\n');
    expect(uses(text)).toEqual(['$env:E -> line 2 (2)', '%E% -> line 2 (2)', '$E -> line 2 (2)', '$E -> line 2 (2)']);
  });

  it('a Linux stage keeps reading its shell form as a POSIX shell\'s, even with the backtick escape', () => {
    expect(uses('# escape=`\nFROM alpine\nENV E=2\nRUN echo $E %E% $env:E\n')).toEqual(['$E -> line 3 (2)', '$env -> unresolved']);
  });
});

describe('the shell at each instruction', () => {
  /** Each instruction line with the shell its shell form runs in: `kind` and the SHELL's words, or `default`. */
  function shells(text: string): string[] {
    const m = model(text);
    const out: string[] = [];
    m.tree.forEach((node, _start, index) => {
      if (node.kind !== 'instruction') return;
      const shell = m.shellAt(index);
      out.push(`${m.tree.nodeText(index).trimEnd()} -> ${shell ? `${shell.kind} ${shell.command?.join(' ') ?? 'default'}` : 'none'}`);
    });
    return out;
  }

  it('is the SHELL before it, the base stage\'s after its ONBUILD SHELL, and for an ONBUILD trigger the one a later build runs it in', () => {
    const text = [
      'ARG V=1',
      'FROM alpine AS base',
      'RUN a',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      'RUN b',
      'ONBUILD RUN c',
      'ONBUILD SHELL ["cmd", "/S", "/C"]',
      'ONBUILD RUN d',
      'SHELL ["pwsh", "-Command"]',
      'FROM base',
      'RUN e',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022',
      'RUN f',
      '',
    ].join('\n');
    expect(shells(text)).toEqual([
      'ARG V=1 -> none',
      'FROM alpine AS base -> posix default',
      'RUN a -> posix default',
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"] -> posix default',
      'RUN b -> posix /bin/bash -o pipefail -c',
      // After the whole stage: the image's last SHELL, not the one at its line.
      'ONBUILD RUN c -> powershell pwsh -Command',
      'ONBUILD SHELL ["cmd", "/S", "/C"] -> powershell pwsh -Command',
      'ONBUILD RUN d -> cmd cmd /S /C',
      'SHELL ["pwsh", "-Command"] -> posix /bin/bash -o pipefail -c',
      'FROM base -> cmd cmd /S /C',
      'RUN e -> cmd cmd /S /C',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 -> cmd default',
      'RUN f -> cmd default',
    ]);
    expect(model(text).stages.map((s) => `${s.shellAtEnd.kind} ${s.shellAtEnd.command?.join(' ') ?? 'default'}`)).toEqual([
      'powershell pwsh -Command',
      'cmd cmd /S /C',
      'cmd default',
    ]);
  });

  it('a HEALTHCHECK runs in the shell the image ends with, which the container checks in', () => {
    const text = 'FROM alpine:3\nENV FOO=1\nHEALTHCHECK CMD echo $env:FOO\nRUN echo $FOO\nSHELL ["pwsh","-c"]\n';
    expect(shells(text)).toEqual([
      'FROM alpine:3 -> posix default',
      'ENV FOO=1 -> posix default',
      'HEALTHCHECK CMD echo $env:FOO -> powershell pwsh -c',
      'RUN echo $FOO -> posix default',
      'SHELL ["pwsh","-c"] -> posix default',
    ]);
    expect(uses(text)).toEqual(['$env:FOO -> line 2 (1)', '$FOO -> line 2 (1)']);
    // A SHELL before it and none after: the same shell either way.
    expect(uses('FROM alpine:3\nENV FOO=1\nSHELL ["cmd", "/S", "/C"]\nHEALTHCHECK CMD echo %FOO%\n')).toEqual(['%FOO% -> line 2 (1)']);
  });

  it('an ONBUILD trigger\'s shell form is read in the shell it runs in', () => {
    const text = 'FROM alpine\nENV E=1\nONBUILD RUN echo $env:E $E\nONBUILD SHELL ["cmd", "/S", "/C"]\nONBUILD CMD echo %E% $E\nSHELL ["pwsh", "-Command"]\n';
    expect(uses(text)).toEqual(['$env:E -> line 2 (1)', '$E -> local', '%E% -> line 2 (1)']);
  });
});

describe('the ENTRYPOINT in effect at the end of a stage', () => {
  it('its own last one, else its base stage\'s ONBUILD ENTRYPOINT, else the base stage\'s; ENTRYPOINT [] clears it', () => {
    const text = [
      'FROM alpine AS a',
      'ENTRYPOINT ["/app"]',
      'ONBUILD ENTRYPOINT []',
      'FROM a AS b',
      'FROM alpine AS c',
      'ENTRYPOINT /start.sh',
      'FROM c AS d',
      'FROM d',
      'ENTRYPOINT []',
      'FROM alpine',
      '',
    ].join('\n');
    expect(model(text).stages.map((s) => s.hasEntrypoint)).toEqual([true, false, true, true, false, false]);
  });
});

describe('names in a Windows stage match regardless of case, as BuildKit on Windows reads them', () => {
  const SERVERCORE = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';

  it('a later ENV of a name in another case replaces the earlier one, for every spelling', () => {
    expect(uses(`${SERVERCORE}ENV MyVar=1\nENV MYVAR=2\nRUN echo %MyVar% %myvar% %MYVAR%\n`)).toEqual([
      '%MyVar% -> line 3 (2)',
      '%myvar% -> line 3 (2)',
      '%MYVAR% -> line 3 (2)',
    ]);
    // Within one ENV too, left to right.
    expect(uses(`${SERVERCORE}ENV Ab=1 AB=2\nRUN echo %AB% %ab%\n`)).toEqual(['%AB% -> line 2 (2)', '%ab% -> line 2 (2)']);
  });

  it('what the builder expands reads names in any case too, and agrees with the shell', () => {
    expect(uses(`${SERVERCORE}ENV MyDir=C:/app\nENV Sub=$mydir/sub\nWORKDIR $MYDIR\nRUN echo %MYDIR% %sub%\n`)).toEqual([
      '$mydir -> line 2 (C:/app)',
      '$MYDIR -> line 2 (C:/app)',
      '%MYDIR% -> line 2 (C:/app)',
      '%sub% -> line 3 (C:/app/sub)',
    ]);
  });

  it('an ARG replaces an ENV of another case while the image builds; the container sees the ENV', () => {
    expect(uses(`${SERVERCORE}ENV MYVAR=2\nARG myvar=1\nRUN echo %MyVar%\nCMD echo %MyVar%\n`)).toEqual(['%MyVar% -> line 3 (1)', '%MyVar% -> line 2 (2)']);
  });

  it('a stage ARG takes the value of the global ARG of exactly its name, as BuildKit pairs them on any OS', () => {
    expect(uses(`ARG Tag=1\nARG V=2\n${SERVERCORE}ARG TAG\nARG V\nRUN echo %tag% %v%\n`)).toEqual(['%tag% -> line 4 (undefined)', '%v% -> line 5 (2)']);
  });

  it('a stage built FROM a Windows stage folds the names it inherits', () => {
    expect(uses(`${SERVERCORE.replace('\n', ' AS base\n')}ENV MyVar=1\nFROM base\nENV MYVAR=2\nRUN echo %myvar%\n`)).toEqual(['%myvar% -> line 4 (2)']);
  });

  it('a Linux stage matches names exactly, PowerShell there included', () => {
    expect(uses('FROM alpine\nENV MyVar=1\nENV MYVAR=2\nRUN echo $MyVar $myvar\n')).toEqual(['$MyVar -> line 2 (1)', '$myvar -> unresolved']);
    const pwsh = 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nENV MyVar=1\nSHELL ["pwsh", "-Command"]\nRUN echo $env:myvar $env:MyVar\n';
    expect(model(pwsh).stages[0].windows).toBe(false);
    expect(uses(pwsh)).toEqual(['$env:myvar -> unresolved', '$env:MyVar -> line 2 (1)']);
  });

  it('resolves a name the stage does not declare without walking its scope (linear in the file)', () => {
    // Counts the steps of every Map iteration while the model is built: the old fallback, which
    // looked through the whole scope for each such name, took declarations × references of them.
    const iteratorPrototype = Object.getPrototypeOf(new Map().entries()) as { next: () => unknown };
    const next = iteratorPrototype.next;
    const stepsToAnalyze = (references: number): number => {
      const lines = [SERVERCORE];
      for (let i = 0; i < 1000; i++) lines.push(`ENV V${i}=x\n`);
      for (let i = 0; i < references; i++) lines.push(`RUN echo %undefined${i}%\n`, `WORKDIR C:/$Undefined${i}\n`);
      const text = lines.join('');
      let steps = 0;
      iteratorPrototype.next = function (this: unknown) {
        steps++;
        return next.call(this);
      };
      try {
        const built = model(text);
        expect(built.uses.filter((u) => !u.declaration)).toHaveLength(2 * references);
      } finally {
        iteratorPrototype.next = next;
      }
      return steps;
    };
    expect(stepsToAnalyze(1000)).toBe(stepsToAnalyze(1));
  });
});
