import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const formattingFeature: Feature = {
  name: 'formatting',
  capabilities: () => ({}),
  register() {},
};
