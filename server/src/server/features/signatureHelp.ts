import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const signatureHelpFeature: Feature = {
  name: 'signatureHelp',
  capabilities: () => ({}),
  register() {},
};
