// BuildKit's build checks, one file each.
import type { Rule } from '../types';

export const CHECK_RULES: readonly Rule[] = [];
