// UndefinedVar: a `$VARIABLE` the builder expands (ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME,
// STOPSIGNAL, ARG defaults, RUN --mount options, unquoted COPY/ADD heredocs) that no ARG or ENV
// of the stage (or of the stage it is built FROM) defines at that point. Shell text of RUN, CMD
// and ENTRYPOINT is the shell's business and never checked. A name the base image sets in its
// config (`$GOPATH` after `FROM golang`, as far as the facts know the image: `baseImageEnv`) is
// not reported: BuildKit resolves that config, so it warns only when it is given an empty one.
//
// BuildKit reports a name once per word it expands (the lexer collects the unknown names of one
// ProcessWord call in a set), so `ENV A=$X-$X` gets one warning; so does each use here, the first
// of its name in its word.
//
// The most common case is a global ARG (or a platform ARG BuildKit sets, such as TARGETARCH) used
// inside a stage: the name is right, only the stage's `ARG NAME` is missing. The message says so
// and the quick fix adds that line below the stage's FROM.
//
// A misspelt name in an ONBUILD trigger is reported at the FROM of the stage that runs it; its fix
// writes the suggested name on the ONBUILD line.

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { triggerExpansion, type Declaration, type DockerfileModel, type ScopeLookup, type Stage, type UseFacts, type VariableUse } from '../../semantics';
import type { InstructionNode, Span, VariableRef } from '../../syntax';
import type { AnalyzedDocument } from '../../services/document';
import type { StageRule } from '../types';
import { declareArgFix, fixedOnbuild, quickFix, renameVariableFix } from './support/fixes';
import { setRegardless } from './support/alwaysSet';
import { unsetOutcome } from './support/expand';
import { envKeyName, hasVariableKey, keyedSettingAt, setThroughVariableKey } from './support/variableKeys';
import { chainCandidates } from './support/chainSuggestions';
import { checkMeta } from './support/meta';
import { misreadTriggerMaySet } from './support/triggerAsRun';
import { didYouMean, suggest, SuggestionIndex } from './support/suggest';

function isUndefined(model: DockerfileModel, use: VariableUse): boolean {
  if (use.stage < 0 || !use.expandedByBuilder || use.declaration) return false;
  const stage = model.stages[use.stage];
  if (setRegardless(stage, use.name) || setThroughVariableKey(model, stage, use.name, { beforeNode: use.nodeIndex })) return false;
  // An earlier ENV whose key cannot be told without a build may have set the name.
  if (keyedSettingAt(model, stage, use.name, { beforeNode: use.nodeIndex }) === 'unknown') return false;
  // So may a trigger of the chain that BuildKit reads otherwise than its ONBUILD line.
  if (misreadTriggerMaySet(model, stage, use.name)) return false;
  const node = model.tree.node(use.nodeIndex);
  // FROM has its own check, and EXPOSE expands its ports without reporting unknown names.
  return node.kind === 'instruction' && node.name !== 'FROM' && node.name !== 'EXPOSE';
}

/** Whether a use may be undefined: what `isUndefined` tests first, known without the use's absolute object. */
function mayBeUndefined(stage: Stage, use: UseFacts): boolean {
  return !use.declaration && use.expandedByBuilder && !setRegardless(stage, use.ref.name);
}

/**
 * The word of an instruction that a reference is in, as BuildKit expands words one by one: each
 * ENV or LABEL key and value, ARG default, COPY/ADD source and destination, VOLUME path, flag
 * value, `--mount` option value and heredoc body. A key naming it in the instruction (unique per
 * reference when the word cannot be told, which never merges two words).
 */
function wordOf(node: InstructionNode, ref: VariableRef): string {
  const inside = (span: Span | undefined): span is Span => span !== undefined && span.start <= ref.start && ref.end <= span.end;
  let word: Span | undefined;
  switch (ref.context.kind) {
    case 'heredoc':
      return `heredoc ${ref.context.index}`;
    case 'flag': {
      const flag = node.flags.find(inside);
      word = flag?.mountOptions ? flag.mountOptions.map((option) => option.value).find(inside) : flag?.value;
      break;
    }
    case 'args': {
      const pair = node.pairs.find(inside);
      word = pair ? [pair.key, pair.value].find(inside) : (node.json?.elements.find(inside) ?? node.argList.find(inside));
      break;
    }
  }
  return inside(word) ? `word ${word.start}` : `reference ${ref.start}`;
}

