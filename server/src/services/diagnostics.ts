// Diagnostics: what BuildKit's parser rejects (syntax errors), then every lint rule of
// rules/index.ts, filtered by BuildKit's `check` configuration and the user's settings.
//
// Work follows the edit, not the file. Instruction rules are pure functions of one node: their
// problems are cached per node object, which the incremental parser reuses when an edit does not
// touch it. Stage rules look at one stage: their problems are cached per stage analysis (the
// model's part, kept while the stage's nodes and inputs are the same objects). Both are kept per
// segment (the nodes before the first FROM, or one stage) relative to it, so an unchanged stage
// costs a lookup. File rules run on every version; they keep what they derive from one stage per
// part themselves (rules/partMemo.ts), so each costs little more than a pass over the stages.
// A segment's problems as LSP diagnostics (positions, severities) are kept too, while the segment
// starts on the same line: a keystroke makes diagnostic objects only for the stage it changed.
//
// Suppression follows BuildKit: the `# check=` directive applies to the whole file, a
// `# check=` comment above an instruction (frontend 1.21) adds to it for that instruction,
// experimental checks run only when opted in (and ignore `skip`), and `error=true` makes the
// checks that fire errors. A file pinned to an older frontend gets only the checks and the
// `check` configuration that release has (rules/pinnedChecks.ts). The best-practice rules (kind
// `practice`, hadolint's codes) follow hadolint's `# hadolint ignore=` pragmas instead, and the
// `diagnostics.bestPractices` setting.
//
// Reach follows BuildKit too: an error it raises only while converting a stage (a rule's or a
// problem's `raisedWhen: 'dispatch'`) fails a plain `docker build` only in the stages the last one
// reaches (`stagesTheDefaultBuildReaches`); elsewhere it is a warning that says which build fails.
// So does a check that `error=true` makes an error and that BuildKit runs while converting a stage
// (UndefinedVar, JSONArgsRecommended, ...): a plain build never reports it in a stage it does not
// convert, so it fails nothing there. Errors of the parse (every stage) stay errors. The user's
// per-code severity still wins.

import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import {
  DEFAULT_CHECK_CONFIG,
  fileCheckDirective,
  forEachInstructionCheckComments,
  isCheckEnabled,
  mergeCheckConfigs,
  parseCheckOptions,
  type CheckComment,
  type CheckConfig,
} from '../rules/checkConfig';
import { readIgnoreFile, type IgnoreFile } from '../rules/checks/support/dockerignore';
import { triggerRuns } from '../rules/checks/support/triggerRuns';
import { otherFrontend } from '../rules/frontendPin';
import { checkFrontend, checkMode, type CheckFrontend, type CheckMode } from '../rules/pinnedChecks';
import { isIgnored, pragmasOf, type Pragmas } from '../rules/practices/pragmas';
import { runsInPosixShell } from '../rules/practices/shellAt';
import { RULES, type FileContext, type FileProblem, type FileRule, type InstructionRule, type Problem, type Rule, type StageContext, type StageRule, type TriggerContext } from '../rules';
import type { RaisedWhen } from '../rules/types';
import { stagesTheDefaultBuildReaches, type DockerfileModel, type Stage } from '../semantics';
import type { RuleSeverity, Settings } from '../settings';
import type { InstructionNode } from '../syntax';
import { documentLineage, rangeOf, type AnalyzedDocument } from './document';
import { keptJsonArray, type JsonPieces } from './keptJson';
import { shownMessage } from './diagnosticMessage';
import { messageHint } from './diagnosticHints';
import { problemForMessage } from './sentDiagnostic';

export const DIAGNOSTIC_SOURCE = 'dockerfile-lsp';

/** Code of the diagnostic for a `check` value BuildKit rejects. */
export const INVALID_CHECK_OPTION = 'invalid-check-option';

export interface DiagnosticsOptions {
  /** The text of the `.dockerignore` beside the Dockerfile, when the caller could read one. */
  readonly dockerignore?: string;
  /**
   * A check configuration that replaces the file's `# check=` directive, as the
   * BUILDKIT_DOCKERFILE_CHECK build argument does (`skip=...;error=...;experimental=...`).
   */
  readonly checkConfig?: string;
  /** Told about a rule that threw (a bug): its diagnostics are left out, the others still come. */
  readonly onRuleError?: (code: string, error: unknown) => void;
}

export function getSyntaxDiagnostics(doc: AnalyzedDocument): Diagnostic[] {
  return doc.tree.errors().map((error) => ({
    range: rangeOf(doc, error.start, error.end),
    severity: DiagnosticSeverity.Error,
    code: error.code,
    source: DIAGNOSTIC_SOURCE,
    message: shownMessage(error.message + messageHint(doc, error.code, error.start, error.node)),
  }));
}

