// textDocument/codeLens: above each FROM, the stage's name and index, how many later stages use
// it (FROM, COPY --from, RUN --mount from=, and the ONBUILD COPY --from and RUN --mount from=
// triggers of a stage's base, which run in that stage), and whether a plain `docker build` builds it at all:
// BuildKit builds the last stage and only the stages it depends on. Stages are built in file order,
// so a reference from an earlier stage is no use (the build fails there: stage-defined-later or
// circular-stage-dependency) and is not counted. Clicking a used stage's lens
// shows its references through the client command SHOW_REFERENCES_COMMAND (arguments: uri,
// position, locations), which the VS Code client implements; other editors still get the title.

import type { CodeLens, Location } from 'vscode-languageserver-types';
import { triggerUses, type Stage, type StageReference } from '../semantics';
import { rangeOf, type AnalyzedDocument } from './document';

export const SHOW_REFERENCES_COMMAND = 'dockerfile-lsp.showReferences';

/** Stage indexes reachable from the default build's stage (the last) along `dependencies`. */
function builtByDefault(stages: readonly Stage[], dependencies: readonly Set<number>[]): Set<number> {
  const built = new Set<number>();
  const pending = stages.length ? [stages.length - 1] : [];
  while (pending.length) {
    const index = pending.pop()!;
    if (built.has(index)) continue;
    built.add(index);
    pending.push(...dependencies[index]);
  }
  return built;
}

const regexpSpecial = /[.*+?^${}()|[\]\\]/g;

/** The named stages, sorted by name (then file order), so the stages a name starting with some text fits are found without a walk over all of them. */
interface NamedStages {
  readonly names: readonly string[];
  readonly stages: readonly Stage[];
}

function namedStages(stages: readonly Stage[]): NamedStages {
  const named = stages.filter((s) => s.nameLower !== undefined).sort((a, b) => (a.nameLower! < b.nameLower! ? -1 : a.nameLower! > b.nameLower! ? 1 : a.index - b.index));
  return { names: named.map((s) => s.nameLower!), stages: named };
}

/**
 * The earlier stages a FROM image with a variable may name: those whose name fits the text, each
 * variable standing for any text. That is when the variable's value is unknown (`FROM buildkit-$TARGETOS`
 * depends on the platform), and when an ARG's default makes it name a stage (`FROM variant-${V}`):
 * `--build-arg V=...` picks another one, the usual way to choose a stage by argument. None when the
 * image has no variable, or when it is known and names an image. Only the names that start with the
 * text before the first variable are tried, so a file of thousands of such FROM lines is not quadratic.
 */
