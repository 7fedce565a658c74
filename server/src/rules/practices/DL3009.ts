// DL3009: a RUN runs `apt-get update` and does not remove /var/lib/apt/lists afterwards, so the
// package lists (tens of megabytes) stay in the layer. Only in the stages whose layers end up in
// the image: the last stage and the stages it is built FROM, one after the other (a stage that is
// only copied from leaves its lists behind). hadolint also flags every stage another stage is
// built FROM, even when the image does not contain it. Not flagged: a RUN that runs `rm` on a path
// under /var/lib/apt/lists (or on /var/lib/apt, /var/lib/apt/*), `find … -delete` on the lists, or
// `apt-get dist-clean`, or that has a cache or tmpfs mount over /var/lib/apt.

import type { DockerfileModel, Stage } from '../../semantics';
import { finalStageAndBases } from '../checks/support/chain';
import { perPart } from '../partMemo';
import type { FileRule } from '../types';
import { aptGetCommands } from './apt';
import { practiceMeta } from './meta';
import { cacheMountTargets } from './mounts';
import { basename, commandLines, runCommands, type RunScript } from './shell';
import { spanOf } from './support';

const UPDATE = new Set(['update']);
/** `apt-get dist-clean` (apt 2.7) removes the lists too. */
const DIST_CLEAN = new Set(['dist-clean']);
/** A path that is the lists, under them, or /var/lib/apt itself or all it holds (`/var/lib/apt/*`). */
const REMOVES_LISTS = /^\/var\/lib\/apt(\/lists([/.*].*)?|\/\**)?\/?$|^\/var\/lib\/apt\/lists\//;

/** A RUN that leaves the lists behind: node index and the `apt-get update` span, relative to the stage's FROM. */
interface Finding {
  readonly node: number;
  readonly start: number;
  readonly end: number;
}

function removesLists(script: RunScript): boolean {
  if (!aptGetCommands(script, DIST_CLEAN).next().done) return true;
  for (const { words } of commandLines(script)) {
    if (words[0].dynamic) continue;
    const name = basename(words[0].value);
    if (name === 'rm' && words.some((w) => REMOVES_LISTS.test(w.value))) return true;
    if (name === 'find' && words.some((w) => w.value === '-delete') && words.some((w) => REMOVES_LISTS.test(w.value))) return true;
  }
  return false;
}

const findingsByPart = new WeakMap<object, readonly Finding[]>();

function findings(model: DockerfileModel, stage: Stage): readonly Finding[] {
  return perPart(findingsByPart, model, stage, () => {
    const { tree } = model;
    const found: Finding[] = [];
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || node.name !== 'RUN') return;
      const script = runCommands(node, tree.nodeText(index));
      if (!script || cacheMountTargets(node).some((t) => t === '/var/lib/apt' || t.startsWith('/var/lib/apt/'))) return;
      const updates = [...aptGetCommands(script, UPDATE)];
      if (updates.length === 0 || removesLists(script)) return;
      const span = spanOf(updates[0].name, updates[0].subcommand);
      found.push({ node: index - stage.nodeIndex, start: start - stage.fromStart + span.start, end: start - stage.fromStart + span.end });
    }, stage.nodeIndex + 1);
    return found;
  });
}

export const DL3009: FileRule = {
  ...practiceMeta('DL3009', 'info', 'apt lists are left in the image after `apt-get update`.'),
  scope: 'file',
  check({ model, report }) {
    for (const stage of finalStageAndBases(model)) {
      for (const finding of findings(model, stage)) {
        report({
          nodeIndex: stage.nodeIndex + finding.node,
          start: stage.fromStart + finding.start,
          end: stage.fromStart + finding.end,
          message: `The package lists apt-get update downloads stay in the image. Remove them in the same RUN: && rm -rf /var/lib/apt/lists/*`,
        });
      }
    }
  },
};
