import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: () => ({}),
  register() {},
};