/** A problem with the rule that found it and the node it concerns; its offsets plus `base` are document offsets. */
interface Found {
  readonly rule: Rule;
  readonly nodeIndex: number;
  readonly problem: Problem;
  readonly base: number;
}

/** A problem relative to its segment: node index and offsets counted from the segment's first node. */
interface RelativeFound {
  readonly rule: Rule;
  readonly node: number;
  readonly problem: Problem;
}

const INSTRUCTION_RULES = RULES.filter((rule): rule is InstructionRule => rule.scope === 'instruction');
const STAGE_RULES = RULES.filter((rule): rule is StageRule => rule.scope === 'stage');
const FILE_RULES = RULES.filter((rule): rule is FileRule => rule.scope === 'file');
const TRIGGER_RULES = RULES.filter((rule) => rule.checkTrigger !== undefined);

interface CachedProblems {
  readonly escape: string;
  /** The node's stage builds a Windows image (an instruction rule's input, as the escape is). */
  readonly windowsImage: boolean;
  readonly found: readonly { readonly rule: InstructionRule; readonly problem: Problem }[];
}

/**
 * A copy of `text` that refers to no other string. Messages quote words of the node, and a
 * JavaScript engine may keep such a word as a slice of the whole text it was parsed from; a cached
 * message must not keep an old version of the document alive.
 */
function ownString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * The problems of one segment of a document (the nodes before the first FROM, or one stage),
 * relative to it, valid for as long as the model keeps the same part for it (`partOf`).
 */
interface Segment {
  /** Its instruction nodes, whose cached problems go when the segment goes. */
  readonly nodes: readonly InstructionNode[];
  readonly instructionProblems: readonly RelativeFound[];
  /** A rule threw on one of its instructions: checked again next time. */
  readonly failed: boolean;
  /** Stage rules' problems, by rule (stage segments only). */
  readonly stageProblems: Map<StageRule, readonly RelativeFound[]>;
  /** Instruction and stage rules' problems together, for the set of stage rules that ran (`signature`). */
  combined?: { readonly signature: string; readonly found: readonly RelativeFound[] };
}

/**
 * Per open document (the TextDocument object lives as long as the document is open), what the
 * version checked last found: its segments by part, and the problems of each of their instruction
 * nodes. A node that survives an edit is the same object in the next tree, and a stage whose nodes
 * and inputs are unchanged keeps its part, so after an edit only the changed stage is checked
 * again, and in it only the re-parsed instructions. Only the current nodes and parts are kept.
 */
interface DocumentCache {
  readonly segments: Map<object, Segment>;
  readonly nodes: Map<InstructionNode, CachedProblems>;
  /** What stage rules read beyond their part (TARGETSTAGE, the .dockerignore); a change drops their results. */
  readonly context: string;
  /** Each segment's problems as LSP diagnostics, by part (see `segmentDiagnostics`). */
  converted: Map<object, ConvertedSegment>;
}

/**
 * One segment's problems as LSP diagnostics. They stay right while the segment's problems are the
 * same list, the segment starts on the same line (it starts at a line start, so every position in
 * it follows from that line and its own text), and the check configuration and settings are the
 * same: then a version reuses the objects, and a keystroke converts only the stage it changed.
 */
interface ConvertedSegment {
  readonly problems: readonly RelativeFound[];
  readonly line: number;
  readonly config: string;
  readonly settings: Settings;
  /** Its stage is one the default build does not reach, and it has problems that depend on that. */
  readonly unreached: boolean;
  readonly diagnostics: readonly Diagnostic[];
}

/** The problems of one segment, relative to its first node (`first`) and to `base` in offsets. */
interface SegmentProblems {
  readonly part: object;
  readonly problems: readonly RelativeFound[];
  readonly first: number;
  readonly base: number;
}

const documentCaches = new WeakMap<object, DocumentCache>();

/** No problems: shared by the caches of the many stages that have none. */
const NONE_FOUND: readonly RelativeFound[] = Object.freeze([]);

/** What most instructions have: one shared object per escape character and image kind, not one per node. */
const NO_PROBLEMS: Readonly<Record<'\\' | '`', readonly [CachedProblems, CachedProblems]>> = {
  '\\': [
    { escape: '\\', windowsImage: false, found: Object.freeze([]) },
    { escape: '\\', windowsImage: true, found: Object.freeze([]) },
  ],
  '`': [
    { escape: '`', windowsImage: false, found: Object.freeze([]) },
    { escape: '`', windowsImage: true, found: Object.freeze([]) },
  ],
};