function possibleBases(doc: AnalyzedDocument, stage: Stage, named: NamedStages): Stage[] {
  const span = stage.imageSpan;
  if (!span || !stage.image?.includes('$')) return [];
  const uses = doc.model.usesInNode(stage.nodeIndex).filter((u) => !u.ref.nested && u.span.start >= span.start && u.span.end <= span.end);
  if (stage.resolvedImage !== undefined && !(stage.base && uses.some((u) => u.declaration))) return [];
  const literals: string[] = [];
  let at = span.start;
  for (const use of uses) {
    literals.push(doc.tree.slice(at, use.span.start));
    at = use.span.end;
  }
  literals.push(doc.tree.slice(at, span.end));
  const fitting = (s: Stage) => s.index < stage.index && s !== stage.base;
  // Quotes or escapes around the variables: any stage may be meant.
  if (literals.some((l) => /["'\\`]/.test(l))) return named.stages.filter(fitting).sort((a, b) => a.index - b.index);
  const pattern = new RegExp(`^${literals.map((l) => l.replace(regexpSpecial, '\\$&')).join('.*')}$`);
  const prefix = literals[0];
  const found: Stage[] = [];
  for (let i = lowerBound(named.names, prefix); i < named.names.length && named.names[i].startsWith(prefix); i++) {
    if (fitting(named.stages[i]) && pattern.test(named.names[i])) found.push(named.stages[i]);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first index of a sorted list whose item is not below `text`. */
function lowerBound(sorted: readonly string[], text: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < text) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `targetable`: `--target <name>` builds this stage (a name several stages share means the last of them).
 * A stage that later stages use (or may use) is also built for each of them: `--target <name>` is then not the only way.
 */
function lensTitle(stage: Stage, users: number, mayUse: number, isLast: boolean, built: boolean, maybeBuilt: boolean, targetable: boolean): string {
  const stages = (n: number) => `${n} later stage${n === 1 ? '' : 's'}`;
  const parts = [stage.name ? `${stage.name} (stage ${stage.index})` : `stage ${stage.index}`];
  if (users > 0) parts.push(`used by ${stages(users)}`);
  else if (isLast) parts.push('final stage, built by default');
  else parts.push(mayUse > 0 ? `may be used by ${stages(mayUse)}, whose FROM has a variable` : 'not used by later stages');
  if (!built && !maybeBuilt) {
    if (!targetable) parts.push('not built by default');
    else if (users > 0 || mayUse > 0) parts.push(`built only with --target ${stage.name} or a later stage that needs it`);
    else parts.push(`built only with --target ${stage.name}`);
  }
  return parts.join(' · ');
}

export function getCodeLenses(doc: AnalyzedDocument, enabled: boolean): CodeLens[] {
  if (!enabled) return [];
  const model = doc.model;
  const { stages } = model;
  const dependencies = stages.map(() => new Set<number>());
  // Each stage's references from later stages, in document order, in one pass over the references
  // (not one per stage: a file of thousands of stages has thousands of references).
  const references = stages.map((): StageReference[] => []);
  for (const r of model.stageReferences) {
    const user = r.stage && model.stageOfNode(r.nodeIndex);
    if (!r.stage || !user || user.index <= r.stage.index) continue;
    dependencies[user.index].add(r.stage.index);
    references[r.stage.index].push(r);
  }
  // A stage also needs what the triggers it runs name (as a reference, only a stage above it is of use).
  // Per stage named: the stages whose triggers name it, and the triggers (one per place, however many stages run it).
  const triggerUsers = stages.map(() => ({ users: new Set<number>(), spans: new Map<number, { start: number; end: number }>() }));
  for (const stage of stages) {
    for (const use of triggerUses(model, stage)) {
      if (use.stage.index >= stage.index) continue;
      dependencies[stage.index].add(use.stage.index);
      const named = triggerUsers[use.stage.index];
      named.users.add(stage.index);
      if (!named.spans.has(use.start)) named.spans.set(use.start, { start: use.start, end: use.end });
    }
  }
  const built = builtByDefault(stages, dependencies);
  // What the default build may also need, through FROM images whose value the file does not decide:
  // of those stages the lens cannot say they are built only with --target.
  const mayUse = stages.map(() => 0);
  const named = namedStages(stages);
  const possibly = dependencies.map((known, index) => {
    const bases = possibleBases(doc, stages[index], named);
    for (const base of bases) mayUse[base.index]++;
    return new Set([...known, ...bases.map((s) => s.index)]);
  });
  const maybeBuilt = builtByDefault(stages, possibly);
  return stages.map((stage) => {
    const keyword = stage.from.keyword;
    const range = rangeOf(doc, stage.fromStart + keyword.start, stage.fromStart + keyword.end);
    const refs = references[stage.index];
    const viaTriggers = triggerUsers[stage.index];
    const users = new Set([...refs.map((r) => model.stageOfNode(r.nodeIndex)!.index), ...viaTriggers.users]).size;
    const targetable = stage.nameLower !== undefined && model.lastNamed(stage.nameLower) === stage;
    const title = lensTitle(stage, users, mayUse[stage.index], stage.index === stages.length - 1, built.has(stage.index), maybeBuilt.has(stage.index), targetable);
    if (users === 0) return { range, command: { title, command: '' } };
    const spans = [...refs.map((r) => r.span), ...viaTriggers.spans.values()].sort((a, b) => a.start - b.start);
    const locations: Location[] = spans.filter((span, i) => i === 0 || span.start !== spans[i - 1].start).map((span) => ({ uri: doc.uri, range: rangeOf(doc, span.start, span.end) }));
    return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [doc.uri, range.start, locations] } };
  });
}
