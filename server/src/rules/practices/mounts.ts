// The cache and tmpfs mounts of a RUN (`--mount=type=cache,target=…`): what they keep out of the
// image's layer, for the rules about package manager caches.

import { mountTypeText, type InstructionNode } from '../../syntax';

/** The targets of the RUN's cache and tmpfs mounts, as written. */
export function cacheMountTargets(run: InstructionNode): string[] {
  const targets: string[] = [];
  for (const flag of run.flags) {
    if (flag.name.text !== 'mount' || !flag.mountOptions) continue;
    const type = mountTypeText(flag);
    let target: string | undefined;
    for (const option of flag.mountOptions) {
      const key = option.key.text.toLowerCase();
      if (key === 'target' || key === 'dst' || key === 'destination') target = option.value?.text ?? '';
    }
    if ((type === 'cache' || type === 'tmpfs') && target) targets.push(target.replace(/\/+$/, '') || '/');
  }
  return targets;
}
