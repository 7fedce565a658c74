import type { Feature } from '../feature';

/** Not implemented yet: advertises nothing and registers nothing. */
export const selectionRangeFeature: Feature = {
  name: 'selectionRange',
  capabilities: () => ({}),
  register() {},
};