export const UndefinedVar: StageRule = {
  ...checkMeta('UndefinedVar'),
  scope: 'stage',
  check({ model, stage, report }) {
    let visible: VisibleNames | undefined;
    // The stage part's own uses, in node order, say which nodes may have one: only those are read as
    // absolute uses, so a stage with none makes no absolute objects of its uses and declarations.
    const facts = model.partUseFacts(stage.index);
    let next = 0;
    for (let index = stage.nodeIndex; index <= stage.lastNodeIndex; index++) {
      const node = index - stage.nodeIndex;
      let candidate = false;
      for (; next < facts.length && facts[next].node <= node; next++) if (facts[next].node === node && mayBeUndefined(stage, facts[next])) candidate = true;
      if (!candidate) continue;
      let reported: Set<string> | undefined;
      for (const use of model.usesInNode(index)) {
        if (!isUndefined(model, use)) continue;
        const key = `${wordOf(model.tree.node(index) as InstructionNode, use.ref)} ${use.name}`;
        reported ??= new Set();
        if (reported.has(key)) continue;
        reported.add(key);
        const outside = declaredOutsideStages(model, use);
        if (outside) {
          report({
            nodeIndex: use.nodeIndex,
            ...use.span,
            message: `'$${use.name}' is not defined in this stage, ${unsetOutcome(model.tree, use)}: ${outside} Add 'ARG ${use.name}' to the stage to use it.`,
            data: { name: use.name, declare: true },
          });
          continue;
        }
        visible ??= new VisibleNames(model, stage);
        const suggestion = visible.suggest(use);
        report({
          nodeIndex: use.nodeIndex,
          ...use.span,
          message: `'$${use.name}' is not defined here, ${unsetOutcome(model.tree, use)}${didYouMean(suggestion, (s) => `'$${s}'`)}. Declare it with ARG or ENV in this stage.`,
          data: { name: use.name, suggestion },
        });
      }
    }
  },
  // BuildKit expands a trigger's words as the stage built FROM its stage runs it, in that stage's
  // state: what the base stage ends with (its ARGs too) and the triggers before it.
  checkTrigger({ tree, model, trigger, index, run }, report) {
    // EXPOSE reports no unknown names. BuildKit stores a trigger with each heredoc's body and
    // terminator after its line and parses it so again where it runs, so the body of a trigger's
    // COPY or ADD heredoc is expanded there as in a stage (unless its marker is quoted); a RUN
    // heredoc's body is the shell's (triggerExpansion tells them apart).
    if (trigger.name === 'EXPOSE') return;
    const onbuild = tree.node(index);
    if (onbuild.kind !== 'instruction') return;
    // Looked up name by name: the whole scope, which holds the variables of the whole FROM chain,
    // only for the names to suggest on a warning.
    let scope: ScopeLookup | undefined;
    const reported = new Set<string>();
    for (const use of model.usesInNode(index)) {
      if (triggerExpansion(onbuild, use.ref) !== 'builder') continue;
      if (setRegardless(run.stage, use.name)) continue;
      scope ??= model.inheritedTriggerLookup(run.stage, index);
      if (scope.has(use.name) || declaredEarlierInArg(trigger, use)) continue;
      if (setThroughVariableKey(model, run.stage, use.name, { beforeTrigger: index })) continue;
      if (keyedSettingAt(model, run.stage, use.name, { beforeTrigger: index }) === 'unknown') continue;
      if (misreadTriggerMaySet(model, run.stage, use.name, index)) continue;
      const key = `${wordOf(trigger, use.ref)} ${use.name}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const outside = declaredOutsideStages(model, use);
      const suggestion = outside ? undefined : suggest(use.name, ['PATH', ...triggerScopeNames(model, run.stage, index)]);
      report(
        `'$${use.name}' is not defined where this trigger runs (what the stage it is built FROM ends with, and the ONBUILD ARG and ENV lines before it), ${unsetOutcome(tree, use)}` +
          (outside ? `: ${outside} Add 'ARG ${use.name}' to that stage or to the trigger's.` : `${didYouMean(suggestion, (s) => `'$${s}'`)}.`),
        suggestion ? { onbuild: index, name: use.name, suggestion, at: use.nameSpan.start } : undefined,
      );
    }
  },
  fixes(diagnostic, doc) {
    const { onbuild } = (diagnostic.data ?? {}) as { onbuild?: unknown };
    if (typeof onbuild === 'number') return triggerRenameFix(diagnostic, doc, onbuild);
    return [...declareArgFix(diagnostic, doc), ...renameVariableFix(diagnostic, doc)];
  },
};

/**
 * The fix of a misspelt name in a trigger (the warning is at the FROM of the stage that runs it):
 * the suggestion written in its place on the ONBUILD line (`data: { onbuild, name, suggestion, at }`,
 * `at` the document offset of the name), as the ordinary fix writes it in the instruction.
 */
