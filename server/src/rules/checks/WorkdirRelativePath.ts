// WorkdirRelativePath: the first WORKDIR set in a stage (or in the stages it is built FROM, or by
// an `ONBUILD WORKDIR` of the stage it is built FROM, which runs first) is a relative path, so
// where files land depends on the base image's working directory. Later relative WORKDIRs are
// fine: they are relative to the first. The path is checked after expansion, as the builder sees
// it, and against the stage's OS (Windows accepts `C:\`).

import type { DockerfileModel, Stage } from '../../semantics';
import type { SyntaxTree } from '../../syntax';
import type { StageRule } from '../types';
import { alongBases, lastTrigger, type ChainMemo } from './support/chain';
import { environmentAt, expandWord } from './support/expand';
import { globalArgs } from './support/globalArgs';
import { checkMeta } from './support/meta';
import { parsePlatform } from './support/platform';

function isAbsolute(path: string, os: string): boolean {
  if (path.startsWith('/')) return true;
  return os === 'windows' && (path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path));
}

export const WorkdirRelativePath: StageRule = {
  ...checkMeta('WorkdirRelativePath'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    const os = alongBases(osOf, model, stage, (s, base) => stageOS(s, model, base));
    // A base's `ONBUILD WORKDIR` runs first in a stage built FROM it, and counts as that stage's first.
    const setAtStart = (s: Stage, baseSetAtEnd: boolean): boolean => baseSetAtEnd || (s.base !== undefined && lastTrigger(model, s.base, 'WORKDIR') !== undefined);
    const inherited = stage.base
      ? setAtStart(stage, alongBases(setAtEnd, model, stage.base, (s, base) => firstWorkdir(tree, s, setAtStart(s, base ?? false)) !== undefined))
      : false;
    if (inherited) return;
    const index = firstWorkdir(tree, stage, false);
    if (index === undefined) return;
    const node = tree.node(index);
    if (node.kind !== 'instruction') return;
    const word = node.argList[0];
    const path = expandWord(word.text, environmentAt(model, index), tree.escape);
    if (path === undefined || isAbsolute(path, os)) return;
    const start = tree.start(index);
    report({
      nodeIndex: index,
      start: start + word.start,
      end: start + word.end,
      message: `WORKDIR '${path}' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`,
    });
  },
};

/** Whether each stage ends with a WORKDIR set (by it or a stage it is built FROM), and its OS. */
const setAtEnd: ChainMemo<boolean> = new WeakMap();
const osOf: ChainMemo<string> = new WeakMap();

/** The index of the stage's first WORKDIR with an argument; -1 when its base already set one. */
function firstWorkdir(tree: SyntaxTree, stage: Stage, inherited: boolean): number | undefined {
  if (inherited) return -1;
  let found: number | undefined;
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || node.name !== 'WORKDIR' || node.argList.length === 0) return;
    found = index;
    return false;
  }, stage.nodeIndex + 1);
  return found;
}

/** The OS a stage builds for: its --platform when that is known, its base stage's, or Linux. */
function stageOS(stage: Stage, model: DockerfileModel, baseOS: string | undefined): string {
  if (stage.platform !== undefined) {
    const args = globalArgs(model);
    const value = expandWord(stage.platform, args.environment, model.tree.escape);
    const platform = value !== undefined ? parsePlatform(value) : undefined;
    if (platform) return platform.os;
  }
  return stage.base ? (baseOS ?? 'linux') : 'linux';
}
