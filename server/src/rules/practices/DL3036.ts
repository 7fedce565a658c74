// DL3036: a RUN runs zypper to install or update packages (or `zypper refresh`) and leaves its
// cache, the repository metadata it downloaded, in the layer. Cleaned by a later `zypper clean`
// (`zypper cc`, with any options) or `rm` of /var/cache/zypp or /var/cache in the same RUN, or kept
// out by a cache or tmpfs mount over one of them. Only in the stages whose layers end up in the
// image (leftInImage.ts). The message suggests `--all`: without it zypper cleans only the package
// cache. Information, like DL3009 (hadolint says warning).

import { leftInImageRule } from './leftInImage';
import { practiceMeta } from './meta';
import { toolName } from './rpm';
import { zypperCacheLeftBy } from './rpmCache';
import { spanOf } from './support';

export const DL3036 = leftInImageRule(practiceMeta('DL3036', 'info', "zypper's cache is left in the image (no `zypper clean`)."), (script) => {
  const fill = zypperCacheLeftBy(script);
  if (!fill) return undefined;
  const cleanup = `${toolName(fill)} clean --all`;
  return {
    span: spanOf(fill.name, fill.action[0]),
    message: `The repository metadata ${toolName(fill)} downloads stays in the image. Remove it at the end of the same RUN: && ${cleanup}`,
    cleanup,
  };
});
