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
import { ignoreFileOf } from '../rules/checks/support/dockerignore';
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
  /** Its URI: diagnostics that come from one of its lines then point at it (relatedInformation). */
  readonly dockerignoreUri?: string;
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

/** What the instruction rules found in one node, relative to it. */
type NodeProblems = readonly { readonly rule: InstructionRule; readonly problem: Problem }[];

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
 * relative to it, valid for as long as the model keeps the same part for it (`partOf`). Kept for
 * every segment of a large file, so it holds what it needs and shares what is usually empty.
 */
interface Segment {
  /** Its instruction nodes, in order, checked with this escape character and Windows flag. */
  readonly nodes: readonly InstructionNode[];
  readonly escape: string;
  readonly windowsImage: boolean;
  /** What the instruction rules found in each of its nodes that has a problem (most have none). */
  readonly byNode: ReadonlyMap<InstructionNode, NodeProblems>;
  readonly instructionProblems: readonly RelativeFound[];
  /** A rule threw on one of its instructions: checked again next time, from scratch. */
  readonly failed: boolean;
  /** What stage rules found (stage segments only), once they ran. */
  stage?: StageResults;
}

/**
 * The stage rules' problems in one stage segment: the rules whose results are kept (`ran`, a set
 * shared by the segments whose rules ran alike) and their problems (each rule's in order), and, when
 * every rule of `signature` is kept, this run's combined with the instruction problems.
 */
interface StageResults {
  readonly ran: ReadonlySet<StageRule>;
  readonly found: readonly RelativeFound[];
  /** The set of stage rules `combined` is for, or undefined when a rule's result could not be kept. */
  readonly signature: string | undefined;
  readonly combined: readonly RelativeFound[];
}

/**
 * Per open document (the TextDocument object lives as long as the document is open), what the
 * version checked last found: its segments by part. A node that survives an edit is the same object
 * in the next tree, and a stage whose nodes and inputs are unchanged keeps its part, so after an
 * edit only the changed stage is checked again, and in it only the re-parsed instructions (the
 * others are found in the segments the edit replaced). Only the current parts are kept.
 */
interface DocumentCache {
  readonly segments: Map<object, Segment>;
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

/** No problems in a node: shared by the nodes that have none. */
const NO_NODE_PROBLEMS: NodeProblems = Object.freeze([]);

/** No node with problems: shared by the many segments that have none. */
const NO_PROBLEM_NODES: ReadonlyMap<InstructionNode, NodeProblems> = new Map();

/** What the instruction rules find in `node`; undefined when a rule threw (then it is checked again next time). */
function instructionProblems(node: InstructionNode, text: string, escape: '\\' | '`', windowsImage: boolean, options: DiagnosticsOptions): NodeProblems | undefined {
  const found: { rule: InstructionRule; problem: Problem }[] = [];
  let failed = false;
  // One report callback per node, the rule in hand switched between calls: a callback per rule and
  // node was, at the open of 50,000 lines, a million short-lived closures (about 100 MB of garbage).
  let rule = INSTRUCTION_RULES[0];
  const report = (problem: Problem): void => void found.push({ rule, problem: { ...problem, message: ownString(problem.message) } });
  for (rule of INSTRUCTION_RULES) {
    try {
      rule.check(node, report, escape, text, windowsImage);
    } catch (error) {
      failed = true;
      options.onRuleError?.(rule.code, error);
    }
  }
  if (failed) return undefined;
  // Kept for as long as the node lives: a copy of the exact length (a list grown by push keeps room for more).
  return found.length ? found.slice() : NO_NODE_PROBLEMS;
}

/**
 * What the instruction rules found in the nodes of the segments a version replaced, for the
 * segments that take their place: a node an edit did not touch is the same object, checked with the
 * same inputs when its segment had the same escape character and Windows flag. Made on first need,
 * from the replaced segments only, so a keystroke reads the stage it touched, not the file.
 */
class ReplacedNodes {
  private byNode: Map<InstructionNode, { readonly segment: Segment; readonly found: NodeProblems }> | undefined;

  constructor(
    private readonly previous: DocumentCache | undefined,
    private readonly model: DockerfileModel,
  ) {}

  /** What `node` had, when a replaced segment checked it with `escape` and `windowsImage`. */
  get(node: InstructionNode, escape: string, windowsImage: boolean): NodeProblems | undefined {
    this.byNode ??= this.make();
    const entry = this.byNode.get(node);
    return entry && entry.segment.escape === escape && entry.segment.windowsImage === windowsImage ? entry.found : undefined;
  }

