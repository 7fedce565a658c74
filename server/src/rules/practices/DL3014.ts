// DL3014: `apt-get install` without `-y` (or `--yes`, `--assume-yes`, `-qq`, or the
// APT::Get::Assume-Yes option). A build has no terminal to answer apt-get's question, so the
// install is aborted. Not flagged (unlike hadolint): a variable among the arguments, which may
// hold the option (`apt-get install $APT_OPTS curl`). The fix adds ` -y` after `install`.

import type { InstructionRule } from '../types';
import { aptGetCommands, mayHoldAptOptions, setsAptOption } from './apt';
import { hasLongOption, hasShortOption } from './options';
import { practiceMeta } from './meta';
import { runCommands } from './shell';
import { insertAfterRange, spanOf } from './support';

const INSTALL = new Set(['install']);

export const DL3014: InstructionRule = {
  ...practiceMeta('DL3014', 'warning', '`apt-get install` without `-y`.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text) {
    const script = runCommands(node, text);
    if (!script) return;
    for (const { name, subcommand, args } of aptGetCommands(script, INSTALL)) {
      const yes =
        hasShortOption(args, 'y') ||
        hasShortOption(args, 'q', 2) ||
        hasLongOption(args, '--yes') ||
        hasLongOption(args, '--assume-yes') ||
        hasLongOption(args, '--quiet', '2') ||
        hasLongOption(args, '-q', '2') ||
        setsAptOption(args, 'APT::Get::Assume-Yes', true);
      if (yes || mayHoldAptOptions(args)) continue;
      report({
        ...spanOf(name, subcommand),
        message: `apt-get install asks for confirmation, which a build cannot give. Add -y: apt-get install -y.`,
      });
    }
  },
  fixes(diagnostic, doc) {
    return insertAfterRange("Add '-y'", ' -y', 'install', diagnostic, doc);
  },
};
