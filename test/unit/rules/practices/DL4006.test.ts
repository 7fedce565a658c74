import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const only = ['DL4006'];
const message = `A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or ash with -o pipefail on Alpine) before this RUN.`;

describe('DL4006', () => {
  it('flags the first pipe of a RUN under the default shell', () => {
    checkDiagnostics('FROM debian:12\nRUN curl -fsSL https://x/install.sh $[|$] sh | tee log\nRUN <<EOF\nwget -O- https://x $[|$] tar x\nEOF\n', [
      { code: 'DL4006', message },
      { code: 'DL4006', message },
    ], { only });
  });

  it('a heredoc script with a #! line runs with that interpreter, not the SHELL: judged and told by its own #! line', () => {
    const script = "A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. This heredoc runs with its #! interpreter, which SHELL does not change: add set -o pipefail at the top of the script.";
    checkDiagnostics('FROM debian:12\nRUN <<EOF\n#!/bin/bash\ncurl -s x $[|$] tar x\nEOF\nONBUILD RUN <<EOF\n#!/bin/sh -e\ncurl -s x $[|$] tar x\nEOF\n', [
      { code: 'DL4006', message: script },
      { code: 'DL4006', message: script },
    ], { only });
    // `env -S` splits the options, so the script's shell sets pipefail; `set -o pipefail` in the script does too.
    checkDiagnostics('FROM debian:12\nRUN <<EOF\n#!/usr/bin/env -S bash -euo pipefail\ncurl -s x | tar x\nEOF\nRUN <<EOF\n#!/bin/bash\nset -eo pipefail\ncurl -s x | tar x\nEOF\n', [], { only });
    // Without `env -S` the kernel passes `-eo pipefail` as one argument, which no shell reads as the option.
    checkDiagnostics('FROM debian:12\nRUN <<EOF\n#!/bin/bash -eo pipefail\ncurl -s x $[|$] tar x\nEOF\n', [{ code: 'DL4006', message: script }], { only });
    // BuildKit looks for the `#!` after `<<-` strips tabs (frontend 1.21): a tab-indented one runs the script too.
    checkDiagnostics('FROM debian:12\nRUN <<-EOF\n\t#!/bin/bash\n\tcurl -s x $[|$] tar x\n\tEOF\n', [{ code: 'DL4006', message: script }], { only });
    // Without `<<-` the tab stays: the `#!` is a comment of the SHELL's script.
    checkDiagnostics('FROM debian:12\nRUN <<EOF\n\t#!/bin/bash\n\tcurl -s x $[|$] tar x\nEOF\n', [{ code: 'DL4006', message }], { only });
    // On a Windows image BuildKit gives the body to the shell whatever its first line.
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\nRUN <<EOF\n#!/bin/bash\ncurl -s x $[|$] tar x\nEOF\n', [{ code: 'DL4006', message }], { only });
  });

  it('a #! heredoc script is judged by its #! line even where the SHELL sets pipefail or is no POSIX shell: the SHELL does not run it', () => {
    const script = "A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. This heredoc runs with its #! interpreter, which SHELL does not change: add set -o pipefail at the top of the script.";
    checkDiagnostics(
      'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN <<EOF\n#!/bin/sh\ncurl -s x $[|$] tar x\nEOF\nONBUILD RUN <<EOF\n#!/bin/bash\ncurl -s x $[|$] tar x\nEOF\n' +
        'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN <<EOF\n#!/bin/bash\ncurl -s x $[|$] tar x\nEOF\n',
      [
        { code: 'DL4006', message: script },
        { code: 'DL4006', message: script },
        { code: 'DL4006', message: script },
      ],
      { only },
    );
    // A #! program that is no shell, joined to env -S or after a setting, is not read as shell text.
    checkDiagnostics('FROM debian:12\nRUN <<EOF\n#!/usr/bin/env -Spython3\nprint(a | b)\nEOF\nRUN <<EOF\n#!/usr/bin/env -S PYTHONUNBUFFERED=1 python3\nprint(a | b)\nEOF\n', [], { only });
    // What the SHELL runs keeps its pipefail; a #! line that sets it is still heard.
    checkDiagnostics('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN <<EOF\ncurl -s x | tar x\nEOF\nRUN <<EOF\n#!/usr/bin/env -S bash -o pipefail\ncurl -s x | tar x\nEOF\n', [], { only });
  });

  it('reads the #! line as Linux and GNU env do: env -iS, -vS and --split-string= set pipefail, a line that runs no shell has no pipes to judge', () => {
    const script = "A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. This heredoc runs with its #! interpreter, which SHELL does not change: add set -o pipefail at the top of the script.";
    const run = (line: string, pipe = '|') => `RUN <<EOF\n#!${line}\ncurl -s x ${pipe} tar x\nEOF\n`;
    checkDiagnostics(
      'FROM debian:12\n' + run('/usr/bin/env -iS bash -euo pipefail') + run('/usr/bin/env -vS bash -o pipefail') + run('/usr/bin/env -ivS bash -eo pipefail') +
        run('/usr/bin/env --split-string=bash -o pipefail') + run('/usr/bin/env --split=bash -euo pipefail') + run('/usr/bin/env -S -i bash -o pipefail') +
        // env fails on these (a program called "bash -o pipefail"; an unknown option "--split-string bash …"): no shell runs the body.
        run('/usr/bin/env bash -o pipefail') + run('/usr/bin/env --split-string bash -o pipefail'),
      [],
      { only },
    );
    // The shell these start has no pipefail.
    checkDiagnostics('FROM debian:12\n' + run('/usr/bin/env -iS bash -e', '$[|$]') + run('/usr/bin/env --split-string=bash -e', '$[|$]') + run('/usr/bin/env -vS sh', '$[|$]'), [
      { code: 'DL4006', message: script },
      { code: 'DL4006', message: script },
      { code: 'DL4006', message: script },
    ], { only });
  });

  it('accepts SHELL with pipefail, in the stage or its base stage', () => {
    checkDiagnostics('FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | sh\nFROM base\nRUN curl x | sh\n', [], { only });
    checkDiagnostics('FROM alpine:3\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN curl x | sh\n', [], { only });
  });

  it('accepts any POSIX shell given -o pipefail, /bin/sh and /usr/bin/bash too (hadolint flags those): it fails the pipe or every RUN', () => {
    checkDiagnostics('FROM alpine:3\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl x | sh\n', [], { only });
    checkDiagnostics('FROM fedora:41\nSHELL ["/usr/bin/bash", "-euo", "pipefail", "-c"]\nRUN curl x | sh\n', [], { only });
  });

  it('takes the base stage\'s ONBUILD SHELL, which runs first in the stage built FROM it, and not in that stage', () => {
    checkDiagnostics('FROM debian:12 AS base\nONBUILD SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x $[|$] sh\nFROM base\nRUN curl x | sh\n', [{ code: 'DL4006', message }], { only });
    checkDiagnostics('FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nONBUILD SHELL ["/bin/sh", "-c"]\nFROM base\nRUN curl x $[|$] sh\n', [{ code: 'DL4006', message }], { only });
  });

  it('starts again at each unrelated FROM, and counts a SHELL without pipefail as none', () => {
    checkDiagnostics('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl x $[|$] sh\n', [{ code: 'DL4006', message }], { only });
  });

  it('reads the command left of a pipe as the one written there, not one inside its $(…)', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN echo "$(cat f.sha512)  f" | sha512sum -c -\nRUN x="$(cat f)" && ls $(pwd) $[|$] wc -l\nRUN x="$(cat a $[|$] grep b)"\n',
      [{ code: 'DL4006', message }, { code: 'DL4006', message }],
      { only: ['DL4006'] },
    );
  });

  it('ignores pipes inside a command argument, whose status the command discards, and reports the next', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN echo "sum: $(sha256sum f | cut -c1-64)" && tar czf "/out/x_$(echo $P | sed s/a/b/).tgz" x && curl -fsSL u $[|$] apt-key add -\nRUN curl -fsSL https://go.dev/dl/go.linux-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tar.gz $[|$] tar xz\n',
      [{ code: 'DL4006', message }, { code: 'DL4006', message }],
      { only: ['DL4006'] },
    );
  });

  it('ignores pipes in the list of a for or select and the subject of a case, which the shell only expands, and reads their bodies', () => {
    checkDiagnostics(
      [
        'FROM debian:12',
        "RUN for file in $(git status --porcelain | awk '{print $2}'); do cp $file /out; done",
        'RUN for f in `ls | sort`; do echo "$f"; done && select x in $(ls | head -1); do break; done',
        'RUN case "$(uname -m | tr A-Z a-z)" in x86_64) echo amd64 ;; esac',
        'RUN for f in $(ls | sort); do cat "$f" $[|$] gzip > "$f.gz"; done',
        'RUN case $(uname -m | tr A-Z a-z) in x86_64) curl u $[|$] sh ;; esac',
        'RUN <<EOF',
        'for file in $(find . -name "*.go" | sort); do gofmt -l "$file"; done',
        'EOF',
        '',
      ].join('\n'),
      [{ code: 'DL4006', message }, { code: 'DL4006', message }],
      { only },
    );
  });

  it('ignores `yes | …`, which pipefail would break (yes ends on SIGPIPE)', () => {
    checkDiagnostics('FROM debian:12\nRUN yes | pecl install xdebug && yes y | ./configure\n', [], { only: ['DL4006'] });
  });

  it('ignores ||, | in quotes and case patterns, pipes from echo, exec form, set -o pipefail, PowerShell and Windows', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN a || b\nRUN echo "a|b" \'c|d\'\nRUN case "$x" in amd64|arm64) echo 64 ;; esac\nRUN echo "$SUM *f" | sha256sum -c -\nRUN ["sh", "-c", "a | b"]\nRUN set -eo pipefail; curl x | sh\n',
      [],
      { only },
    );
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\nFROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n', [], { only });
  });

  it('checks an ONBUILD RUN in the shell it runs in: the one the image ends with, as the earlier ONBUILD SHELL triggers change it', () => {
    checkDiagnostics(
      'FROM debian:12 AS base\nONBUILD RUN curl x $[|$] sh\nONBUILD SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nONBUILD RUN curl x | sh\nFROM base\nRUN true\n',
      [{ code: 'DL4006', message }],
      { only },
    );
    // The triggers run after the whole stage: a SHELL after them counts, one before them may not.
    checkDiagnostics('FROM debian:12\nONBUILD RUN curl x | sh\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n', [], { only });
    checkDiagnostics('FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nONBUILD RUN curl x $[|$] sh\nSHELL ["/bin/sh", "-c"]\n', [{ code: 'DL4006', message }], { only });
    checkDiagnostics('FROM debian:12\nONBUILD SHELL ["pwsh", "-Command"]\nONBUILD RUN Get-ChildItem | Select-Object Name\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nONBUILD RUN dir | findstr x\n', [], { only });
  });

  it('follows a `# hadolint shell=` pragma for a non-POSIX shell until a SHELL replaces the shell, in stages built FROM it and their triggers', () => {
    checkDiagnostics(
      [
        'FROM debian:12 AS base',
        '# hadolint shell=powershell',
        'RUN Get-ChildItem | Select-Object Name',
        'ONBUILD RUN Get-ChildItem | Select-Object Name',
        'ONBUILD SHELL ["/bin/sh", "-c"]',
        'ONBUILD RUN curl x $[|$] sh',
        'FROM debian:12 AS other',
        '# hadolint shell=pwsh',
        'RUN Get-ChildItem | Select-Object Name',
        'FROM other',
        'RUN Get-ChildItem | Select-Object Name',
        'SHELL ["/bin/sh", "-c"]',
        'RUN curl x $[|$] sh',
        '',
      ].join('\n'),
      [{ code: 'DL4006', message }, { code: 'DL4006', message }],
      { only },
    );
  });

  it('takes a stage for Windows only when the model does: a Linux image with "windows" in its name runs sh', () => {
    checkDiagnostics('FROM dockcross/windows-static-x64\nRUN curl x $[|$] sh\nFROM --platform=windows/amd64 busybox\nRUN dir | findstr x\nFROM mcr.microsoft.com/dotnet/sdk:9.0-nanoserver-1809\nRUN dir | findstr x\n', [{ code: 'DL4006', message }], { only });
  });
});
