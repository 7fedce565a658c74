// DL3014: `apt-get install` without `-y` (or `--yes`, `--assume-yes`, quiet level 2: `-qq`,
// `-q -q`, `-q=2`, or the APT::Get::Assume-Yes option). A build has no terminal to answer apt-get's question, so the
// install is aborted. Not flagged (unlike hadolint): a variable among the arguments, which may
// hold the option (`apt-get install $APT_OPTS curl`); an install after the Dockerfile wrote APT
// configuration that sets Assume-Yes (`echo 'APT::Get::Assume-Yes "true";' > /etc/apt/apt.conf.d/…`),
// read as DL3015 reads Install-Recommends (aptConfig.ts). The fix adds ` -y` after `install`.

import type { StageRule } from '../types';
import { aptQuietLevel, mayHoldAptOptions, setsAptOption } from './apt';
import { assumesYes, forEachAptCommand } from './aptConfig';
import { hasLongOption, hasShortOption } from './options';
import { practiceMeta } from './meta';
import { insertAfterRange, spanOf } from './support';

const INSTALL = new Set(['install']);

export const DL3014: StageRule = {
  ...practiceMeta('DL3014', 'warning', '`apt-get install` without `-y`.'),
  scope: 'stage',
  readsPosixShell: true,
  check({ tree, model, stage, report }) {
    forEachAptCommand(tree, model, stage, INSTALL, ({ name, subcommand, args }, index, files) => {
      const yes =
        hasShortOption(args, 'y') ||
        aptQuietLevel(args) >= 2 ||
        hasLongOption(args, '--yes') ||
        hasLongOption(args, '--assume-yes') ||
        setsAptOption(args, 'APT::Get::Assume-Yes', true);
      if (yes || mayHoldAptOptions(args) || assumesYes(files)) return;
      const start = tree.start(index);
      const span = spanOf(name, subcommand);
      report({
        nodeIndex: index,
        start: start + span.start,
        end: start + span.end,
        message: `apt-get install asks for confirmation, which a build cannot give. Add -y: apt-get install -y.`,
      });
    });
  },
  fixes(diagnostic, doc) {
    return insertAfterRange("Add '-y'", ' -y', 'install', diagnostic, doc);
  },
};
