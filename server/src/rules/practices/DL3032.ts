// DL3032: a RUN runs yum to install or update packages (or `yum makecache`) and leaves yum's cache,
// the repository metadata it downloaded, in the layer: tens to hundreds of megabytes. Cleaned by a
// later `yum clean all` (or dnf's, microdnf's: yum is dnf on RHEL 8 and later) or `rm` of
// /var/cache/yum, /var/cache/dnf or /var/cache in the same RUN, or kept out by a cache or tmpfs
// mount over one of them. Not flagged: a command that reads no repository (`-C`, or
// `--disablerepo=*` without an enabled one, as for a local package). Only in the stages whose
// layers end up in the image (leftInImage.ts). Information, like DL3009 (hadolint says warning):
// the image is larger, nothing fails.

import { leftInImageRule } from './leftInImage';
import { practiceMeta } from './meta';
import { toolName, YUM } from './rpm';
import { yumDnfCacheLeftBy } from './rpmCache';
import { spanOf } from './support';

export const DL3032 = leftInImageRule(practiceMeta('DL3032', 'info', "yum's cache is left in the image (no `yum clean all`)."), (script) => {
  const fill = yumDnfCacheLeftBy(script, [YUM]);
  if (!fill) return undefined;
  const cleanup = `${toolName(fill)} clean all`;
  return {
    span: spanOf(fill.name, fill.action[fill.action.length - 1]),
    message: `The repository metadata ${toolName(fill)} downloads stays in the image. Remove it at the end of the same RUN: && ${cleanup}`,
    cleanup,
  };
});
