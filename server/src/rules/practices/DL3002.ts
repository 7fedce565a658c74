// DL3002: the image runs as root: the last USER of the final stage (or, when it has none, the
// `ONBUILD USER` of the stage it is built FROM, which runs first in it, or the last USER of the
// stages it is built FROM) is `root` or 0, with or without a group. Builder stages may run as
// root; what matters is the user the image starts its program as. hadolint checks every stage;
// this rule looks only at the last one, which is what `docker build` produces without --target.

import type { DockerfileModel, Stage } from '../../semantics';
import { finalStageAndBases, lastTrigger } from '../checks/support/chain';
import { perPart } from '../partMemo';
import type { FileRule } from '../types';
import { practiceMeta } from './meta';

const ROOT = /^(root|0)(:.*)?$/;

/** The last USER with an argument in a stage, relative to its first node (-1: none). */
const lastUserByPart = new WeakMap<object, number>();

function lastUser(model: DockerfileModel, stage: Stage): number {
  return perPart(lastUserByPart, model, stage, findLastUser);
}

function findLastUser(model: DockerfileModel, stage: Stage): number {
  let found = -1;
  model.tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind === 'instruction' && node.name === 'USER' && node.argList.length > 0) found = index - stage.nodeIndex;
  }, stage.nodeIndex + 1);
  return found;
}

export const DL3002: FileRule = {
  ...practiceMeta('DL3002', 'warning', 'The last USER of the final stage is root.'),
  scope: 'file',
  check({ model, report }) {
    for (const stage of finalStageAndBases(model)) {
      const relative = lastUser(model, stage);
      // Without a USER of its own, a stage runs as the base's `ONBUILD USER`, if it has one.
      const trigger = relative < 0 && stage.base ? lastTrigger(model, stage.base, 'USER') : undefined;
      const index = relative >= 0 ? stage.nodeIndex + relative : (trigger?.index ?? -1);
      if (index < 0) continue;
      const node = model.tree.node(index);
      if (node.kind !== 'instruction') return;
      const user = trigger ? trigger.trigger.argList[0] : node.argList[0];
      if (!user) continue;
      if (!ROOT.test(user.text)) return;
      const start = model.tree.start(index);
      report({
        nodeIndex: index,
        start: start + user.start,
        end: start + user.end,
        message: `The image runs as root, since this is the last USER. Add a USER with an unprivileged user after the steps that need root.`,
      });
      return;
    }
  },
};