function instructionProblems(
  node: InstructionNode,
  text: () => string,
  escape: '\\' | '`',
  windowsImage: boolean,
  previous: CachedProblems | undefined,
  options: DiagnosticsOptions,
): CachedProblems {
  if (previous && previous.escape === escape && previous.windowsImage === windowsImage) return previous;
  const nodeText = text();
  const found: { rule: InstructionRule; problem: Problem }[] = [];
  let failed = false;
  // One report callback per node, the rule in hand switched between calls: a callback per rule and
  // node was, at the open of 50,000 lines, a million short-lived closures (about 100 MB of garbage).
  let rule = INSTRUCTION_RULES[0];
  const report = (problem: Problem): void => void found.push({ rule, problem: { ...problem, message: ownString(problem.message) } });
  for (rule of INSTRUCTION_RULES) {
    try {
      rule.check(node, report, escape, nodeText, windowsImage);
    } catch (error) {
      failed = true;
      options.onRuleError?.(rule.code, error);
    }
  }
  // A failure is never reused (no escape matches ''), so it is reported again rather than hidden.
  if (failed) return { escape: '', windowsImage, found };
  return found.length ? { escape, windowsImage, found } : NO_PROBLEMS[escape][windowsImage ? 1 : 0];
}

/** Where segment `s` (-1: before the first FROM) starts and ends, in node indexes and offsets. */
function segmentBounds(model: DockerfileModel, s: number): { first: number; end: number; base: number } {
  // Built field by field: an object spread here took a millisecond per version at 2,000 stages.
  const { first, end } = model.partNodes(s);
  return { first, end, base: s < 0 ? 0 : model.stages[s].fromStart };
}

function buildSegment(model: DockerfileModel, s: number, cache: Map<InstructionNode, CachedProblems>, fresh: Set<InstructionNode>, options: DiagnosticsOptions): Segment {
  const { tree } = model;
  const escape = tree.escape;
  const { first, end, base } = segmentBounds(model, s);
  const windowsImage = s >= 0 && model.stages[s].windows;
  const nodes: InstructionNode[] = [];
  const relative: RelativeFound[] = [];
  let failed = false;
  tree.forEach((node, start, index) => {
    if (index >= end) return false;
    if (node.kind !== 'instruction') return;
    const problems = instructionProblems(node, () => tree.nodeText(index), escape, windowsImage, cache.get(node), options);
    if (problems.escape === '') failed = true;
    cache.set(node, problems);
    fresh.add(node);
    nodes.push(node);
    for (const { rule, problem } of problems.found) {
      relative.push({ rule, node: index - first, problem: { ...problem, start: start - base + problem.start, end: start - base + problem.end } });
    }
  }, first);
  return { nodes, instructionProblems: relative, failed, stageProblems: new Map() };
}

/**
 * Runs stage rules on one stage, one rule per call, with one context and one report callback for
 * them all (a context and a callback per rule and stage were garbage at every open). Each call gives
 * the rule's problems in the stage, relative to it, and whether they may be kept for the stage's
 * part: not when the rule threw, nor when it reported outside the stage.
 */
function stageRuleRunner(shared: Omit<FileContext, 'report'>, stage: Stage, options: DiagnosticsOptions): (rule: StageRule) => { found: RelativeFound[]; keep: boolean } {
  let rule: StageRule;
  let found: RelativeFound[] = [];
  let keep = true;
  const report = (problem: FileProblem): void => {
    if (problem.start < stage.start || problem.end > stage.end || problem.nodeIndex < stage.nodeIndex || problem.nodeIndex > stage.lastNodeIndex) keep = false;
    const { nodeIndex, ...rest } = problem;
    const start = problem.start - stage.fromStart;
    found.push({ rule, node: nodeIndex - stage.nodeIndex, problem: { ...rest, start, end: problem.end - stage.fromStart, message: ownString(problem.message) } });
  };
  const context: StageContext = { ...shared, stage, report };
  return (next) => {
    rule = next;
    found = [];
    keep = true;
    try {
      rule.check(context);
    } catch (error) {
      // What it found before it threw is reported; the stage is checked again next time.
      options.onRuleError?.(rule.code, error);
      return { found, keep: false };
    }
    return { found, keep };
  };
}

/**
 * What the rules read of a `.dockerignore` text. The reading of the last text is kept: every run of a
 * session passes the same one, and CopyIgnoredFile keeps its matcher while the patterns are the same list.
 */
let lastIgnoreFile: { readonly text: string; readonly file: IgnoreFile } | undefined;

function ignoreInputs(text: string | undefined): { dockerignore?: readonly string[]; dockerignoreRefused?: IgnoreFile['refused'] } {
  if (text === undefined) return {};
  if (lastIgnoreFile?.text !== text) lastIgnoreFile = { text, file: readIgnoreFile(text) };
  const { patterns, refused } = lastIgnoreFile.file;
  return { dockerignore: patterns, dockerignoreRefused: refused };
}

