// The cache and tmpfs mounts of a RUN (`--mount=type=cache,target=…`): what they keep out of the
// image's layer, for the rules about package manager caches.

import type { InstructionNode } from '../../syntax';

/** The targets of the RUN's cache and tmpfs mounts, as written. */
export function cacheMountTargets(run: InstructionNode): string[] {
  const targets: string[] = [];
  for (const flag of run.flags) {
    if (flag.name.text !== 'mount' || !flag.mountOptions) continue;
    let type = 'bind';
    let target: string | undefined;
    for (const option of flag.mountOptions) {
      const key = option.key.text.toLowerCase();
      const value = option.value?.text ?? '';
      if (key === 'type') type = value.toLowerCase();
      else if (key === 'target' || key === 'dst' || key === 'destination') target = value;
    }
    if ((type === 'cache' || type === 'tmpfs') && target) targets.push(target.replace(/\/+$/, '') || '/');
  }
  return targets;
}
