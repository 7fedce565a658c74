// What definition, references, highlight and rename act on: the variable, stage or heredoc
// delimiter at an offset, with every place it occurs. Resolution itself (scopes, stage matching)
// is the model's; this module only gathers what the model resolved.
//
// Variables: a declaration's occurrences are the declaration and every use that resolves to it.
// A stage `ARG NAME` without a default takes the global ARG's value (BuildKit links them by
// name), so the global ARG and all such re-declarations form one variable.
// Uses that resolve to no declaration (base-image ENV, predefined ARGs) are grouped by name
// within their stage; they have no definition and cannot be renamed.

import { foldName, triggerRuns, type Declaration, type DocumentSpan, type DockerfileModel, type Stage, type StageReference, type VariableUse } from '../../semantics';
import type { Heredoc, InstructionNode, NodeEntry } from '../../syntax';
import type { AnalyzedDocument } from '../document';

/** How rename rewrites an occurrence. */
export type Rewrite =
  /** Replaced by the new name as typed. */
  | 'name'
  /** Replaced by the new name in lower case (`FROM x` matches a stage only by its lower-cased name). */
  | 'lowercase'
  /** Replaced by the new name in the quote the marker used (a partly quoted heredoc marker). */
  | 'quoted'
  /** Left alone (a stage index such as `--from=0`). */
  | 'none';

export interface Occurrence {
  readonly span: DocumentSpan;
  /** Declarations, stage names and heredoc markers are definitions; the rest are references. */
  readonly role: 'definition' | 'reference';
  readonly rewrite: Rewrite;
  /** The quote character for the 'quoted' rewrite. */
  readonly quote?: string;
}

interface TargetBase {
  readonly name: string;
  /** The occurrence under the cursor. */
  readonly cursor: Occurrence;
  /** Where "go to definition" leads from the cursor. */
  readonly definitions: readonly Occurrence[];
  /** Every occurrence, in document order. */
  readonly occurrences: readonly Occurrence[];
}

export interface VariableTarget extends TargetBase {
  readonly kind: 'variable';
  /** The declarations that form this variable; empty for an undeclared one. */
  readonly declarations: readonly Declaration[];
  readonly uses: readonly VariableUse[];
}

export interface StageTarget extends TargetBase {
  readonly kind: 'stage';
  readonly stage: Stage;
  readonly references: readonly StageReference[];
}

export interface HeredocTarget extends TargetBase {
  readonly kind: 'heredoc';
  readonly heredoc: Heredoc;
  /** The instruction that owns the heredoc (an ONBUILD holds its trigger's heredocs). */
  readonly instruction: InstructionNode;
  /** Absolute offset of that instruction. */
  readonly nodeStart: number;
}

export type NavigationTarget = VariableTarget | StageTarget | HeredocTarget;

const contains = (span: DocumentSpan, offset: number): boolean => span.start <= offset && offset <= span.end;
const byStart = (a: Occurrence, b: Occurrence): number => a.span.start - b.span.start;

/** The navigation target at `offset`, if any. Never throws on user input. */
export function targetAt(doc: AnalyzedDocument, offset: number): NavigationTarget | undefined {
  const entry = doc.tree.instructionAt(offset);
  if (!entry) return undefined;
  const model = doc.model;
  // A variable before a stage: in `FROM base-${VARIANT}` the variable is the inner, more precise target.
  return heredocTargetAt(doc, entry, offset) ?? variableTargetAt(model, offset) ?? stageTargetAt(doc, offset);
}

// ---- Variables -----------------------------------------------------------------------------

function declarationOccurrence(declaration: Declaration): Occurrence {
  return { span: declaration.nameSpan, role: 'definition', rewrite: 'name' };
}

function useOccurrence(use: VariableUse): Occurrence {
  return { span: use.nameSpan, role: 'reference', rewrite: 'name' };
}

/** The declarations that are one variable with `declaration`: its global ARG and the re-declarations. */
export function variableGroup(model: DockerfileModel, declaration: Declaration): Declaration[] {
  const root = declaration.inherits ?? declaration;
  return [root, ...model.declarations.filter((d) => d.inherits === root)];
}

function variableTarget(model: DockerfileModel, declarations: Declaration[], cursor: Occurrence, definitions: Occurrence[]): VariableTarget {
  const members = new Set(declarations);
  const uses = model.uses.filter((u) => u.declaration !== undefined && members.has(u.declaration));
  const occurrences = [...declarations.map(declarationOccurrence), ...uses.map(useOccurrence)].sort(byStart);
  return { kind: 'variable', name: declarations[0].name, cursor, definitions, occurrences, declarations, uses };
}

function variableTargetAt(model: DockerfileModel, offset: number): VariableTarget | undefined {
  const declaration = model.declarationAt(offset);
  if (declaration) {
    const definition = declarationOccurrence(declaration.inherits ?? declaration);
    return variableTarget(model, variableGroup(model, declaration), declarationOccurrence(declaration), [definition]);
  }
  const use = model.useAt(offset);
  // Text that nobody expands (`CMD ["echo", "$A"]`) looks like a variable but is none.
  if (!use || use.expansion === 'none') return undefined;
  if (use.declaration) {
    return variableTarget(model, variableGroup(model, use.declaration), useOccurrence(use), [declarationOccurrence(use.declaration)]);
  }
  // The same undeclared name: in a Windows stage, in any case (`%Temp%` is `%TEMP%`).
  const folded = model.stages[use.stage]?.windows ? foldName(use.name) : undefined;
  const named = (u: VariableUse) => (folded === undefined ? u.name === use.name : foldName(u.name) === folded);
  const uses = model.uses.filter((u) => !u.declaration && u.expansion !== 'none' && u.stage === use.stage && named(u));
  return { kind: 'variable', name: use.name, cursor: useOccurrence(use), definitions: [], occurrences: uses.map(useOccurrence), declarations: [], uses };
}

