// DL3040: a RUN runs dnf (dnf 5, microdnf) to install or update packages (or `dnf makecache`) and
// leaves its cache, the repository metadata it downloaded, in the layer: tens to hundreds of
// megabytes. Cleaned by a later `dnf clean all` (or yum's, microdnf's, dnf5's) or `rm` of
// /var/cache/dnf, /var/cache/yum (microdnf's), /var/cache/libdnf5 (dnf 5's) or /var/cache in the
// same RUN, or kept out by a cache or tmpfs mount over one of them. Not flagged: a command that
// reads no repository (`-C`, or `--disablerepo=*` without an enabled one). Only in the stages
// whose layers end up in the image (leftInImage.ts). Information, like DL3009 (hadolint says warning).

import { leftInImageRule } from './leftInImage';
import { practiceMeta } from './meta';
import { DNF, MICRODNF, toolName } from './rpm';
import { yumDnfCacheLeftBy } from './rpmCache';
import { spanOf } from './support';

export const DL3040 = leftInImageRule(practiceMeta('DL3040', 'info', "dnf's cache is left in the image (no `dnf clean all`)."), (script) => {
  const fill = yumDnfCacheLeftBy(script, [DNF, MICRODNF]);
  if (!fill) return undefined;
  const cleanup = `${toolName(fill)} clean all`;
  return {
    span: spanOf(fill.name, fill.action[fill.action.length - 1]),
    message: `The repository metadata ${toolName(fill)} downloads stays in the image. Remove it at the end of the same RUN: && ${cleanup}`,
    cleanup,
  };
});
