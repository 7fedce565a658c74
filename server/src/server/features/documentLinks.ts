import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const documentLinksFeature: Feature = {
  name: 'documentLinks',
  capabilities: () => ({}),
  register() {},
};
