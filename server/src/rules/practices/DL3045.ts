// DL3045: COPY to a relative destination before any WORKDIR says where that is. The files then land
// under the base image's working directory, which the Dockerfile does not show: `/` for most images
// (`FROM python` then `COPY . .` fills the root with the project), something else for a few, and a
// new base image version may change it. A WORKDIR in the stage, in a stage it is built FROM, or an
// `ONBUILD WORKDIR` of that stage (which runs first) counts, as hadolint counts them (hadolint does not
// follow triggers). A destination that starts with a variable is left alone (its value may be
// absolute), as are a drive path (`C:/app`) and, in a Windows stage, a `\` path. Unlike hadolint, a
// stage built from `scratch` is left alone: it has no image configuration, so its working directory is
// `/` for certain, and `FROM scratch` + `COPY --from=build /out .` is how a build exports files.

import type { InstructionNode } from '../../syntax';
import { alongBases, type ChainMemo } from '../checks/support/chain';
import { firstWorkdir, workdirSetAtStart } from '../checks/support/workdirSet';
import type { StageRule } from '../types';
import { practiceMeta } from './meta';

/** Whether a destination as written (quotes kept) is absolute or may be: a variable, in the file as in hadolint. */
function absoluteOrVariable(written: string, windows: boolean): boolean {
  const path = written.replace(/^["']/, '');
  // A drive path means Windows even where nothing else in the file tells that the stage is.
  if (path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) return true;
  return windows && (path.startsWith('\\') || /^[A-Za-z]:$/.test(path));
}

/** The destination word of a COPY (its last argument; none with fewer than two). */
function destination(node: InstructionNode) {
  return node.name === 'COPY' && node.argList.length >= 2 ? node.argList[node.argList.length - 1] : undefined;
}

/** Whether each stage's FROM chain starts at `scratch` (worked out once per stage, not by walking to the root). */
const fromScratch: ChainMemo<boolean> = new WeakMap();

export const DL3045: StageRule = {
  ...practiceMeta('DL3045', 'warning', 'COPY to a relative destination before any WORKDIR in the stage says where that is.'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    if (alongBases(fromScratch, model, stage, (s, base) => base ?? s.resolvedImage?.toLowerCase() === 'scratch')) return;
    const workdir = firstWorkdir(tree, stage, workdirSetAtStart(tree, model, stage));
    // A WORKDIR at the stage's start (-1) leaves nothing to check; else the COPYs before the first one.
    const end = workdir === undefined ? stage.lastNodeIndex + 1 : workdir;
    for (let index = stage.nodeIndex + 1; index < end; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction') continue;
      const dest = destination(node);
      if (!dest || absoluteOrVariable(dest.text, stage.windows)) continue;
      const start = tree.start(index);
      report({
        nodeIndex: index,
        start: start + dest.start,
        end: start + dest.end,
        message: `COPY to the relative destination '${dest.text}' before any WORKDIR: the files land under the base image's working directory, which this Dockerfile does not show (for most images it is /). Set one with WORKDIR first, or write an absolute path.`,
      });
    }
  },
};