function triggerRenameFix(diagnostic: Diagnostic, doc: AnalyzedDocument, index: number): CodeAction[] {
  const { name, suggestion, at } = (diagnostic.data ?? {}) as { name?: unknown; suggestion?: unknown; at?: unknown };
  if (typeof name !== 'string' || typeof suggestion !== 'string' || !suggestion || typeof at !== 'number') return [];
  const onbuild = fixedOnbuild(doc, index);
  const use = onbuild && doc.model.usesInNode(index).find((u) => u.name === name && u.nameSpan.start === at);
  if (!onbuild || !use) return [];
  const { line } = onbuild;
  return [quickFix(`Change to '$${suggestion}' in the ONBUILD on line ${line}`, doc, diagnostic, [{ ...use.nameSpan, text: suggestion }], true)];
}

/**
 * The names set where the trigger at node `index` runs in `stage`, for "did you mean": an ENV with a
 * variable key as the name it expands to, when known (an ONBUILD ENV of the base as `stage` runs it).
 */
function* triggerScopeNames(model: DockerfileModel, stage: Stage, index: number): Iterable<string> {
  for (const [name, binding] of model.inheritedTriggerScope(stage, index)) {
    const declaration = binding.declaration;
    if (!declaration || !hasVariableKey(declaration)) {
      yield name;
      continue;
    }
    const ranHere = declaration.trigger && declaration.stage === stage.base?.index;
    const resolved = envKeyName(model, declaration, ranHere ? model.inheritedTriggerLookup(stage, declaration.nodeIndex) : undefined);
    if (resolved !== undefined) yield resolved;
  }
}

/**
 * Whether an ARG trigger declares the name in a key before the use: BuildKit takes an ARG's
 * names one at a time, so `ARG A=1 B=$A` sees A (an ENV expands all its words first).
 */
function declaredEarlierInArg(trigger: InstructionNode, use: VariableUse): boolean {
  if (trigger.name !== 'ARG') return false;
  return trigger.pairs.some((pair) => pair.end <= use.ref.start && pair.key.text === use.name);
}

/**
 * Why a name a stage does not see has a value outside the stages, when it has: a global ARG of
 * that name, or a platform ARG BuildKit sets in the global scope. Either reaches a stage only
 * through the stage's own `ARG NAME`.
 */
function declaredOutsideStages(model: DockerfileModel, use: VariableUse): string | undefined {
  if (model.globalArgNamed(use.name)) return `the global ARG ${use.name} is visible only in FROM lines.`;
  if (use.predefined?.automatic) return `BuildKit sets ${use.name} in the global scope, which only FROM lines see.`;
  return undefined;
}

/** An index of names that always holds PATH (BuildKit's default, so a name to suggest too). */
function newIndex(): SuggestionIndex {
  const index = new SuggestionIndex();
  index.add('PATH');
  return index;
}

/**
 * The names declarations set, for "did you mean": an ENV with a variable key as the name it expands
 * to (none when that is not known). An ONBUILD ENV's key is taken as it resolves in its own stage.
 */
function* setNames(model: DockerfileModel, declarations: readonly Declaration[]): Iterable<string> {
  for (const declaration of declarations) {
    const name = envKeyName(model, declaration);
    if (name !== undefined) yield name;
  }
}

/** The names of the stages below a stage, per model (see chainSuggestions.ts). */
const baseNames = chainCandidates(setNames);

/**
 * The names defined before a use, in its stage and in the stages it is built FROM, for "did you
 * mean". Uses come in document order, so the stage's own index only grows; the base stages' names are
 * indexed once per model along the FROM chain, so neither thousands of variables nor a long chain
 * make a warning cost more than a few look-ups.
 */
class VisibleNames {
  private readonly own = newIndex();
  private added = 0;

  constructor(
    private readonly model: DockerfileModel,
    private readonly stage: Stage,
  ) {}

  private ownBefore(before: number): SuggestionIndex {
    const declarations = this.model.declarationsOf(this.stage);
    while (this.added < declarations.length && declarations[this.added].nodeIndex < before) {
      const declaration = declarations[this.added++];
      // An ONBUILD trigger's name is set in later stages, not in its own.
      if (declaration.trigger) continue;
      const name = envKeyName(this.model, declaration);
      if (name !== undefined) this.own.add(name);
    }
    return this.own;
  }

  suggest(use: VariableUse): string | undefined {
    // A base stage ended before this one began: all of its names are visible.
    return suggest(use.name, [...this.ownBefore(use.nodeIndex).candidates(use.name), ...baseNames(this.model, this.stage, use.name)]);
  }
}