function runRules(doc: AnalyzedDocument, options: DiagnosticsOptions, runs: (rule: Rule) => boolean): { segments: SegmentProblems[]; files: Found[]; cache: DocumentCache } {
  const found: Found[] = [];
  const bySegment: SegmentProblems[] = [];
  const { tree, model } = doc;
  const shared = { doc, tree, model, ...ignoreInputs(options.dockerignore) };
  const stageCount = model.stages.length;
  const context = JSON.stringify([model.stages[stageCount - 1]?.nameLower ?? null, options.dockerignore ?? null]);
  const stageRules = STAGE_RULES.filter(runs);
  const signature = stageRules.map((rule) => rule.code).join(' ');
  const previous = documentCaches.get(documentLineage(doc));
  const cache = previous?.nodes ?? new Map<InstructionNode, CachedProblems>();
  const segments = new Map<object, Segment>();
  const fresh = new Set<InstructionNode>();

  // Segment by segment: instruction rules, then stage rules, each from its cache where it has one.
  for (let s = -1; s < stageCount; s++) {
    const part = model.partOf(s);
    let segment = previous?.segments.get(part);
    if (segment?.failed) segment = undefined;
    if (segment && previous!.context !== context) segment = { ...segment, stageProblems: new Map(), combined: undefined };
    segment ??= buildSegment(model, s, cache, fresh, options);
    segments.set(part, segment);
    const { first, base } = segmentBounds(model, s);
    let problems: readonly RelativeFound[] = segment.instructionProblems;
    if (s >= 0) problems = segment.combined?.signature === signature ? segment.combined.found : combine(segment, stageRules, signature, shared, model.stages[s], options);
    if (problems.length) bySegment.push({ part, problems, first, base });
  }
  // Problems of nodes that are gone are forgotten.
  if (previous) {
    for (const [part, segment] of previous.segments) {
      if (segments.has(part)) continue;
      for (const node of segment.nodes) if (!fresh.has(node)) cache.delete(node);
    }
  }
  const documentCache: DocumentCache = { segments, nodes: cache, context, converted: previous?.converted ?? new Map() };
  documentCaches.set(documentLineage(doc), documentCache);

  // A file without FROM has no stage: the stage rules that look at instructions without one do so here.
  if (stageCount === 0) {
    for (const rule of stageRules) {
      if (!rule.checkWithoutStages) continue;
      const report = (problem: FileProblem): void => void found.push({ rule, nodeIndex: problem.nodeIndex, problem, base: 0 });
      try {
        rule.checkWithoutStages({ ...shared, report });
      } catch (error) {
        options.onRuleError?.(rule.code, error);
      }
    }
  }
  // File rules on the whole model (they keep what they derive from one stage per part themselves).
  for (const rule of FILE_RULES) {
    if (!runs(rule)) continue;
    const report = (problem: FileProblem): void => void found.push({ rule, nodeIndex: problem.nodeIndex, problem, base: 0 });
    try {
      rule.check({ ...shared, report });
    } catch (error) {
      options.onRuleError?.(rule.code, error);
    }
  }
  triggerProblems(doc, TRIGGER_RULES.filter(runs), found, options);
  return { segments: bySegment, files: found, cache: documentCache };
}

/**
 * What the checks BuildKit also runs on ONBUILD triggers find in the triggers each stage of the file
 * runs: reported at that stage's base image (BuildKit gives them the stage's FROM as location),
 * saying which ONBUILD line it comes from. Few stages have triggers, so this runs on every version.
 */
function triggerProblems(doc: AnalyzedDocument, rules: readonly Rule[], found: Found[], options: DiagnosticsOptions): void {
  if (!rules.length) return;
  forEachTriggerProblem(doc, rules, (rule, problem) => void found.push({ rule, nodeIndex: problem.nodeIndex, base: 0, problem }), (rule, error) =>
    options.onRuleError?.(rule.code, error),
  );
}

/** Each problem the rules' `checkTrigger` find, as a problem of the FROM of the stage that runs the trigger. */
function forEachTriggerProblem(
  doc: AnalyzedDocument,
  rules: readonly Rule[],
  found: (rule: Rule, problem: FileProblem) => void,
  failed: (rule: Rule, error: unknown) => void,
): void {
  const { tree, model } = doc;
  for (const run of triggerRuns(model)) {
    const { stage, triggers } = run;
    const span = stage.imageSpan ?? { start: stage.fromStart + stage.from.keyword.start, end: stage.fromStart + stage.from.keyword.end };
    triggers.forEach(({ trigger, index }, order) => {
      const line = tree.lineOf(tree.start(index)) + 1;
      const context: TriggerContext = { doc, tree, model, escape: tree.escape, trigger, index, order, run };
      for (const rule of rules) {
        const report = (message: string, data?: Record<string, unknown>): void =>
          found(rule, { ...span, nodeIndex: stage.nodeIndex, message: `The ONBUILD on line ${line} runs first in this stage: ${message}`, ...(data && { data }) });
        try {
          rule.checkTrigger!(context, report);
        } catch (error) {
          failed(rule, error);
        }
      }
    });
  }
}

