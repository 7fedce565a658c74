// What BuildKit refuses to build, one file each.
import type { Rule } from '../types';
import { badSubstitution } from './bad-substitution';
import { blankName } from './blank-name';
import { circularStageDependency } from './circular-stage-dependency';
import { copyFromVariable } from './copy-from-variable';
import { copyUrlSource } from './copy-url-source';
import { duplicateFlag } from './duplicate-flag';
import { emptyVolume } from './empty-volume';
import { execFormNotJson } from './exec-form-not-json';
import { healthcheckType } from './healthcheck-type';
import { heredocDestination } from './heredoc-destination';
import { heredocInJsonForm } from './heredoc-in-json-form';
import { heredocNotCopied } from './heredoc-not-copied';
import { invalidDockerignore } from './invalid-dockerignore';
import { invalidExpose } from './invalid-expose';
import { invalidFlagValue } from './invalid-flag-value';
import { invalidGitUrl } from './invalid-git-url';
import { invalidImageReference } from './invalid-image-reference';
import { invalidMount } from './invalid-mount';
import { invalidOnbuildTrigger } from './invalid-onbuild-trigger';
import { invalidPlatform } from './invalid-platform';
import { invalidStageIndex } from './invalid-stage-index';
import { invalidStageName } from './invalid-stage-name';
import { invalidStopSignal } from './invalid-stop-signal';
import { linkChownByName } from './link-chown-by-name';
import { instructionBeforeFrom } from './instruction-before-from';
import { missingArguments } from './missing-arguments';
import { missingFlagValue } from './missing-flag-value';
import { missingFrom } from './missing-from';
import { mountTargetRoot } from './mount-target-root';
import { needsNewerFrontend } from './needs-newer-frontend';
import { onbuildNotAllowed } from './onbuild-not-allowed';
import { requiredVariableMissing } from './required-variable-missing';
import { shebangRunsNothing } from './shebang-runs-nothing';
import { shellNotJson } from './shell-not-json';
import { stageDefinedLater } from './stage-defined-later';
import { tooManyArguments } from './too-many-arguments';
import { unicodeDashFlag } from './unicode-dash-flag';
import { unknownFlag } from './unknown-flag';
import { unknownInstruction } from './unknown-instruction';

export const ERROR_RULES: readonly Rule[] = [
  // The instruction itself and its flags.
  unknownInstruction,
  unknownFlag,
  unicodeDashFlag,
  duplicateFlag,
  missingFlagValue,
  invalidFlagValue,
  invalidMount,
  mountTargetRoot,
  needsNewerFrontend,
  // Its arguments.
  missingArguments,
  tooManyArguments,
  blankName,
  invalidStageName,
  emptyVolume,
  shellNotJson,
  execFormNotJson,
  healthcheckType,
  onbuildNotAllowed,
  copyFromVariable,
  copyUrlSource,
  invalidGitUrl,
  heredocDestination,
  heredocNotCopied,
  heredocInJsonForm,
  shebangRunsNothing,
  linkChownByName,
  invalidExpose,
  invalidStopSignal,
  badSubstitution,
  requiredVariableMissing,
  // The file as a whole: stages and their order.
  instructionBeforeFrom,
  missingFrom,
  invalidImageReference,
  invalidPlatform,
  invalidStageIndex,
  stageDefinedLater,
  circularStageDependency,
  invalidOnbuildTrigger,
  // What the build reads besides the Dockerfile.
  invalidDockerignore,
];
