// DL3004: `sudo` as a command in RUN. A build runs as root unless a USER says otherwise, and
// sudo in an image brings its configuration and unpredictable TTY and signal handling; switch
// with USER instead. Only the command word counts (`echo sudo` is fine), found after `&&`,
// `|`, `;`, line breaks, in `$(…)`, behind `env`/`command`, and in heredoc scripts.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { argv, basename, runCommands, unwrap } from './shell';

export const DL3004: InstructionRule = {
  ...practiceMeta('DL3004', 'error', 'A RUN command uses sudo.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const command of script.commands) {
      unwrap(argv(command), (words) => {
        const name = words[0];
        if (!name || name.dynamic || basename(name.value) !== 'sudo') return false;
        report({
          start: name.start,
          end: name.end,
          message: `Do not use sudo: the build already runs as root unless a USER switches away. Run the command without sudo, and use USER to change users.`,
        });
        return true;
      });
    }
  },
};
