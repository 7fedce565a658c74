// DL3030: `yum install` (or localinstall, groupinstall, reinstall, group install) without `-y`
// (or `--assumeyes`, `--setopt=assumeyes=1`). yum asks before it installs anything, a build has no
// terminal to answer, and yum takes the end of its input as "no": the RUN fails. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option
// (`yum install $YUM_OPTS curl`), and a command fed answers through a pipe or a here-document
// (`yes | yum install curl`). The fix adds ` -y` after the subcommand.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { actionText, addAssumeYes, installsThatAsk, toolName, YUM } from './rpm';
import { runCommands } from './shell';
import { spanOf } from './support';

export const DL3030: InstructionRule = {
  ...practiceMeta('DL3030', 'warning', '`yum install` without `-y`.'),
  scope: 'instruction',
  check(node, report, _escape, text) {
    const script = runCommands(node, text);
    if (!script) return;
    for (const command of installsThatAsk(script, YUM)) {
      const written = `${toolName(command)} ${actionText(command)}`;
      report({
        ...spanOf(command.name, command.action[command.action.length - 1]),
        message: `${written} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${written} -y.`,
      });
    }
  },
  fixes: addAssumeYes,
};