  private make(): Map<InstructionNode, { readonly segment: Segment; readonly found: NodeProblems }> {
    const byNode = new Map<InstructionNode, { readonly segment: Segment; readonly found: NodeProblems }>();
    if (!this.previous) return byNode;
    const current = new Set<object>();
    for (let s = -1; s < this.model.stages.length; s++) current.add(this.model.partOf(s));
    for (const [part, segment] of this.previous.segments) {
      if (current.has(part) || segment.failed) continue;
      for (const node of segment.nodes) byNode.set(node, { segment, found: segment.byNode.get(node) ?? NO_NODE_PROBLEMS });
    }
    return byNode;
  }
}

/** Where segment `s` (-1: before the first FROM) starts and ends, in node indexes and offsets. */
function segmentBounds(model: DockerfileModel, s: number): { first: number; end: number; base: number } {
  // Built field by field: an object spread here took a millisecond per version at 2,000 stages.
  const { first, end } = model.partNodes(s);
  return { first, end, base: s < 0 ? 0 : model.stages[s].fromStart };
}

function buildSegment(model: DockerfileModel, s: number, replaced: ReplacedNodes, options: DiagnosticsOptions): Segment {
  const { tree } = model;
  const escape = tree.escape;
  const { first, end, base } = segmentBounds(model, s);
  const windowsImage = s >= 0 && model.stages[s].windows;
  const nodes: InstructionNode[] = [];
  let byNode: Map<InstructionNode, NodeProblems> | undefined;
  const relative: RelativeFound[] = [];
  let failed = false;
  tree.forEach((node, start, index) => {
    if (index >= end) return false;
    if (node.kind !== 'instruction') return;
    let found = replaced.get(node, escape, windowsImage) ?? instructionProblems(node, tree.nodeText(index), escape, windowsImage, options);
    if (!found) {
      failed = true;
      found = NO_NODE_PROBLEMS;
    }
    nodes.push(node);
    if (!found.length) return;
    (byNode ??= new Map()).set(node, found);
    for (const { rule, problem } of found) {
      relative.push({ rule, node: index - first, problem: { ...problem, start: start - base + problem.start, end: start - base + problem.end } });
    }
  }, first);
  // `stage` is written here, so that setting it later keeps the object's layout (no property store).
  return { nodes, escape, windowsImage, byNode: byNode ?? NO_PROBLEM_NODES, instructionProblems: relative.length ? relative.slice() : NONE_FOUND, failed, stage: undefined };
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
 * What the rules read of a `.dockerignore` text: the reading of the last text is kept (`ignoreFileOf`),
 * and CopyIgnoredFile keeps its matcher while the patterns are the same list.
 */
function ignoreInputs(text: string | undefined, uri: string | undefined): Pick<FileContext, 'dockerignore' | 'dockerignoreLines' | 'dockerignoreUri' | 'dockerignoreRefused'> {
  if (text === undefined) return {};
  const { patterns, lines, refused } = ignoreFileOf(text);
  return { dockerignore: patterns, dockerignoreLines: lines, dockerignoreRefused: refused, ...(uri !== undefined ? { dockerignoreUri: uri } : {}) };
}

function runRules(doc: AnalyzedDocument, options: DiagnosticsOptions, runs: (rule: Rule) => boolean): { segments: SegmentProblems[]; files: Found[]; cache: DocumentCache } {
  const found: Found[] = [];
  const bySegment: SegmentProblems[] = [];
  const { tree, model } = doc;
  const shared = { doc, tree, model, ...ignoreInputs(options.dockerignore, options.dockerignoreUri) };
  const stageCount = model.stages.length;
  const context = JSON.stringify([model.stages[stageCount - 1]?.nameLower ?? null, options.dockerignore ?? null, options.dockerignoreUri ?? null]);
  const stageRules = STAGE_RULES.filter(runs);
  const signature = stageRules.map((rule) => rule.code).join(' ');
  const previous = documentCaches.get(documentLineage(doc));
  const replaced = new ReplacedNodes(previous, model);
  const segments = new Map<object, Segment>();

  // Segment by segment: instruction rules, then stage rules, each from its cache where it has one.
  for (let s = -1; s < stageCount; s++) {
    const part = model.partOf(s);
    let segment = previous?.segments.get(part);
    if (segment?.failed) segment = undefined;
    if (segment?.stage && previous!.context !== context) segment = { ...segment, stage: undefined };
    segment ??= buildSegment(model, s, replaced, options);
    segments.set(part, segment);
    const { first, base } = segmentBounds(model, s);
    let problems: readonly RelativeFound[] = segment.instructionProblems;
    if (s >= 0) problems = segment.stage?.signature === signature ? segment.stage.combined : combine(segment, stageRules, signature, shared, model.stages[s], options);
    if (problems.length) bySegment.push({ part, problems, first, base });
  }
  const documentCache: DocumentCache = { segments, context, converted: previous?.converted ?? new Map() };
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

/** No stage rule: what a segment's stage results start from. */
const NO_RULES: ReadonlySet<StageRule> = new Set();

/**
 * The rules of `before` and `added`: one set for all the segments that extend the same set by the
 * same rules (every stage of a file, at its first check or after a change of configuration).
 */
const extendedRules = new WeakMap<ReadonlySet<StageRule>, Map<string, ReadonlySet<StageRule>>>();

function rulesWith(before: ReadonlySet<StageRule>, added: readonly StageRule[]): ReadonlySet<StageRule> {
  let byAdded = extendedRules.get(before);
  if (!byAdded) extendedRules.set(before, (byAdded = new Map()));
  const key = added.map((rule) => rule.code).join(' ');
  let rules = byAdded.get(key);
  if (!rules) byAdded.set(key, (rules = new Set([...before, ...added])));
  return rules;
}

/** Stage results without problems, one object per set of rules and signature (most stages of a file have none). */
const quietByRules = new WeakMap<ReadonlySet<StageRule>, StageResults>();

function quietResults(results: StageResults): StageResults {
  const shared = quietByRules.get(results.ran);
  if (shared && shared.signature === results.signature) return shared;
  quietByRules.set(results.ran, results);
  return results;
}

/**
 * A stage segment's instruction problems followed by each running stage rule's. A rule's problems
 * are kept unless it threw or reported outside the stage; a rule that ran before (under another
 * configuration, which ran other rules) gives its problems without running again.
 */
function combine(segment: Segment, rules: readonly StageRule[], signature: string, shared: Omit<FileContext, 'report'>, stage: Stage, options: DiagnosticsOptions): readonly RelativeFound[] {
  const before = segment.stage;
  const stageFound: RelativeFound[] = [];
  let addedRules: StageRule[] | undefined;
  let added: RelativeFound[] | undefined;
  let complete = true;
  let run: ReturnType<typeof stageRuleRunner> | undefined;
  for (const rule of rules) {
    if (before?.ran.has(rule)) {
      for (const found of before.found) if (found.rule === rule) stageFound.push(found);
      continue;
    }
    run ??= stageRuleRunner(shared, stage, options);
    const result = run(rule);
    for (const found of result.found) stageFound.push(found);
    if (!result.keep) complete = false;
    else {
      (addedRules ??= []).push(rule);
      for (const found of result.found) (added ??= []).push(found);
    }
  }
  const found = stageFound.length ? stageFound : NONE_FOUND;
  const combined = !segment.instructionProblems.length ? found : !stageFound.length ? segment.instructionProblems : [...segment.instructionProblems, ...stageFound];
  const ran = before?.ran ?? NO_RULES;
  const keptFound = before?.found ?? NONE_FOUND;
  const results: StageResults = {
    ran: addedRules ? rulesWith(ran, addedRules) : ran,
    found: !added ? keptFound : keptFound.length ? [...keptFound, ...added] : added,
    signature: complete ? signature : undefined,
    combined: complete ? combined : NONE_FOUND,
  };
  segment.stage = results.found === NONE_FOUND && results.combined === NONE_FOUND ? quietResults(results) : results;
  return combined;
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
export function withUserSeverity(diagnostic: Diagnostic, settings: Settings): Diagnostic | undefined {
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
  if (problem.related?.length) diagnostic.relatedInformation = [...problem.related];
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
      const shared = { doc, tree, model, ...ignoreInputs(options.dockerignore, undefined) };
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
 * they changed, and the editor's caches stay its own. A check makes a new map of segments and of
 * converted diagnostics; it only reads those of the cache it starts from (a segment's stage results,
 * which it may add, are the same in both for the same part and context).
 */
export function branchDiagnosticsCache(from: AnalyzedDocument, lineage: object): void {
  const cache = documentCaches.get(documentLineage(from));
  if (cache && !documentCaches.has(lineage)) documentCaches.set(lineage, { ...cache });
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
      compareCodes(String(a.code), String(b.code)),
  );
}

/**
 * The order of two diagnostic codes: ignoring case, then lower case first, as `localeCompare` puts
 * such codes (letters, digits and `-`). Not `localeCompare` itself: its first call loads ICU's
 * collation data, 2-3 MiB of the server's resident memory for the rest of its life.
 */
export function compareCodes(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a === b ? 0 : a > b ? -1 : 1;
}

/**
 * The JSON of each diagnostic, kept with it: a segment's diagnostics are kept while it starts on the
 * same line (above), and are not changed once made.
 */
const diagnosticJson = new WeakMap<Diagnostic, string>();

/** `diagnostics` written as a JSON array (the same value JSON.stringify would write; keptJsonText), in pieces onto `out`. */
export function diagnosticsJson(diagnostics: readonly Diagnostic[], out?: JsonPieces): JsonPieces {
  return keptJsonArray(diagnostics, diagnosticJson, out);
}
