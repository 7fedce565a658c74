// DL3015: `apt-get install` without `--no-install-recommends` (or APT::Install-Recommends set
// to false). Recommended packages are rarely needed in an image and make it larger. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option; an install after the
// Dockerfile wrote APT configuration that turns recommends off (`echo 'APT::Install-Recommends "0";'
// > /etc/apt/apt.conf.d/…`, a COPY of a here-document there), earlier in the stage or in a stage it
// is built FROM (aptConfig.ts says what is read). A configuration file copied from the build context
// is not read, so it silences nothing. No quick fix: leaving them out can remove something the image
// relies on.

import type { DockerfileModel, Stage } from '../../semantics';
import type { SyntaxTree } from '../../syntax';
import { alongBases, type ChainMemo } from '../checks/support/chain';
import type { StageRule } from '../types';
import { aptGetCommand, mayHoldAptOptions, setsAptOption, type AptGetCommand } from './apt';
import { copyChanges, NO_APT_CONFIG, recommendsOff, runChanges, type AptConfigFiles } from './aptConfig';
import { hasLongOption } from './options';
import { practiceMeta } from './meta';
import { commandLines, runCommands, type CommandLine } from './shell';
import { spanOf } from './support';

const INSTALL = new Set(['install']);

const configAtEnd: ChainMemo<AptConfigFiles> = new WeakMap();

/**
 * Walks a stage in order, with the APT configuration written so far (by its bases first); `visit`
 * sees each `apt-get install` with whether recommends are off at that point. Returns the configuration at its end.
 */
function walk(tree: SyntaxTree, model: DockerfileModel, stage: Stage, visit?: (install: AptGetCommand, index: number, off: boolean) => void): AptConfigFiles {
  let files = stage.base ? alongBases(configAtEnd, model, stage.base, (s) => walk(tree, model, s)) : NO_APT_CONFIG;
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction') return;
    files = copyChanges(files, node);
    // A RUN that never says "apt" neither installs with apt-get nor writes APT's configuration.
    const text = tree.nodeText(index);
    if (!text.includes('apt')) return;
    const script = runCommands(node, text);
    if (!script) return;
    // An ONBUILD RUN runs in a later build: it is checked, but what it writes is not this stage's.
    const own = script.run === node;
    let previous: CommandLine | undefined;
    for (const line of commandLines(script)) {
      const install = visit && aptGetCommand(line, INSTALL);
      if (install) visit(install, index, recommendsOff(files));
      if (own) files = runChanges(files, line, script, previous);
      previous = line;
    }
  }, stage.nodeIndex + 1);
  return files;
}

export const DL3015: StageRule = {
  ...practiceMeta('DL3015', 'info', '`apt-get install` without `--no-install-recommends`.'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    walk(tree, model, stage, (install, index, off) => {
      const { args } = install;
      if (off || mayHoldAptOptions(args)) return;
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