/** A stage segment's instruction problems followed by each running stage rule's, kept when all may be. */
function combine(segment: Segment, rules: readonly StageRule[], signature: string, shared: Omit<FileContext, 'report'>, stage: Stage, options: DiagnosticsOptions): readonly RelativeFound[] {
  const found = [...segment.instructionProblems];
  let keep = true;
  let run: ReturnType<typeof stageRuleRunner> | undefined;
  for (const rule of rules) {
    let problems = segment.stageProblems.get(rule);
    if (!problems) {
      run ??= stageRuleRunner(shared, stage, options);
      const result = run(rule);
      if (result.keep) segment.stageProblems.set(rule, result.found.length ? result.found : NONE_FOUND);
      else keep = false;
      problems = result.found;
    }
    for (const problem of problems) found.push(problem);
  }
  if (keep) segment.combined = { signature, found: found.length ? found : NONE_FOUND };
  return found;
}

/**
 * Whether a rule can report anything under this configuration: `# check=` comments only add to
 * the file's, so a check the file skips is skipped everywhere, and an experimental check runs only
 * where something opts in. Instruction rules are cheap (cached) and filtered later anyway.
 */
function mayReport(rule: Rule, setup: CheckSetup, settings: Settings): boolean {
  if (rule.kind === 'practice') return settings.diagnostics.bestPractices;
  if (rule.kind !== 'check') return true;
  const mode = modeOf(rule, setup);
  if (mode === 'absent') return false;
  const experimental = mode === 'experimental';
  if (isCheckEnabled(setup.file, rule.code, experimental)) return true;
  if (!experimental) return false;
  for (const config of setup.byNode.values()) if (isCheckEnabled(config, rule.code, true)) return true;
  return false;
}

/** The check configuration of the file and of each instruction that has `# check=` comments. */
interface CheckSetup {
  readonly file: CheckConfig;
  readonly byNode: ReadonlyMap<number, CheckConfig>;
  /** Check values BuildKit rejects, with whether they are the file's directive. */
  readonly invalid: readonly { readonly comment: CheckComment; readonly directive: boolean }[];
  /** The `# hadolint ignore=` pragmas, for the best-practice rules. */
  readonly pragmas: Pragmas;
  /** The checks and `check` configuration of the frontend the file pins. */
  readonly frontend: CheckFrontend;
  /** Whether node `index` runs its text in a POSIX shell (for the rules that read it as one). */
  readonly posixShellAt: (index: number) => boolean;
}

/** How the file's frontend runs a check rule. */
function modeOf(rule: Rule, setup: CheckSetup): CheckMode {
  return checkMode(setup.frontend, rule.code, rule.experimental === true);
}

function checkSetup(doc: AnalyzedDocument, override: string | undefined): CheckSetup {
  const frontend = checkFrontend(doc.tree);
  const invalid: { comment: CheckComment; directive: boolean }[] = [];
  let file = DEFAULT_CHECK_CONFIG;
  // A frontend older than the check directive reads no check configuration at all.
  if (frontend.readsDirective && override !== undefined) {
    const parsed = parseCheckOptions(override, frontend.optionSyntax);
    if (parsed.ok) file = parsed.config;
  } else if (frontend.readsDirective) {
    const directive = fileCheckDirective(doc.tree, frontend.optionSyntax);
    if (directive?.result.ok) file = directive.result.config;
    else if (directive) invalid.push({ comment: directive, directive: true });
  }
  const byNode = new Map<number, CheckConfig>();
  if (frontend.readsInstructionComments) {
    forEachInstructionCheckComments(doc.tree, (index, comments) => {
      let config = file;
      for (const comment of comments) {
        if (comment.result.ok) config = mergeCheckConfigs(config, comment.result.config);
        else invalid.push({ comment, directive: false });
      }
      if (config !== file) byNode.set(index, config);
    });
  }
  return { file, byNode, invalid, pragmas: pragmasOf(doc.tree), frontend, posixShellAt: (index) => runsInPosixShell(doc.model, index) };
}

const SEVERITY: Readonly<Record<Exclude<RuleSeverity, 'off'>, DiagnosticSeverity>> = {
  hint: DiagnosticSeverity.Hint,
  information: DiagnosticSeverity.Information,
  warning: DiagnosticSeverity.Warning,
  error: DiagnosticSeverity.Error,
};

