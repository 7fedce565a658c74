// The best practices that read RUN text as a POSIX shell stay quiet where PowerShell or cmd runs it:
// a SHELL, a base stage's shell, a Windows image's default cmd, or a `# hadolint shell=` pragma.
import { describe, expect, it } from 'vitest';
import { PRACTICE_RULES } from '../../../../server/src/rules/practices';
import { checkDiagnostics, codesOf } from '../harness';

const practices = { practices: true };
const only = (codes: string[]) => codes.filter((code) => code.startsWith('DL'));
const RUN = 'RUN cd /x && sudo apt-get install foo && pip install x && apk add y && ln -s /bin/bash /bin/sh\n';
const UNDER_POSIX = ['DL3003', 'DL3004', 'DL3014', 'DL3015', 'DL3019', 'DL3042', 'DL4005'];
const SUDO = { code: 'DL3004', message: 'Do not use sudo: the build already runs as root unless a USER switches away. Run the command without sudo, and use USER to change users.' } as const;
const APT = { code: 'DL3027', message: 'apt is meant for interactive use and its command-line interface is not stable. Use apt-get (or apt-cache) in scripts.' } as const;
const PIPE = {
  code: 'DL4006',
  message: `A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or ash with -o pipefail on Alpine) before this RUN.`,
} as const;
const SHELL_RULES = ['DL3004', 'DL3027', 'DL4006'];

describe('best practices in the shell that runs the RUN', () => {
  it('read a POSIX shell text, PowerShell and cmd not', () => {
    expect(only(codesOf(`FROM debian:12\n${RUN}`, practices)).sort()).toEqual(UNDER_POSIX);
    expect(only(codesOf(`FROM debian:12\nSHELL ["pwsh", "-Command"]\n${RUN}`, practices))).toEqual([]);
    // A Windows image's default shell is cmd.
    expect(only(codesOf(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\n${RUN}`, practices))).toEqual([]);
    // ... until a SHELL sets a POSIX one, and in a stage built FROM it.
    expect(only(codesOf(`FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nSHELL ["bash", "-c"]\nFROM win\n${RUN}`, practices)).sort()).toEqual(UNDER_POSIX);
    expect(only(codesOf(`FROM debian:12 AS ps\nSHELL ["powershell", "-Command"]\nFROM ps\n${RUN}`, practices))).toEqual([]);
  });

  it('an ONBUILD RUN in the shell it runs in: the image\'s last, after the stage\'s earlier ONBUILD SHELL', () => {
    expect(only(codesOf(`FROM debian:12\nONBUILD ${RUN}SHELL ["pwsh", "-Command"]\n`, practices))).toEqual([]);
    expect(only(codesOf(`FROM debian:12\nONBUILD SHELL ["pwsh", "-Command"]\nONBUILD ${RUN}`, practices))).toEqual([]);
    expect(only(codesOf(`FROM debian:12\nSHELL ["pwsh", "-Command"]\nONBUILD SHELL ["sh", "-c"]\nONBUILD ${RUN}`, practices)).sort()).toEqual(UNDER_POSIX);
  });

  it('a # hadolint shell= pragma naming a non-POSIX shell turns them off while that shell is in effect', () => {
    expect(only(codesOf(`FROM debian:12\n# hadolint shell=powershell\n${RUN}${RUN}`, practices))).toEqual([]);
    // A SHELL replaces the shell the pragma spoke of.
    expect(only(codesOf(`FROM debian:12\n# hadolint shell=powershell\nSHELL ["bash", "-c"]\n${RUN}`, practices)).sort()).toEqual(UNDER_POSIX);
  });

  it('read an exec-form RUN, which runs no shell, under any SHELL', () => {
    const runs = 'RUN [$["apt"$], "install", "x"]\nRUN [$["sudo"$], "ls"]\n';
    checkDiagnostics(`FROM alpine:3\n${runs}`, [APT, SUDO], { only: SHELL_RULES });
    checkDiagnostics(`FROM alpine:3\nSHELL ["pwsh", "-c"]\n${runs}`, [APT, SUDO], { only: SHELL_RULES });
    checkDiagnostics('FROM alpine:3\nSHELL ["pwsh", "-c"]\nONBUILD RUN [$["sudo"$], "ls"]\n', [SUDO], { only: SHELL_RULES });
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN [$["sudo"$], "ls"]\n', [SUDO], { only: SHELL_RULES });
  });

  it('a later pragma naming a POSIX shell ends the override, and the model\'s shell decides again', () => {
    checkDiagnostics('FROM alpine:3\n# hadolint shell=powershell\nRUN sudo ls\n# hadolint shell=bash\nRUN $[sudo$] ls $[|$] cat\n', [SUDO, PIPE], { only: SHELL_RULES });
    checkDiagnostics('FROM alpine:3\n# hadolint shell=pwsh\nRUN sudo ls\n# hadolint shell=/bin/sh\nRUN $[sudo$] ls\n', [SUDO], { only: SHELL_RULES });
    // It speaks of the shell in effect: under a PowerShell SHELL, the rules stay quiet.
    checkDiagnostics('FROM alpine:3\nSHELL ["pwsh", "-c"]\n# hadolint shell=bash\nRUN sudo ls | cat\n', [], { only: SHELL_RULES });
    // A name that is neither leaves the override as it was.
    checkDiagnostics('FROM alpine:3\n# hadolint shell=powershell\n# hadolint shell=fish\nRUN sudo ls\n', [], { only: SHELL_RULES });
  });

  it('read the `#!` heredoc body of a Windows stage under a POSIX SHELL, which BuildKit gives to that shell, not the one a Linux image runs as a program', () => {
    const body = 'cd /x && sudo apt-get update && apt-get install foo && apt install z && pip install x && apk add y | cat\nzypper install w && yum install v && ln -s /bin/bash /bin/sh\n';
    const run = `RUN <<EOF\n#!/usr/bin/env python3\n${body}EOF\n`;
    const all = ['DL3003', 'DL3004', 'DL3009', 'DL3014', 'DL3015', 'DL3019', 'DL3027', 'DL3030', 'DL3032', 'DL3034', 'DL3036', 'DL3042', 'DL4005', 'DL4006'];
    // Without the `#!` line, the same body reads the same everywhere a POSIX shell runs it.
    expect(only(codesOf(`FROM debian:12\nSHELL ["bash", "-c"]\nRUN <<EOF\n${body}EOF\n`, practices)).sort()).toEqual(all);
    expect(only(codesOf(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\n${run}`, practices)).sort()).toEqual(all);
    expect(only(codesOf(`FROM debian:12\nSHELL ["bash", "-c"]\n${run}`, practices))).toEqual([]);
    expect(only(codesOf(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\n${run}`, practices))).toEqual([]);
    // An ONBUILD RUN, as the Windows stage that registers it reads it.
    expect(only(codesOf(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\nONBUILD ${run}`, practices))).toContain('DL3004');
  });

  it('every rule that reads RUN text says so', () => {
    const readers = PRACTICE_RULES.filter((rule) => rule.readsPosixShell).map((rule) => rule.code);
    expect(readers.sort()).toEqual(['DL3003', 'DL3004', 'DL3009', 'DL3014', 'DL3015', 'DL3019', 'DL3027', 'DL3030', 'DL3032', 'DL3034', 'DL3036', 'DL3038', 'DL3040', 'DL3042', 'DL3046', 'DL4005', 'SC1018', 'SC1100', 'SC1110']);
  });
});
