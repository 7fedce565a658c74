// What BuildKit refuses to build, one file each.
import type { Rule } from '../types';

export const ERROR_RULES: readonly Rule[] = [];