/** Applies the user's per-code severity; undefined when the user turned the code off. */
function withUserSeverity(diagnostic: Diagnostic, settings: Settings): Diagnostic | undefined {
  const override = typeof diagnostic.code === 'string' ? settings.diagnostics.rules[diagnostic.code] : undefined;
  if (override === undefined) return diagnostic;
  if (override === 'off') return undefined;
  return { ...diagnostic, severity: SEVERITY[override] };
}

function invalidOptionDiagnostic(doc: AnalyzedDocument, comment: CheckComment, directive: boolean): Diagnostic {
  const error = comment.result.ok ? undefined : comment.result.error;
  const start = comment.valueStart + (error?.start ?? 0);
  const end = comment.valueStart + (error?.end ?? comment.value.length);
  return {
    range: rangeOf(doc, start, Math.max(start, end)),
    // The directive's error fails the build; a comment's only loses its effect.
    severity: directive ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: INVALID_CHECK_OPTION,
    source: DIAGNOSTIC_SOURCE,
    message: shownMessage(error?.message ?? 'invalid check option'),
  };
}

function toDiagnostic(doc: AnalyzedDocument, found: Found, severity: DiagnosticSeverity): Diagnostic {
  const { rule, problem } = found;
  const href = problem.url ?? rule.url;
  const diagnostic: Diagnostic = {
    range: rangeOf(doc, found.base + problem.start, found.base + problem.end),
    severity,
    code: rule.code,
    source: DIAGNOSTIC_SOURCE,
    message: shownMessage(problem.message + messageHint(doc, rule.code, found.base + problem.start, found.nodeIndex)),
  };
  if (href) diagnostic.codeDescription = { href };
  if (problem.tags?.length) diagnostic.tags = [...problem.tags];
  if (problem.data) diagnostic.data = problem.data;
  return diagnostic;
}

/**
 * Whether BuildKit raises this error, or reports this check (an error under `error=true`), only in
 * the stages a build reaches (see RaisedWhen).
 */
function raisedAtDispatch(rule: Rule, problem: Problem): boolean {
  return rule.kind !== 'practice' && (problem.raisedWhen ?? rule.raisedWhen ?? 'parse') !== 'parse';
}

/**
 * Which stages the default build leaves out, asked only for dispatch-time errors, so a version
 * without any does not walk the stage graph.
 */
class Reach {
  private reached: ReadonlySet<Stage> | undefined;

  constructor(private readonly model: DockerfileModel) {}

  /** The stage of node `nodeIndex` when the default build does not reach it. */
  unreachedStageOf(nodeIndex: number): Stage | undefined {
    const stage = this.model.stageOfNode(nodeIndex);
    if (!stage) return undefined;
    this.reached ??= stagesTheDefaultBuildReaches(this.model);
    return this.reached.has(stage) ? undefined : stage;
  }
}

/** Why a dispatch-time error in `stage` is not one for a plain build, and which builds fail on it. */
function notBuiltByDefault(stage: Stage, when: RaisedWhen | undefined): string {
  const which = stage.name ? `stage "${stage.name}"` : `stage number ${stage.index}`;
  const target = stage.name ? `docker build --target ${stage.name}` : 'a --target that needs it';
  if (when === 'target') {
    return `Only a build whose target reaches ${which} fails here (${target}); a plain docker build does not build that stage, and docker build --check runs these triggers only in the stages the last one reaches.`;
  }
  return `Only a build that reaches ${which} fails here (${target}, or docker build --check); a plain docker build does not build that stage.`;
}

/** A rule's problem as a diagnostic, with the severity the check configuration and the user's settings give it; undefined when off. */
function ruleDiagnostic(doc: AnalyzedDocument, found: Found, setup: CheckSetup, settings: Settings, reach: Reach): Diagnostic | undefined {
  const { rule } = found;
  if (rule.kind === 'practice' && !settings.diagnostics.bestPractices) return undefined;
  if (silenced(rule, found.nodeIndex, setup)) return undefined;
  let severity = rule.kind === 'check' && (setup.byNode.get(found.nodeIndex) ?? setup.file).error ? DiagnosticSeverity.Error : rule.defaultSeverity;
  if (severity === DiagnosticSeverity.Error && raisedAtDispatch(rule, found.problem)) {
    const stage = reach.unreachedStageOf(found.nodeIndex);
    if (stage) {
      severity = DiagnosticSeverity.Warning;
      const message = `${found.problem.message} ${notBuiltByDefault(stage, found.problem.raisedWhen ?? rule.raisedWhen)}`;
      found = { ...found, problem: { ...found.problem, message } };
    }
  }
  return withUserSeverity(toDiagnostic(doc, found, severity), settings);
}

