// DL3015: `apt-get install` without `--no-install-recommends` (or APT::Install-Recommends set
// to false). Recommended packages are rarely needed in an image and make it larger. Not flagged
// (unlike hadolint): a variable among the arguments, which may hold the option; an install after the
// Dockerfile wrote APT configuration that turns recommends off (`echo 'APT::Install-Recommends "0";'
// > /etc/apt/apt.conf.d/…`, a COPY of a here-document there), earlier in the stage or in a stage it
// is built FROM, also by that stage's ONBUILD triggers, which run first in this one (aptConfig.ts
// says what is read). A configuration file copied from the build context is not read, so it
// silences nothing. No quick fix: leaving them out can remove something the image
// relies on.

import type { DockerfileModel, Stage } from '../../semantics';
import type { InstructionNode, SyntaxTree } from '../../syntax';
import { alongBases, forEachInRunOrder, type ChainMemo } from '../checks/support/chain';
import type { StageRule } from '../types';
import { aptGetCommand, mayHoldAptOptions, setsAptOption, type AptGetCommand } from './apt';
import { copyChanges, NO_APT_CONFIG, recommendsOff, runChanges, type AptConfigFiles } from './aptConfig';
import { hasLongOption } from './options';
import { practiceMeta } from './meta';
import { commandLines, runCommands, type CommandLine } from './shell';
import { spanOf } from './support';

const INSTALL = new Set(['install']);

/** Per stage, the APT configuration a stage built FROM it starts with. */
const configForChildren: ChainMemo<AptConfigFiles> = new WeakMap();

type Visit = (install: AptGetCommand, index: number, off: boolean) => void;

/**
 * Walks a stage in order, with the APT configuration written so far (by its bases first, and their
 * ONBUILD triggers); `visit` sees each `apt-get install` with whether recommends are off at that
 * point. Returns what a stage built FROM this one starts with: the configuration at its end, with its
 * own ONBUILD RUN, COPY and ADD triggers run on it. Those run only there (BuildKit runs a base's
 * triggers first in each stage built FROM it, and nowhere else), after the whole of this stage, so
 * an install in a trigger is checked against that configuration, not against this stage's at its line.
 */
function walk(tree: SyntaxTree, model: DockerfileModel, stage: Stage, visit?: Visit): AptConfigFiles {
  let files = stage.base ? alongBases(configForChildren, model, stage.base, (s) => walk(tree, model, s)) : NO_APT_CONFIG;
  forEachInRunOrder(model, stage, (node, index) => {
    if (node.kind === 'instruction') files = step(tree, node, index, files, visit);
  });
  return files;
}

/** The configuration after instruction `node` (a RUN, COPY or ADD, or such an ONBUILD trigger), visiting its installs on the way. */
function step(tree: SyntaxTree, node: InstructionNode, index: number, files: AptConfigFiles, visit: Visit | undefined): AptConfigFiles {
  // A trigger's here-documents belong to its ONBUILD node.
  const instruction = node.name === 'ONBUILD' ? node.trigger : node;
  if (!instruction) return files;
  files = copyChanges(files, instruction, node.heredocs);
  // A RUN that never says "apt" neither installs with apt-get nor writes APT's configuration.
  const text = tree.nodeText(index);
  if (!text.includes('apt')) return files;
  const script = runCommands(node, text);
  if (!script) return files;
  let previous: CommandLine | undefined;
  for (const line of commandLines(script)) {
    const install = visit && aptGetCommand(line, INSTALL);
    if (install) visit(install, index, recommendsOff(files));
    files = runChanges(files, line, script, previous);
    previous = line;
  }
  return files;
}

export const DL3015: StageRule = {
  ...practiceMeta('DL3015', 'info', '`apt-get install` without `--no-install-recommends`.'),
  scope: 'stage',
  readsPosixShell: true,
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
