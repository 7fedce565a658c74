import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const codeLensFeature: Feature = {
  name: 'codeLens',
  capabilities: () => ({}),
  register() {},
};