/** Whether the file itself turns the problem at node `nodeIndex` off: a `# check=` skip, or a `# hadolint ignore=` pragma. */
function silenced(rule: Rule, nodeIndex: number, setup: CheckSetup): boolean {
  if (rule.readsPosixShell && !setup.posixShellAt(nodeIndex)) return true;
  if (rule.kind === 'practice') return isIgnored(setup.pragmas, rule.code, nodeIndex);
  if (rule.kind === 'check') {
    const mode = modeOf(rule, setup);
    return mode === 'absent' || !isCheckEnabled(setup.byNode.get(nodeIndex) ?? setup.file, rule.code, mode === 'experimental');
  }
  return false;
}

function configKey(setup: CheckSetup): string {
  const { file: config, pragmas, frontend } = setup;
  const pin = frontend.pin ? `${frontend.pin.version}${frontend.pin.labs ? '-labs' : ''}` : '';
  return `${config.skipAll} ${[...config.skip].join(',')} ${config.experimentalAll} ${[...config.experimental].join(',')} ${config.error} ${[...pragmas.global].join(',')} ${pin}`;
}

/**
 * The diagnostics of each segment, reusing the previous version's objects where they are still
 * right (see ConvertedSegment). Not with `# check=` comments or `# hadolint ignore=` and
 * `# hadolint stage ignore=` pragmas, which the key does not cover (a pragma above a FROM is in the segment
 * before it): those files convert every segment, as any version did before the cache.
 */
function segmentDiagnostics(doc: AnalyzedDocument, segments: readonly SegmentProblems[], cache: DocumentCache, setup: CheckSetup, settings: Settings, reach: Reach, out: Diagnostic[]): void {
  const reuse = setup.byNode.size === 0 && setup.pragmas.byNode.size === 0 && setup.pragmas.byStage.length === 0;
  const config = configKey(setup);
  // A check reported while converting a stage changes with reach only where `error=true` makes it an error.
  const checksAsErrors = setup.file.error || [...setup.byNode.values()].some((c) => c.error);
  const previous = cache.converted;
  const converted = new Map<object, ConvertedSegment>();
  for (const { part, problems, first, base } of segments) {
    const line = doc.tree.lineOf(base);
    // Reach depends on the whole file's stage graph, not on the segment: a key of its own.
    const unreached =
      problems.some(({ rule, problem }) => raisedAtDispatch(rule, problem) && (rule.kind === 'error' || checksAsErrors)) && reach.unreachedStageOf(first) !== undefined;
    let entry = reuse ? previous.get(part) : undefined;
    if (!entry || entry.problems !== problems || entry.line !== line || entry.config !== config || entry.settings !== settings || entry.unreached !== unreached) {
      const diagnostics: Diagnostic[] = [];
      for (const { rule, node, problem } of problems) {
        const diagnostic = ruleDiagnostic(doc, { rule, nodeIndex: first + node, problem, base }, setup, settings, reach);
        if (diagnostic) diagnostics.push(diagnostic);
      }
      entry = { problems, line, config, settings, unreached, diagnostics };
    }
    if (reuse) converted.set(part, entry);
    for (const diagnostic of entry.diagnostics) out.push(diagnostic);
  }
  cache.converted = converted;
}

/**
 * The problem `rule` finds in this version at `diagnostic`'s range, with this version's message and
 * data, or undefined when it finds none there or the file turns it off (`# check=skip`, `# hadolint
 * ignore`). An editor sends the diagnostics it shows with a code action request, and they may be an
 * edit old: the fixes are computed from what the rule finds now. Its message may be rewritten by the
 * editor, so it only picks among problems at the same range (`sentDiagnostic.ts`). Runs the one rule,
 * on the instruction, the stage or the file the diagnostic starts in.
 */
