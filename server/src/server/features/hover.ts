import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({}),
  register() {},
};
