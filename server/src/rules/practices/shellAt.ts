// The shell that runs each RUN's text, as the best practices see it: the model's
// (`DockerfileModel.shellAt`: SHELL, a base's ONBUILD SHELL, the base stage's, cmd on Windows),
// unless a `# hadolint shell=` pragma says the shell in effect where it stands is not a POSIX shell.
// A pragma speaks of that shell and holds for as long as it does: until a SHELL replaces it, in the
// stage or (by its ONBUILD SHELL) as a stage built FROM this one starts, or until a later pragma
// names another shell (hadolint takes each pragma's shell in turn): one naming a POSIX shell
// (`shell=bash`) ends the override, and the model's shell decides again. The rules that read RUN
// text as a POSIX shell splits it stay quiet where PowerShell or cmd runs it, as hadolint's shell
// rules do; an exec-form RUN runs no shell, and they read its words wherever it stands.

import type { DockerfileModel, Shell, Stage } from '../../semantics';
import { windowsShellOf, type InstructionNode } from '../../syntax';
import { alongBases, forEachInRunOrder, type ChainMemo } from '../checks/support/chain';
import { parsePragmaShell } from './pragmas';

/** Per stage, the shell a pragma naming a non-POSIX shell still overrides at its end. */
const overriddenAtEnd: ChainMemo<Shell | undefined> = new WeakMap();

/**
 * Walks a stage's instructions with the shell each runs in and whether a pragma says that shell is
 * not a POSIX one; returns the shell a pragma overrides at the stage's end. An `ONBUILD` instruction
 * runs in each stage built FROM this one, after all of this stage: it is visited last, with the
 * shell its trigger runs in there.
 */
export function walkShells(
  model: DockerfileModel,
  stage: Stage,
  visit?: (node: InstructionNode, index: number, shell: Shell, overridden: boolean) => void,
): Shell | undefined {
  let overridden = stage.base ? alongBases(overriddenAtEnd, model, stage.base, (s) => walkShells(model, s)) : undefined;
  forEachInRunOrder(model, stage, (node, index) => {
    if (node.kind === 'comment') {
      const named = parsePragmaShell(node.content);
      if (named === undefined) return;
      if (windowsShellOf(named)) overridden = model.shellAt(index);
      else if (isPosixShellName(named)) overridden = undefined;
      return;
    }
    if (!visit || node.kind !== 'instruction') return;
    const shell = model.shellAt(index)!;
    visit(node, index, shell, shell === overridden);
  });
  return overridden === stage.shellAtEnd ? overridden : undefined;
}

/** The POSIX shells a pragma may name (`bash`, `/bin/ash`): hadolint reads their RUN text with ShellCheck. */
const POSIX_SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

function isPosixShellName(name: string): boolean {
  return POSIX_SHELLS.has(name.slice(name.lastIndexOf('/') + 1).toLowerCase());
}

const notPosixByStage = new WeakMap<DockerfileModel, Map<number, ReadonlySet<number>>>();

/**
 * Whether the text of node `index` (a RUN, an ONBUILD RUN) runs in a POSIX shell, pragmas included;
 * true of an exec form, which runs no shell: its words are the command's whatever the SHELL.
 */
export function runsInPosixShell(model: DockerfileModel, index: number): boolean {
  const stage = model.stageOfNode(index);
  if (!stage) return true;
  let byStage = notPosixByStage.get(model);
  if (!byStage) notPosixByStage.set(model, (byStage = new Map()));
  let notPosix = byStage.get(stage.index);
  if (!notPosix) {
    const found = new Set<number>();
    walkShells(model, stage, (node, at, shell, overridden) => {
      const command = node.name === 'ONBUILD' ? node.trigger : node;
      if (command?.json) return;
      if (overridden || shell.kind !== 'posix') found.add(at);
    });
    byStage.set(stage.index, (notPosix = found));
  }
  return !notPosix.has(index);
}
