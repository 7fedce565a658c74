// DL3015: `apt-get install` without `--no-install-recommends` (or APT::Install-Recommends set
// to false). Recommended packages are rarely needed in an image and make it larger. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option. No quick
// fix: leaving them out can remove something the image relies on.

import type { InstructionRule } from '../types';
import { aptGetCommands, mayHoldAptOptions, setsAptOption } from './apt';
import { hasLongOption } from './options';
import { practiceMeta } from './meta';
import { runCommands } from './shell';
import { spanOf } from './support';

const INSTALL = new Set(['install']);

export const DL3015: InstructionRule = {
  ...practiceMeta('DL3015', 'info', '`apt-get install` without `--no-install-recommends`.'),
  scope: 'instruction',
  check(node, report, _escape, text) {
    const script = runCommands(node, text);
    if (!script) return;
    for (const { name, subcommand, args } of aptGetCommands(script, INSTALL)) {
      if (mayHoldAptOptions(args)) continue;
      if (hasLongOption(args, '--no-install-recommends') || setsAptOption(args, 'APT::Install-Recommends', false)) continue;
      report({
        ...spanOf(name, subcommand),
        message: `apt-get install also installs recommended packages, which makes the image larger. Add --no-install-recommends and list what you need.`,
      });
    }
  },
};
