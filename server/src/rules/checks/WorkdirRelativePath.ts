// WorkdirRelativePath: the first WORKDIR set in a stage (or in the stages it is built FROM) is
// a relative path, so where files land depends on the base image's working directory. Later
// relative WORKDIRs are fine: they are relative to the first. The path is checked after
// expansion, as the builder sees it, and against the stage's OS (Windows accepts `C:\`).

import type { DockerfileModel, Stage } from '../../semantics';
import type { FileRule } from '../types';
import { environmentAt, expandWord } from './support/expand';
import { globalArgs } from './support/globalArgs';
import { checkMeta } from './support/meta';
import { parsePlatform } from './support/platform';

function isAbsolute(path: string, os: string): boolean {
  if (path.startsWith('/')) return true;
  return os === 'windows' && (path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path));
}

export const WorkdirRelativePath: FileRule = {
  ...checkMeta('WorkdirRelativePath'),
  scope: 'file',
  check({ tree, model, report }) {
    const setAtEnd: boolean[] = [];
    const osOf: string[] = [];
    for (const stage of model.stages) {
      const os = stageOS(stage, model, osOf);
      osOf[stage.index] = os;
      let set = stage.base ? (setAtEnd[stage.base.index] ?? false) : false;
      for (let index = stage.nodeIndex + 1; index <= stage.lastNodeIndex && !set; index++) {
        const node = tree.node(index);
        if (node.kind !== 'instruction' || node.name !== 'WORKDIR' || node.argList.length === 0) continue;
        set = true;
        const word = node.argList[0];
        const path = expandWord(word.text, environmentAt(model, index), tree.escape);
        if (path === undefined || isAbsolute(path, os)) continue;
        const start = tree.start(index);
        report({
          nodeIndex: index,
          start: start + word.start,
          end: start + word.end,
          message: `WORKDIR '${path}' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`,
        });
      }
      setAtEnd[stage.index] = set;
    }
  },
};

/** The OS a stage builds for: its --platform when that is known, its base stage's, or Linux. */
function stageOS(stage: Stage, model: DockerfileModel, osOf: readonly string[]): string {
  if (stage.platform !== undefined) {
    const args = globalArgs(model);
    const value = expandWord(stage.platform, args.environment, model.tree.escape);
    const platform = value !== undefined ? parsePlatform(value) : undefined;
    if (platform) return platform.os;
  }
  return stage.base ? (osOf[stage.base.index] ?? 'linux') : 'linux';
}
