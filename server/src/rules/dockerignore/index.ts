// Every rule of a `.dockerignore` file, in one explicit list.
import { exclusionFirst } from './exclusion-first';
import { invalidPattern } from './invalid-pattern';
import { notAComment } from './not-a-comment';
import type { IgnoreFileRule } from './types';

export type { IgnoreDocument, IgnoreFileEdit, IgnoreFileFix, IgnoreFileProblem, IgnoreFileRule } from './types';
export { DOCKERIGNORE_REFERENCE } from './reference';

export const IGNORE_FILE_RULES: readonly IgnoreFileRule[] = [invalidPattern, notAComment, exclusionFirst];