export function problemNow(doc: AnalyzedDocument, rule: Rule, diagnostic: Diagnostic, options: Pick<DiagnosticsOptions, 'dockerignore'> = {}): Problem | undefined {
  const { tree, model } = doc;
  const found: FileProblem[] = [];
  try {
    const at = doc.text.offsetAt(diagnostic.range.start);
    if (rule.scope === 'instruction') {
      const entry = tree.instructionAt(at);
      if (!entry) return undefined;
      const nodeIndex = tree.nodeIndexAt(entry.start);
      const report = (problem: Problem): void => void found.push({ ...problem, start: entry.start + problem.start, end: entry.start + problem.end, nodeIndex });
      rule.check(entry.node, report, tree.escape, tree.nodeText(nodeIndex), model.stageOfNode(nodeIndex)?.windows === true);
    } else {
      const shared = { doc, tree, model, ...ignoreInputs(options.dockerignore) };
      const report = (problem: FileProblem): void => void found.push(problem);
      if (rule.scope === 'file') rule.check({ ...shared, report });
      else {
        // Stage rules report what comes before the first FROM with the first stage (exec-form-not-json, needs-newer-frontend).
        const first = model.stages[0];
        if (!first) rule.checkWithoutStages?.({ ...shared, report });
        else {
          const stage = model.stageAt(at) ?? (at < first.fromStart ? first : undefined);
          if (!stage) return undefined;
          rule.check({ ...shared, stage, report });
        }
      }
    }
    // A check on an ONBUILD trigger is reported at the FROM of the stage that runs it.
    if (rule.checkTrigger) forEachTriggerProblem(doc, [rule], (_rule, problem) => void found.push(problem), () => undefined);
  } catch {
    // A rule that throws reports nothing here either.
    return undefined;
  }
  // The code (the rule) and the range say which problem it is; editors may rewrite the message, which
  // then only chooses between problems at the same range.
  const { start, end } = diagnostic.range;
  const atRange = found.filter((candidate) => {
    const range = rangeOf(doc, candidate.start, candidate.end);
    return range.start.line === start.line && range.start.character === start.character && range.end.line === end.line && range.end.character === end.character;
  });
  const message = diagnostic.message as string | { value?: unknown } | undefined;
  const problem = problemForMessage(atRange, typeof message === 'string' ? message : String(message?.value ?? ''));
  return problem && !silenced(rule, problem.nodeIndex, checkSetup(doc, undefined)) ? problem : undefined;
}

/**
 * Starts `lineage`'s caches from a copy of those of `from`'s lineage, for versions made from `from`
 * that are not the editor's (Fix All's passes): their first check then runs again only on the stages
 * they changed, and the editor's caches stay its own. The node map is copied, as a check changes
 * it; the segments and their converted diagnostics are only read from the cache a check starts from.
 */
export function branchDiagnosticsCache(from: AnalyzedDocument, lineage: object): void {
  const cache = documentCaches.get(documentLineage(from));
  if (cache && !documentCaches.has(lineage)) documentCaches.set(lineage, { ...cache, nodes: new Map(cache.nodes) });
}

/**
 * Under a `# syntax=` that names another frontend, an error of docker/dockerfile's is a warning that
 * says so: that frontend may accept it (a new object, as kept diagnostics are never changed).
 */
function asOtherFrontendWarning(diagnostic: Diagnostic, frontend: string, settings: Settings): Diagnostic {
  // An error the user asked for (`diagnostics.rules`) stays one.
  const chosen = typeof diagnostic.code === 'string' && settings.diagnostics.rules[diagnostic.code] !== undefined;
  if (diagnostic.severity !== DiagnosticSeverity.Error || chosen) return diagnostic;
  const message = `${diagnostic.message} (docker/dockerfile refuses this; the frontend this file names in # syntax=, ${frontend}, may not.)`;
  return { ...diagnostic, severity: DiagnosticSeverity.Warning, message };
}

/** All diagnostics of a document: syntax errors, lint rules, invalid `check` options. */
export function getDiagnostics(doc: AnalyzedDocument, settings: Settings, options: DiagnosticsOptions = {}): Diagnostic[] {
  if (!settings.diagnostics.enable) return [];
  const diagnostics: Diagnostic[] = [];
  const add = (diagnostic: Diagnostic | undefined): void => {
    if (diagnostic) diagnostics.push(diagnostic);
  };
  for (const diagnostic of getSyntaxDiagnostics(doc)) add(withUserSeverity(diagnostic, settings));
  const setup = checkSetup(doc, options.checkConfig);
  for (const { comment, directive } of setup.invalid) add(withUserSeverity(invalidOptionDiagnostic(doc, comment, directive), settings));
  const { segments, files, cache } = runRules(doc, options, (rule) => mayReport(rule, setup, settings));
  const reach = new Reach(doc.model);
  segmentDiagnostics(doc, segments, cache, setup, settings, reach, diagnostics);
  for (const found of files) add(ruleDiagnostic(doc, found, setup, settings, reach));
  const frontend = otherFrontend(doc.tree);
  if (frontend) for (let i = 0; i < diagnostics.length; i++) diagnostics[i] = asOtherFrontendWarning(diagnostics[i], frontend, settings);
  return diagnostics.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      String(a.code).localeCompare(String(b.code)),
  );
}

/**
 * The JSON of each diagnostic, kept with it: a segment's diagnostics are kept while it starts on the
 * same line (above), and are not changed once made.
 */
const diagnosticJson = new WeakMap<Diagnostic, string>();

/** `diagnostics` written as a JSON array (the same text JSON.stringify would make of it), in pieces onto `out`. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[], out?: JsonPieces): JsonPieces {
  return keptJsonArray(diagnostics, diagnosticJson, out);
}
