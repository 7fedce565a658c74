// A RUN that is only a heredoc starting with `#!`: on a Linux image BuildKit writes the body to a file
// and runs it, so the kernel reads the line (syntax/shebang.ts). A line that gives env one argument that
// env cannot use (`#!/usr/bin/env bash -e`: the kernel passes "bash -e" as one argument, a program
// nobody has) fails the step, or starts the script again without end (`#!/usr/bin/env`). A line that
// names no interpreter is left alone: BuildKit runs the file through the SHELL (`/bin/sh -c
// /dev/pipes/EOF`), and a POSIX shell runs a file the kernel refuses (ENOEXEC) as a script of its own.
// Reported only where GNU env and BusyBox env both fail (`shebangFailure`), at the `#!` line; BuildKit
// accepts the file, so the error comes when the stage is built. An ONBUILD RUN's trigger fails in the
// stages that run it.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { heredocShebang, heredocStripOffset, runIsOnlyHeredoc, shebangCommand, shebangFailure, type EnvFailure } from '../../syntax';
import type { InstructionRule } from '../types';
import { fixesFromData, withFixes } from './common';

/** A heredoc name BuildKit makes a plain script path of (`/dev/pipes/NAME`), which env reads as no setting, option or words. */
const PLAIN_NAME = /^[A-Za-z0-9_.+-]+$/;

const WAYS = 'use -S, which makes env split the rest into words, as in #!/usr/bin/env -S bash -e (GNU env 8.30 or later), or the interpreter\'s own path with at most one argument, as in #!/bin/bash -e.';

/** What one env does, after "GNU env" or "BusyBox env". */
function does(failure: EnvFailure): string {
  switch (failure.kind) {
    case 'refused':
      return 'refuses it';
    case 'itself':
      return 'finds no program in it and runs the script itself, whose #! line starts env again';
    case 'no-program':
      return `looks for a program called "${failure.name}", which does not exist (exit 127)`;
  }
}

export const shebangRunsNothing: InstructionRule = {
  code: 'shebang-runs-nothing',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A RUN heredoc whose #! line runs no program on Linux (#!/usr/bin/env bash -e), so the step fails or never ends.',
  url: 'https://docs.docker.com/reference/dockerfile/#here-documents',
  raisedWhen: 'dispatch',
  check(node, report, _escape, _text, windowsImage) {
    if (!runIsOnlyHeredoc(node, node.heredocs)) return;
    const heredoc = node.heredocs[0];
    if (!PLAIN_NAME.test(heredoc.name) || heredoc.name === '.' || heredoc.name === '..') return;
    const line = heredocShebang(heredoc, windowsImage);
    if (line === undefined) return;
    const failure = shebangFailure(line);
    if (!failure) return;
    const start = heredoc.body.start + heredocStripOffset(heredoc);
    const at = { start, end: start + 2 + line.length, ...(node.name === 'ONBUILD' ? { raisedWhen: 'target' as const } : {}) };
    const { interpreter, argument, gnu, busybox } = failure;
    if (argument === '') {
      report({
        ...at,
        message: `${interpreter} gets no argument from this #! line, only the script's path, so it runs the script itself, whose #! line starts env again: the step never ends. Name the program, as in #!${interpreter} bash.`,
      });
      return;
    }
    const same = JSON.stringify(gnu) === JSON.stringify(busybox);
    const outcome = same ? `env ${does(gnu)}` : `GNU env ${does(gnu)}, and BusyBox env ${does(busybox)}`;
    const ends = gnu.kind === 'itself' && busybox.kind === 'itself' ? 'the step never ends' : gnu.kind === 'itself' || busybox.kind === 'itself' ? 'the step fails or never ends' : 'the step fails';
    // `env prog args` runs prog once -S splits the argument; a leading option is left to the author.
    const fixed = `${interpreter} -S ${argument}`;
    const fix = !argument.startsWith('-') && shebangCommand(fixed) !== undefined;
    const way = fix ? `Write #!${fixed} (GNU env 8.30 or later), or use the interpreter's own path with at most one argument, as in #!/bin/bash -e.` : `To pass several words, ${WAYS}`;
    report({
      ...at,
      message: `Linux gives ${interpreter} everything after it on this #! line as one argument, "${argument}": ${outcome}, so ${ends}. ${way}`,
      data: withFixes(fix ? { title: `Change to #!${fixed}`, newText: '-S ', offset: 2 + failure.argumentStart, length: 0, preferred: true } : undefined),
    });
  },
  fixes: fixesFromData,
};
