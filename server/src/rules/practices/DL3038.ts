// DL3038: `dnf install` (or localinstall, groupinstall, reinstall, group install) without `-y` (or
// `--assumeyes`, `--setopt=assumeyes=1`), for dnf 4 and dnf 5 (`dnf5`). dnf asks before it installs
// anything, a build has no terminal to answer, and dnf takes the end of its input as "no": the RUN
// fails. Not flagged: microdnf, which never asks (hadolint flags it); a variable among the
// arguments, which may hold the option (`dnf install $DNF_OPTS curl`); a command fed answers
// through a pipe or a here-document. The fix adds ` -y` after the subcommand.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { actionText, addAssumeYes, DNF, installsThatAsk, toolName } from './rpm';
import { runCommands } from './shell';
import { spanOf } from './support';

export const DL3038: InstructionRule = {
  ...practiceMeta('DL3038', 'warning', '`dnf install` without `-y`.'),
  scope: 'instruction',
  check(node, report, _escape, text) {
    const script = runCommands(node, text);
    if (!script) return;
    for (const command of installsThatAsk(script, DNF)) {
      const written = `${toolName(command)} ${actionText(command)}`;
      report({
        ...spanOf(command.name, command.action[command.action.length - 1]),
        message: `${written} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${written} -y.`,
      });
    }
  },
  fixes: addAssumeYes,
};
