import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const semanticTokensFeature: Feature = {
  name: 'semanticTokens',
  capabilities: () => ({}),
  register() {},
};
