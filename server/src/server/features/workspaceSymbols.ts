import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const workspaceSymbolsFeature: Feature = {
  name: 'workspaceSymbols',
  capabilities: () => ({}),
  register() {},
};
