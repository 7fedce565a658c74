import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const inlayHintsFeature: Feature = {
  name: 'inlayHints',
  capabilities: () => ({}),
  register() {},
};
