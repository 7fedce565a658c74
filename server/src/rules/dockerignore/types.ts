// What a rule of a `.dockerignore` file is: as a Dockerfile's rules (rules/types.ts), one per file,
// with its code, default severity, description, check and quick fixes, but reading the ignore file
// as BuildKit reads it (checks/support/dockerignore.ts) rather than a syntax tree.

import type { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { IgnoreLine } from '../checks/support/dockerignore';

/** A `.dockerignore` document as its own rules read it (the Dockerfile's rules read `IgnoreFile`, its patterns alone). */
export interface IgnoreDocument {
  readonly text: string;
  /** Every line as BuildKit's scanner gives it, with the offset of its first character. */
  readonly lines: readonly { readonly text: string; readonly offset: number }[];
  /** The patterns, comments and blank lines left out. */
  readonly patterns: readonly IgnoreLine[];
}

/** A text edit in offsets of the file. */
export interface IgnoreFileEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface IgnoreFileFix {
  readonly title: string;
  readonly edits: readonly IgnoreFileEdit[];
  readonly preferred?: boolean;
}

/** A problem in offsets of the file, with the fixes that mend it. */
export interface IgnoreFileProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly fixes?: readonly IgnoreFileFix[];
}

export interface IgnoreFileRule {
  /** The diagnostic code; `diagnostics.rules` sets its severity as for a Dockerfile's rules. */
  readonly code: string;
  readonly defaultSeverity: DiagnosticSeverity;
  /** One sentence: what the rule catches. */
  readonly description: string;
  /** Documentation for `codeDescription.href`. */
  readonly url: string;
  check(file: IgnoreDocument, report: (problem: IgnoreFileProblem) => void): void;
}
