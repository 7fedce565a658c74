import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const foldingFeature: Feature = {
  name: 'folding',
  capabilities: () => ({}),
  register() {},
};
