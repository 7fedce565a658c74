// What BuildKit refuses to build, one file each.
import type { Rule } from '../types';
import { blankName } from './blank-name';
import { copyFromVariable } from './copy-from-variable';
import { copyUrlSource } from './copy-url-source';
import { duplicateFlag } from './duplicate-flag';
import { emptyVolume } from './empty-volume';
import { healthcheckType } from './healthcheck-type';
import { invalidFlagValue } from './invalid-flag-value';
import { invalidMount } from './invalid-mount';
import { invalidStageName } from './invalid-stage-name';
import { missingArguments } from './missing-arguments';
import { missingFlagValue } from './missing-flag-value';
import { onbuildNotAllowed } from './onbuild-not-allowed';
import { shellNotJson } from './shell-not-json';
import { tooManyArguments } from './too-many-arguments';
import { unknownFlag } from './unknown-flag';
import { unknownInstruction } from './unknown-instruction';

export const ERROR_RULES: readonly Rule[] = [
  // The instruction itself and its flags.
  unknownInstruction,
  unknownFlag,
  duplicateFlag,
  missingFlagValue,
  invalidFlagValue,
  invalidMount,
  // Its arguments.
  missingArguments,
  tooManyArguments,
  blankName,
  invalidStageName,
  emptyVolume,
  shellNotJson,
  healthcheckType,
  onbuildNotAllowed,
  copyFromVariable,
  copyUrlSource,
];
