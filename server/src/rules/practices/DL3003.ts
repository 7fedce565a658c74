// DL3003: `cd` as a command in RUN. A directory change lasts only for that RUN; WORKDIR sets it
// for the instructions that follow and says where they run, so use WORKDIR (or a tool's own
// directory option, like `make -C`). Not flagged (unlike hadolint, whose own rationale advises it):
// a cd in a subshell, `(cd dir && make)` or `$(cd dir && pwd)`, which changes the directory of that
// subshell only, on purpose; WORKDIR would change it for every later instruction.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { commandLines, runCommands } from './shell';

export const DL3003: InstructionRule = {
  ...practiceMeta('DL3003', 'warning', 'A RUN command uses `cd` to change directory.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const { words, command } of commandLines(script)) {
      const name = words[0];
      if (name.dynamic || name.value !== 'cd' || command.inSubshell) continue;
      report({
        start: name.start,
        end: name.end,
        message: `Use WORKDIR to change the directory instead of cd: WORKDIR applies to the instructions that follow and creates the directory if needed.`,
      });
    }
  },
};
