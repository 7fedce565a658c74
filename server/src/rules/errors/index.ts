// What BuildKit refuses to build, one file each.
import type { Rule } from '../types';
import { duplicateFlag } from './duplicate-flag';
import { invalidFlagValue } from './invalid-flag-value';
import { missingFlagValue } from './missing-flag-value';
import { unknownFlag } from './unknown-flag';
import { unknownInstruction } from './unknown-instruction';

export const ERROR_RULES: readonly Rule[] = [unknownInstruction, unknownFlag, duplicateFlag, missingFlagValue, invalidFlagValue];
