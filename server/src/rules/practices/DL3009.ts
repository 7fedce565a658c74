// DL3009: a RUN runs `apt-get update` and does not remove /var/lib/apt/lists afterwards, so the
// package lists (tens of megabytes) stay in the layer. Only in the stages whose layers end up in
// the image (leftInImage.ts); hadolint also flags every stage another stage is built FROM, even
// when the image does not contain it. Not flagged: a RUN that runs `rm` on a path under
// /var/lib/apt/lists (or on /var/lib/apt, /var/lib/apt/*), `find … -delete` on the lists, or
// `apt-get dist-clean`, or that has a cache or tmpfs mount over /var/lib/apt.

import { aptGetCommands } from './apt';
import { leftInImageRule } from './leftInImage';
import { practiceMeta } from './meta';
import { cacheMountTargets } from './mounts';
import { basename, commandLines, type RunScript } from './shell';
import { spanOf } from './support';

const UPDATE = new Set(['update']);
const REMOVE_LISTS = 'rm -rf /var/lib/apt/lists/*';
/** `apt-get dist-clean` (apt 2.7) removes the lists too. */
const DIST_CLEAN = new Set(['dist-clean']);
/** A path that is the lists, under them, or /var/lib/apt itself or all it holds (`/var/lib/apt/*`). */
const REMOVES_LISTS = /^\/var\/lib\/apt(\/lists([/.*].*)?|\/\**)?\/?$|^\/var\/lib\/apt\/lists\//;

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

export const DL3009 = leftInImageRule(practiceMeta('DL3009', 'info', 'apt lists are left in the image after `apt-get update`.'), (script) => {
  if (cacheMountTargets(script.run).some((t) => t === '/var/lib/apt' || t.startsWith('/var/lib/apt/'))) return undefined;
  const update = aptGetCommands(script, UPDATE).next().value;
  if (!update || removesLists(script)) return undefined;
  return {
    span: spanOf(update.name, update.subcommand),
    message: `The package lists apt-get update downloads stay in the image. Remove them in the same RUN: && ${REMOVE_LISTS}`,
    cleanup: REMOVE_LISTS,
  };
});
