import { describe, expect, it } from 'vitest';
import { checkDiagnostics, diagnosticsOf } from '../harness';

const message = 'Do not use sudo: the build already runs as root unless a USER switches away. Run the command without sudo, and use USER to change users.';
const only = ['DL3004'];

describe('DL3004', () => {
  it('flags sudo in command position, after operators, behind env and inside $(…)', () => {
    checkDiagnostics(
      'FROM alpine:3\nRUN $[sudo$] apk add curl && echo ok; $[sudo$] -u app make | tee log\nRUN env A=1 $[/usr/bin/sudo$] ls && X=$($[sudo$] cat /f)\n',
      [
        { code: 'DL3004', message },
        { code: 'DL3004', message },
        { code: 'DL3004', message },
        { code: 'DL3004', message },
      ],
      { only },
    );
  });

  it('follows line continuations and reads shell heredoc scripts', () => {
    checkDiagnostics('FROM alpine:3\nRUN echo a \\\n  && $[sudo$] ls\nRUN <<EOF\nset -e\n$[sudo$] ls\nEOF\n', [{ code: 'DL3004', message }, { code: 'DL3004', message }], { only });
  });

  it('reads the script of a RUN that is only its heredoc when a line continuation splits the marker', () => {
    checkDiagnostics(
      'FROM alpine:3\nRUN <<\\\nEOF\n$[sudo$] ls\nEOF\nONBUILD RUN << \\\n  EOF\n$[sudo$] ls\nEOF\nRUN <<\\\nEOF\n#!/usr/bin/env python3\nsudo = 1\nEOF\n',
      [{ code: 'DL3004', message }, { code: 'DL3004', message }],
      { only },
    );
  });

  it('reads a heredoc a shell reads as its input, not one an interpreter named as the command reads', () => {
    checkDiagnostics(
      'FROM alpine:3\nRUN bash -e <<EOF\n$[sudo$] ls\nEOF\nRUN python3 <<EOF\nsudo = 1\nEOF\nRUN /usr/bin/env node - <<EOF\nsudo ls\nEOF\nRUN <<EOF perl\nsudo ls\nEOF\n',
      [{ code: 'DL3004', message }],
      { only },
    );
  });

  it('reads a body a shell runs from standard input, behind wrappers or through a plain cat, not the data of a shell that has its script elsewhere', () => {
    checkDiagnostics(
      'FROM alpine:3\nRUN bash -c \'echo hi\' <<EOF\nsudo rm -rf /\nEOF\nRUN sh ./setup.sh <<EOF\nsudo ls\nEOF\nRUN sh 3<<EOF\nsudo ls\nEOF\nRUN cat -n <<EOF | sh\nsudo ls\nEOF\n' +
        'RUN bash <<EOF\n$[sudo$] x\nEOF\nRUN <<EOF\n$[sudo$] x\nEOF\nRUN env A=1 sh -s <<EOF\n$[sudo$] ls\nEOF\nRUN cat <<EOF | bash\n$[sudo$] ls\nEOF\n',
      [{ code: 'DL3004', message }, { code: 'DL3004', message }, { code: 'DL3004', message }, { code: 'DL3004', message }],
      { only },
    );
  });

  it('reads a `#!` heredoc body in a Windows stage, where BuildKit gives it to the stage\'s shell, not on Linux, where the program runs it', () => {
    const run = 'RUN <<EOF\n#!/usr/bin/env python3\n$[sudo$] ls\nEOF\n';
    const plain = run.replace(/\$\[|\$\]/g, '');
    checkDiagnostics(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["bash", "-c"]\n${run}FROM alpine:3\nSHELL ["bash", "-c"]\n${plain}`, [{ code: 'DL3004', message }], { only });
    // A POSIX shell a base stage's ONBUILD SHELL sets; the Windows image comes from that base too.
    checkDiagnostics(`FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\nONBUILD SHELL ["bash", "-c"]\nFROM base\n${run}`, [{ code: 'DL3004', message }], { only });
    // Under the Windows default, cmd, the RUN is not read as a POSIX shell's at all.
    checkDiagnostics(`FROM mcr.microsoft.com/windows/servercore:ltsc2022\n${plain}`, [], { only });
  });

  it('ignores `command -v sudo` and `command -V sudo`, which only look the command up', () => {
    checkDiagnostics('FROM alpine:3\nRUN if command -v sudo >/dev/null; then echo has; fi && command -V sudo\nRUN command -p $[sudo$] ls\n', [{ code: 'DL3004', message }], { only });
  });

  it('ignores sudo as an argument, in quotes, in comments and in heredocs run by another interpreter', () => {
    checkDiagnostics(
      'FROM alpine:3\nRUN echo sudo && apk add sudo && echo "sudo ls" # sudo\nRUN <<EOF\n#!/usr/bin/env python3\nsudo = 1\nEOF\nRUN cat <<EOF > /etc/motd\nsudo ls\nEOF\nCMD sudo ls\n',
      [],
      { only },
    );
  });

  it('is a warning, not an error, with the hadolint wiki as its documentation', () => {
    checkDiagnostics('FROM alpine:3\nRUN $[sudo$] ls\n', [{ code: 'DL3004', message, severity: 'warning' }], { only });
    const [diagnostic] = diagnosticsOf('FROM alpine:3\nRUN sudo ls\n', { practices: true }).filter((d) => d.code === 'DL3004');
    expect(diagnostic.codeDescription).toEqual({ href: 'https://github.com/hadolint/hadolint/wiki/DL3004' });
  });

  it('reads ONBUILD RUN and exec-form RUN', () => {
    checkDiagnostics('FROM alpine:3\nONBUILD RUN $[sudo$] ls\nRUN [$["sudo"$], "ls"]\n', [{ code: 'DL3004', message }, { code: 'DL3004', message }], { only });
  });
  it('reads the heredoc scripts of ONBUILD RUN as those of RUN, and a pragma above the ONBUILD silences them', () => {
    checkDiagnostics(
      'FROM alpine:3\nONBUILD RUN <<EOF\nset -e\n$[sudo$] ls\nEOF\nONBUILD RUN bash -e <<EOF\n$[sudo$] id\nEOF\nONBUILD RUN <<EOF\n#!/usr/bin/env python3\nsudo = 1\nEOF\nONBUILD RUN cat <<EOF > /etc/motd\nsudo ls\nEOF\n# hadolint ignore=DL3004\nONBUILD RUN <<EOF\nsudo ls\nEOF\n',
      [{ code: 'DL3004', message }, { code: 'DL3004', message }],
      { only },
    );
  });
});
