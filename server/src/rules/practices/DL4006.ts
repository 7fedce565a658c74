// DL4006: a RUN with a pipe while the shell is the default `/bin/sh -c` without `-o pipefail`.
// A pipeline succeeds when its last command does, so `curl … | tar x` goes on after a failed
// download. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or ash's) before it.
// The shell is the model's: the SHELL in effect (in the stage, in the stage it is built FROM or by
// that stage's `ONBUILD SHELL`, which hadolint does not follow), else the image's default, cmd in
// a Windows stage. An `ONBUILD RUN` is checked in the shell it runs in: the one the image ends with,
// as the stage's earlier `ONBUILD SHELL` triggers change it.
// Not flagged: exec-form RUN; pipes that start with echo or printf (nothing to hide) or yes
// (pipefail would fail it); pipes inside a command's arguments (`echo "$(a | b)"`: the command
// discards their status) or inside the list of a `for` or the subject of a `case`
// (`for f in $(a | b)`: the shell only expands them); a shell that sets `-o pipefail` or is not a POSIX shell (PowerShell, cmd);
// a RUN that starts with `set -o pipefail` itself; a `# hadolint shell=` pragma naming a non-POSIX shell.
// Any shell that is given `-o pipefail` counts, `/bin/sh` and `/usr/bin/bash` too, where hadolint
// accepts only bash, zsh and ash (by those names or in /bin): an sh that knows the option (busybox
// ash, bash as sh) fails a pipe as asked, and one that does not (older dash) fails every RUN with "Illegal
// option -o pipefail", so no failure goes unnoticed either way.
// A RUN that is only a heredoc whose body starts with `#!` (on a non-Windows image) is a script that
// BuildKit writes to a file and runs with that interpreter, so the SHELL's options do not reach it:
// it is not flagged when its `#!` line sets pipefail (`#!/usr/bin/env -S bash -euo pipefail`), it is
// flagged even where the SHELL sets pipefail (or is PowerShell), and the message asks for
// `set -o pipefail` in the script rather than for a SHELL.

import type { Shell } from '../../semantics';
import { heredocShebang, runIsOnlyHeredoc, shebangCommand, type InstructionNode, type Span } from '../../syntax';
import type { StageRule } from '../types';
import { practiceMeta } from './meta';
import { setsShellOption } from './options';
import { commandLines, runCommands, type RunScript } from './shell';
import { walkShells } from './shellAt';

/** What a shell does with pipes: 'fails' (pipefail set), 'sh' (it does not), 'other' (not POSIX). */
type ShellKind = 'fails' | 'sh' | 'other';

function shellKind(shell: Shell): ShellKind {
  if (shell.kind !== 'posix') return 'other';
  return shell.command && setsShellOption(shell.command.slice(1), 'pipefail') ? 'fails' : 'sh';
}


/**
 * Commands whose failure a pipefail would not catch anyway: they write text and do not fail. And
 * `yes`, which only ends when the reader closes the pipe (SIGPIPE), so pipefail fails its pipeline.
 */
const CANNOT_FAIL = new Set(['echo', 'printf', 'true', 'yes']);

/**
 * The pipes whose left side is a command that can fail: the command that ends last before each
 * pipe, so that in `echo "$(cat f)" | sha512sum -c` it is echo (the outer command), not the cat
 * inside its substitution, whose failure pipefail would not catch either.
 */
function pipesThatMayHideFailures(script: RunScript): Span[] {
  const lines = [...commandLines(script)];
  // A pipe inside an argument (`echo "$(a | b)"`, `tar czf "x_$(a | b).tgz"`) or a for or case
  // header (`for f in $(a | b)`): the status of the substitution is discarded, so pipefail changes
  // nothing there.
  const inside = (pipe: Span) => (w: Span) => w.start < pipe.start && w.end > pipe.start;
  const inArgument = (pipe: Span) => lines.some(({ command }) => command.words.some(inside(pipe))) || script.headerWords.some(inside(pipe));
  return script.pipes.filter((pipe) => {
    if (inArgument(pipe)) return false;
    let before: (typeof lines)[number] | undefined;
    let beforeEnd = -1;
    for (const line of lines) {
      const end = line.words[line.words.length - 1].end;
      if (end <= pipe.start && end > beforeEnd) {
        before = line;
        beforeEnd = end;
      }
    }
    return !before || before.words[0].dynamic || !CANNOT_FAIL.has(before.words[0].value);
  });
}

/** Whether the script sets pipefail itself before its first pipe (`set -o pipefail`, `set -eo pipefail`). */
function setsPipefailFirst(script: RunScript): boolean {
  const firstPipe = script.pipes[0]?.start ?? Infinity;
  for (const { words } of commandLines(script)) {
    if (words[0].start > firstPipe) break;
    if (words[0].value === 'set' && setsShellOption(words.slice(1).map((w) => w.value), 'pipefail')) return true;
  }
  return false;
}

/**
 * The `#!` line (without the `#!`) of a RUN (or ONBUILD RUN) that is only a heredoc BuildKit writes to
 * a file and runs (`heredocShebang`), so the interpreter it names runs it, not the SHELL. Undefined for
 * any other RUN.
 */
function scriptShebang(node: InstructionNode, windows: boolean): string | undefined {
  return runIsOnlyHeredoc(node, node.heredocs) ? heredocShebang(node.heredocs[0], windows) : undefined;
}

/**
 * Whether a `#!` line starts its shell with pipefail: `#!/usr/bin/env -S bash -euo pipefail`, also
 * `env -iS …`, `env --split-string=…` (`shebangCommand`). Only through env's -S: without it the kernel
 * passes everything after the interpreter as one argument, which a shell does not read as `-o pipefail`.
 */
function shebangSetsPipefail(line: string): boolean {
  const command = shebangCommand(line);
  return command !== undefined && setsShellOption(command.slice(1), 'pipefail');
}

const SHELL_MESSAGE = `A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. Set SHELL ["/bin/bash", "-o", "pipefail", "-c"] (or ash with -o pipefail on Alpine) before this RUN.`;
const SCRIPT_MESSAGE =
  "A pipeline succeeds when its last command does, so a failure before '|' goes unnoticed. This heredoc runs with its #! interpreter, which SHELL does not change: add set -o pipefail at the top of the script.";

export const DL4006: StageRule = {
  ...practiceMeta('DL4006', 'warning', 'A RUN uses a pipe while the shell does not set `-o pipefail`.'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    walkShells(model, stage, (node, index, shell, overridden) => {
      const run = node.name === 'ONBUILD' ? node.trigger : node;
      if (overridden || run?.name !== 'RUN' || run.json) return;
      // A `#!` script runs with its own interpreter: the SHELL's pipefail (or its being no POSIX shell) does not reach it.
      const shebang = scriptShebang(node, stage.windows);
      if (shebang === undefined ? shellKind(shell) !== 'sh' : shebangSetsPipefail(shebang)) return;
      const script = runCommands(node, tree.nodeText(index), stage.windows);
      if (!script || script.pipes.length === 0 || setsPipefailFirst(script)) return;
      const pipe = pipesThatMayHideFailures(script)[0];
      if (!pipe) return;
      const start = tree.start(index);
      report({
        nodeIndex: index,
        start: start + pipe.start,
        end: start + pipe.end,
        message: shebang === undefined ? SHELL_MESSAGE : SCRIPT_MESSAGE,
      });
    });
  },
};
