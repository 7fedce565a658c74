import { describe, expect, it } from 'vitest';
import { shebangRunsNothing } from './shebang-runs-nothing';
import { checkErrors, checkFix } from './testing';

const WAYS =
  "use -S, which makes env split the rest into words, as in #!/usr/bin/env -S bash -e (GNU env 8.30 or later), or the interpreter's own path with at most one argument, as in #!/bin/bash -e.";
const ITSELF = 'finds no program in it and runs the script itself, whose #! line starts env again';
const given = (argument: string, rest: string) => `Linux gives /usr/bin/env everything after it on this #! line as one argument, "${argument}": ${rest}`;
const withS = (argument: string) =>
  `Write #!/usr/bin/env -S ${argument} (GNU env 8.30 or later), or use the interpreter's own path with at most one argument, as in #!/bin/bash -e.`;
const run = (line: string) => `RUN <<EOF\n$[#!${line}$]\necho hi\nEOF\n`;

describe('shebang-runs-nothing', () => {
  it('reports a #! line env finds no program in: a name with blanks, an option it refuses, none at all', () => {
    checkErrors(
      'FROM debian\n' +
        run('/usr/bin/env bash -e') +
        run('/usr/bin/env --split-string bash -o pipefail') +
        run('/usr/bin/env -i -S bash') +
        run('/usr/bin/env') +
        run('/usr/bin/env FOO=1 python3') +
        run('/usr/bin/env -S') +
        run('/usr/bin/env --debug'),
      [
        ['shebang-runs-nothing', given('bash -e', 'env looks for a program called "bash -e", which does not exist (exit 127), so the step fails. ') + withS('bash -e')],
        ['shebang-runs-nothing', given('--split-string bash -o pipefail', `env refuses it, so the step fails. To pass several words, ${WAYS}`)],
        ['shebang-runs-nothing', given('-i -S bash', `env refuses it, so the step fails. To pass several words, ${WAYS}`)],
        [
          'shebang-runs-nothing',
          "/usr/bin/env gets no argument from this #! line, only the script's path, so it runs the script itself, whose #! line starts env again: the step never ends. Name the program, as in #!/usr/bin/env bash.",
        ],
        ['shebang-runs-nothing', given('FOO=1 python3', `env ${ITSELF}, so the step never ends. `) + withS('FOO=1 python3')],
        ['shebang-runs-nothing', given('-S', `GNU env ${ITSELF}, and BusyBox env refuses it, so the step fails or never ends. To pass several words, ${WAYS}`)],
        ['shebang-runs-nothing', given('--debug', `GNU env ${ITSELF}, and BusyBox env refuses it, so the step fails or never ends. To pass several words, ${WAYS}`)],
      ],
      [shebangRunsNothing],
    );
  });

  it('reads the line <<- leaves, reports it in an ONBUILD trigger, and blanks around it do not matter', () => {
    checkErrors(
      'FROM debian\nRUN <<-EOF\n\t\t$[#!/usr/bin/env bash -e$]\n\techo hi\n\tEOF\nONBUILD RUN <<\'EOF\'\n$[#! /usr/bin/env  bash -e $]\nEOF\n',
      [
        ['shebang-runs-nothing', given('bash -e', 'env looks for a program called "bash -e", which does not exist (exit 127), so the step fails. ') + withS('bash -e')],
        ['shebang-runs-nothing', given('bash -e', 'env looks for a program called "bash -e", which does not exist (exit 127), so the step fails. ') + withS('bash -e')],
      ],
      [shebangRunsNothing],
    );
  });

  it('accepts lines that run a program, those one env runs or leaves without failing, and a #! without interpreter, which the SHELL runs', () => {
    const fine = [
      '/usr/bin/env bash',
      '/usr/bin/env -S bash -e',
      '/usr/bin/env -iS bash -e',
      '/usr/bin/env --split-string=bash -o pipefail',
      '/bin/bash -e',
      '/bin/bash -eo pipefail',
      ' /bin/sh',
      '/usr/bin/env python3',
      '/usr/bin/python3 -u',
      // env prints its environment or help and exits 0.
      '/usr/bin/env -u',
      '/usr/bin/env --unset',
      '/usr/bin/env --help',
      // Newer BusyBox may know -0 (GNU refuses it with a program); -S ${X} depends on X.
      '/usr/bin/env -0',
      '/usr/bin/env -S ${SHELL} -e',
      // Too long for Linux before 5.1 to read whole: what it runs depends on the kernel.
      `/usr/bin/env bash${' '.repeat(120)}-e`,
      // No interpreter: the kernel refuses the file (ENOEXEC), but BuildKit runs it through the SHELL
      // (/bin/sh -c /dev/pipes/EOF), and a POSIX shell then runs the file as a shell script of its own.
      '',
      ' \t',
    ];
    checkErrors('FROM debian\n' + fine.map((line) => `RUN <<EOF\n#!${line}\necho hi\nEOF\n`).join(''), [], [shebangRunsNothing]);
  });

  it('leaves Windows images, a RUN that is more than the heredoc, COPY heredocs and script names env would read', () => {
    checkErrors(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN <<EOF\n#!/usr/bin/env bash -e\nEOF\n' +
        'FROM debian\nRUN <<EOF bash\n#!/usr/bin/env bash -e\nEOF\nRUN cat <<EOF\n#!/usr/bin/env bash -e\nEOF\n' +
        'COPY <<EOF /x.sh\n#!/usr/bin/env bash -e\nEOF\nRUN <<A=B\n#!/usr/bin/env\nA=B\nRUN <<"A B"\n#!/usr/bin/env -S\nA B\n',
      [],
      [shebangRunsNothing],
    );
  });

  it('adds -S after env as the fix', () => {
    expect(
      checkFix(
        'FROM debian\nRUN <<EOF\n#!/usr/bin/env $0bash -euo pipefail\nset\nEOF\n',
        'shebang-runs-nothing',
        'Change to #!/usr/bin/env -S bash -euo pipefail',
        'FROM debian\nRUN <<EOF\n#!/usr/bin/env -S bash -euo pipefail\nset\nEOF\n',
      ),
    ).toEqual(['*Change to #!/usr/bin/env -S bash -euo pipefail']);
  });
});
