// What a lint rule is. One rule per file (rules/checks/<BuildKitName>.ts for BuildKit's build
// checks, rules/errors/<kebab-id>.ts for what BuildKit rejects, rules/practices/<DLxxxx>.ts for
// best practices under hadolint's codes), each with its code, default severity, description,
// check, quick fixes and tests.

import type { CodeAction, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../semantics';
import type { AnalyzedDocument } from '../services/document';
import type { InstructionNode, SyntaxTree } from '../syntax';
import type { IgnoreLine, RefusedIgnorePattern } from './checks/support/dockerignore';
import type { TriggerRun } from './checks/support/triggerRuns';

/** A problem found by a rule, in offsets. */
export interface Problem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly tags?: readonly DiagnosticTag[];
  /** Extra facts for the quick fix (kept in Diagnostic.data). */
  readonly data?: Record<string, unknown>;
  /** A more specific documentation link than the rule's `url` (e.g. the instruction's section). */
  readonly url?: string;
  /** When BuildKit raises this problem, where it differs from the rule's `raisedWhen`. */
  readonly raisedWhen?: RaisedWhen;
  /** Places in other files the problem comes from (the `.dockerignore` line that excludes a source). */
  readonly related?: readonly DiagnosticRelatedInformation[];
}

/**
 * When BuildKit raises an error: 'parse' while it reads the file or prepares every stage (all
 * stages, whatever is built); 'dispatch' while it converts one stage, which a plain `docker build`
 * does only for the stages its target reaches (`--check` converts them all); 'target' only in the
 * stages the target reaches, `--check` too (ONBUILD triggers of a base stage: `--check` without
 * --target runs them only in the stages the last one reaches).
 */
export type RaisedWhen = 'parse' | 'dispatch' | 'target';

/**
 * Problems of an instruction rule have offsets relative to the instruction; file rules report
 * absolute offsets and the node index they concern (for per-instruction `# check=skip=`).
 */
export interface FileProblem extends Problem {
  readonly nodeIndex: number;
}

export interface FileContext {
  readonly doc: AnalyzedDocument;
  readonly tree: SyntaxTree;
  readonly model: DockerfileModel;
  /** The `.dockerignore` patterns beside the document, when the caller could read them. */
  readonly dockerignore?: readonly string[];
  /** Where each of those patterns is written, and the file's URI when the caller gave it. */
  readonly dockerignoreLines?: readonly IgnoreLine[];
  readonly dockerignoreUri?: string;
  /** Its first pattern BuildKit refuses, which stops every build that sends the context. */
  readonly dockerignoreRefused?: RefusedIgnorePattern;
  report(problem: FileProblem): void;
}

/** One ONBUILD trigger of a base stage as a stage of the file built FROM it runs it. */
export interface TriggerContext {
  readonly doc: AnalyzedDocument;
  readonly tree: SyntaxTree;
  readonly model: DockerfileModel;
  readonly escape: '\\' | '`';
  readonly trigger: InstructionNode;
  /** The node index of its ONBUILD, in the base stage. */
  readonly index: number;
  /** Its place in `run.triggers`: the ones before it have run, in this stage, before it. */
  readonly order: number;
  /** The stage that runs it (before its own instructions) and all the triggers it runs. */
  readonly run: TriggerRun;
}

interface RuleBase {
  /** The diagnostic code: BuildKit's own PascalCase check name, hadolint's DLxxxx code, or our stable kebab-case id. */
  readonly code: string;
  /**
   * 'check' for BuildKit's build checks (warnings); 'error' for what BuildKit refuses to build;
   * 'practice' for best practices BuildKit builds without complaint (hadolint's codes; never
   * errors, silenced by `# hadolint ignore=` pragmas and the `diagnostics.bestPractices` setting).
   */
  readonly kind: 'check' | 'error' | 'practice';
  readonly defaultSeverity: DiagnosticSeverity;
  /** One sentence: what the rule catches. */
  readonly description: string;
  /** Documentation for `codeDescription.href`. */
  readonly url?: string;
  /**
   * For an error rule: when BuildKit raises it (default 'parse'); for a check, when BuildKit reports
   * it (the facts' `atDispatch`). A 'dispatch' error, or check that `error=true` makes an error, in a
   * stage the default build does not reach is shown as a warning (services/diagnostics.ts).
   */
  readonly raisedWhen?: RaisedWhen;
  /** BuildKit experimental checks run only when `# check=experimental=` asks for them. */
  readonly experimental?: boolean;
  /**
   * Reads RUN text as a POSIX shell splits it (commands, pipes, here-documents): its problems on a RUN
   * that PowerShell or cmd runs are left out (the model's shell, or a `# hadolint shell=` pragma; see
   * practices/shellAt.ts), as hadolint turns its shell rules off for those shells.
   */
  readonly readsPosixShell?: boolean;
  /** Quick fixes for one of this rule's diagnostics. */
  fixes?(diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[];
  /**
   * Its preferred fix changes only how the file is written, never what BuildKit builds from it, so
   * Fix All (the `source.fixAll` code action, which editors run on save) may apply it unseen.
   */
  readonly fixAll?: boolean;
  /**
   * For a check BuildKit also runs on the ONBUILD triggers a stage of the file runs (see
   * checks/support/triggerRuns.ts): what it finds in one trigger, run where the context says.
   * BuildKit reports those at the FROM of the stage that runs the trigger, so only messages (and
   * the data a quick fix needs).
   */
  checkTrigger?(context: TriggerContext, report: (message: string, data?: Record<string, unknown>) => void): void;
}

/**
 * A rule that looks at one instruction at a time, knowing nothing else but whether its stage builds
 * a Windows image. Its results are cached per node (and that flag), so after an edit it runs only on
 * the instructions that changed. `text` is the node's own text (what its spans index), for rules that
 * read words inside the arguments. `windowsImage`: the node's stage builds a Windows image
 * (`Stage.windows`), where BuildKit gives a RUN's `#!` heredoc body to the shell instead of running it.
 */
export interface InstructionRule extends RuleBase {
  readonly scope: 'instruction';
  check(node: InstructionNode, report: (problem: Problem) => void, escape: '\\' | '`', text: string, windowsImage: boolean): void;
}

/** A rule that needs the whole file (stages, scopes, casing majority); runs on every version. */
export interface FileRule extends RuleBase {
  readonly scope: 'file';
  check(context: FileContext): void;
}

export interface StageContext extends FileContext {
  /** The stage to check; problems are reported inside it (absolute offsets, like file rules). */
  readonly stage: Stage;
}

/**
 * A rule that looks at one stage at a time: its nodes, the model's resolution inside it, the
 * stages it is built FROM, the global ARGs (`globalArgs`, TARGETSTAGE included) and the
 * `.dockerignore`, nothing else (no line numbers, no other stages). Its results are cached per
 * stage analysis (`DockerfileModel.partOf`), so after an edit it runs only on the stages that changed.
 */
export interface StageRule extends RuleBase {
  readonly scope: 'stage';
  check(context: StageContext): void;
  /**
   * For a file without any FROM, which has no stage to check: what the rule finds in its instructions
   * (those of the first stage's part before its FROM are the first stage's to report). Runs on every
   * version of such a file.
   */
  checkWithoutStages?(context: FileContext): void;
}

export type Rule = InstructionRule | FileRule | StageRule;
