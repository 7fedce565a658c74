// DL3015: `apt-get install` without `--no-install-recommends` (or APT::Install-Recommends set
// to false). Recommended packages are rarely needed in an image and make it larger. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option; an install after the
// Dockerfile wrote APT configuration that turns recommends off (`echo 'APT::Install-Recommends "0";'
// > /etc/apt/apt.conf.d/…`, a COPY of a here-document there), earlier in the stage or in a stage it
// is built FROM, also by that stage's ONBUILD triggers, which run first in this one (aptConfig.ts
// says what is read). A configuration file copied from the build context is not read, so it
// silences nothing. No quick fix: leaving them out can remove something the image
// relies on.

import type { StageRule } from '../types';
import { mayHoldAptOptions, setsAptOption } from './apt';
import { forEachAptCommand, recommendsOff } from './aptConfig';
import { hasLongOption } from './options';
import { practiceMeta } from './meta';
import { spanOf } from './support';

const INSTALL = new Set(['install']);

export const DL3015: StageRule = {
  ...practiceMeta('DL3015', 'info', '`apt-get install` without `--no-install-recommends`.'),
  scope: 'stage',
  readsPosixShell: true,
  check({ tree, model, stage, report }) {
    forEachAptCommand(tree, model, stage, INSTALL, (install, index, files) => {
      const { args } = install;
      if (recommendsOff(files) || mayHoldAptOptions(args)) return;
      if (hasLongOption(args, '--no-install-recommends') || setsAptOption(args, 'APT::Install-Recommends', false)) return;
      const start = tree.start(index);
      const span = spanOf(install.name, install.subcommand);
      report({
        nodeIndex: index,
        start: start + span.start,
        end: start + span.end,
        message: `apt-get install also installs recommended packages, which makes the image larger. Add --no-install-recommends and list what you need.`,
      });
    });
  },
};
