import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => ({}),
  register() {},
};
