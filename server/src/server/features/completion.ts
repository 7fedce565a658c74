import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({}),
  register() {},
};