// ---- Stages --------------------------------------------------------------------------------

/** Where an unnamed stage is defined: its FROM up to the end of the image. */
/** Where a stage is defined: its `AS` name, or its FROM keyword and image when it has none. */
export function stageDefinition(stage: Stage): Occurrence {
  if (stage.nameSpan) return { span: stage.nameSpan, role: 'definition', rewrite: 'name' };
  const keyword = stage.from.keyword;
  const end = stage.imageSpan?.end ?? stage.fromStart + keyword.end;
  return { span: { start: stage.fromStart + keyword.start, end }, role: 'definition', rewrite: 'none' };
}

/** A FROM image word that names a stage only once variables are expanded or quotes removed. */
export function spelledIndirectly(reference: StageReference): boolean {
  return reference.kind === 'from' && /[$"'\\`]/.test(reference.text);
}

function referenceOccurrence(reference: StageReference): Occurrence {
  const rewrite: Rewrite = reference.byIndex || spelledIndirectly(reference) ? 'none' : reference.kind === 'from' ? 'lowercase' : 'name';
  return { span: reference.span, role: 'reference', rewrite };
}

/** Every reference to `stage` (FROM, COPY --from, RUN --mount from=), in document order. */
export function stageReferencesTo(model: DockerfileModel, stage: Stage): StageReference[] {
  return model.stageReferences.filter((r) => r.stage === stage);
}

/**
 * The ONBUILD COPY --from and RUN --mount from= triggers that name a stage for a stage of this
 * file that runs them (one built FROM the trigger's stage, further down than the stage named). A
 * rename leaves them ('none'): other builds FROM the image read the name too, and renameChecks.ts
 * refuses such a stage.
 */
function triggerOccurrences(model: DockerfileModel): { stage: Stage; occurrence: Occurrence }[] {
  const found: { stage: Stage; occurrence: Occurrence }[] = [];
  for (const { runners, uses } of triggerRuns(model)) {
    // The last stage built FROM the base is below the most stages a trigger may name.
    const last = runners[runners.length - 1];
    for (const use of uses) {
      if (use.stage.index < last.index) found.push({ stage: use.stage, occurrence: { span: { start: use.start, end: use.end }, role: 'reference', rewrite: 'none' } });
    }
  }
  return found;
}

function stageTarget(doc: AnalyzedDocument, stage: Stage, cursor?: Occurrence): StageTarget {
  const definition = stageDefinition(stage);
  const references = stageReferencesTo(doc.model, stage);
  const triggers = triggerOccurrences(doc.model).filter((t) => t.stage === stage).map((t) => t.occurrence);
  const occurrences = [definition, ...references.map(referenceOccurrence), ...triggers].sort(byStart);
  const name = stage.name ?? String(stage.index);
  return { kind: 'stage', name, stage, references, cursor: cursor ?? definition, definitions: [definition], occurrences };
}

function stageTargetAt(doc: AnalyzedDocument, offset: number): StageTarget | undefined {
  const model = doc.model;
  const named = model.stages.find((s) => s.nameSpan && contains(s.nameSpan, offset));
  if (named) return stageTarget(doc, named);
  const reference = model.stageReferenceAt(offset);
  if (reference?.stage) return stageTarget(doc, reference.stage, referenceOccurrence(reference));
  if (reference || doc.tree.instructionAt(offset)?.node.name !== 'ONBUILD') return undefined;
  const trigger = triggerOccurrences(model).find((t) => contains(t.occurrence.span, offset));
  return trigger && stageTarget(doc, trigger.stage, trigger.occurrence);
}

// ---- Heredocs ------------------------------------------------------------------------------

/** The marker's name as an occurrence: inside the quotes of `<<"EOF"`, the whole word when mixed. */
function markerOccurrence(doc: AnalyzedDocument, nodeStart: number, heredoc: Heredoc): Occurrence {
  const span = { start: nodeStart + heredoc.nameSpan.start, end: nodeStart + heredoc.nameSpan.end };
  const raw = doc.tree.slice(span.start, span.end);
  if (raw === heredoc.name) return { span, role: 'definition', rewrite: 'name' };
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw === quote + heredoc.name + quote) {
    return { span: { start: span.start + 1, end: span.end - 1 }, role: 'definition', rewrite: 'name' };
  }
  // Partly quoted (`E"O"F`) or escaped: rewrite the whole word, keeping it quoted if it was.
  const firstQuote = /["']/.exec(raw)?.[0];
  return firstQuote ? { span, role: 'definition', rewrite: 'quoted', quote: firstQuote } : { span, role: 'definition', rewrite: 'name' };
}

/** The name on the terminator line (after the tabs `<<-` strips). */
function terminatorOccurrence(nodeStart: number, heredoc: Heredoc): Occurrence | undefined {
  if (!heredoc.terminator) return undefined;
  const end = nodeStart + heredoc.terminator.end;
  return { span: { start: end - heredoc.name.length, end }, role: 'reference', rewrite: 'name' };
}

function heredocTargetAt(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number): HeredocTarget | undefined {
  for (const heredoc of entry.node.heredocs) {
    const marker = markerOccurrence(doc, entry.start, heredoc);
    const terminator = terminatorOccurrence(entry.start, heredoc);
    const cursor = contains(marker.span, offset) ? marker : terminator && contains(terminator.span, offset) ? terminator : undefined;
    if (!cursor) continue;
    const occurrences = terminator ? [marker, terminator] : [marker];
    return { kind: 'heredoc', name: heredoc.name, heredoc, instruction: entry.node, nodeStart: entry.start, cursor, definitions: [marker], occurrences };
  }
  return undefined;
}
