// `${NAME:?message}` and `${NAME?message}` in text the builder expands stop the build when NAME is
// unset (either form) or empty (`:?` only): BuildKit's lexer returns "NAME: message", or a default
// message saying NAME may not be unset or empty, and the instruction fails. Only failures that are
// certain whatever the build is given are reported:
// - unset: no ARG or ENV the reference can see declares the name, it is no predefined ARG (a platform
//   ARG counts as unset in a stage that does not declare it: BuildKit sets those for FROM lines), and the
//   stage's FROM chain starts at `scratch` (any other image may set it in its config: the facts' table
//   of image ENV lists only what every tag sets, never all it sets) and names each stage of it without
//   a variable (`FROM ${BASE}` may be an image with a --build-arg). An `ARG NAME` without a value is
//   not certain: a --build-arg may set it.
// - empty: the name's value is an `ENV NAME=` with an empty literal, and no ARG of the name anywhere
//   in the stage's chain (an ARG set by a --build-arg after the ENV replaces it while building); for
//   an ENV of a base stage, none in the stage itself or among its base's ONBUILD ARGs, as the stage
//   starts with the image's ENV added again over what its base ends with (dispatchStages).
// An ARG's default is left out: a --build-arg for that ARG means BuildKit never expands the default.
// A FROM line is expanded with the global ARGs only, and for every stage before any is built.
// An ENV whose key is a variable (`ENV $KEY=1`) may set any name, so a chain with one is never certain.
// Nor is a name an `ONBUILD ENV` or `ONBUILD ARG` of the chain may set where it runs when BuildKit reads
// that trigger otherwise than its ONBUILD line (with `# escape=\``: triggerAsRun.ts).
// Shell text (RUN, CMD, ...) is the shell's business.
// An ONBUILD trigger is judged where it runs: in each stage of the file built FROM its stage, which
// runs the base's triggers first, before its own instructions, in the state the base ends with (its
// ENV, its ARG values, what the chain's image sets) and with the triggers before it (BuildKit's
// initOnBuildTriggers and dispatchState.init). BuildKit reports it at that stage's FROM, so does this,
// as an error only in the stages a plain build reaches ('target': --check does not run the triggers
// of the others either). In the trigger's own stage it expands nothing. That stage starts with the
// image's ENV added again over what the base ends with (dispatchStages), so an empty ENV an ARG of the
// chain overrode is empty again there: only an ONBUILD ARG that runs after it may set it.
// A plain build is assumed, as for the other dispatch-time errors: a named build context
// (`--build-context base=docker-image://…`) can replace a named stage of the chain, image ENV and all.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getInstruction, getPredefinedArg } from '../../facts';
import { foldName, triggerExpansion, type Declaration, type DockerfileModel, type ScopeLookup, type Stage, type VariableUse } from '../../semantics';
import type { InstructionNode, SyntaxTree } from '../../syntax';
import { envWithVariableKey, inChain, setRegardless } from '../checks/support/alwaysSet';
import { stageTriggers } from '../checks/support/chain';
import { misreadTriggerMaySet } from '../checks/support/triggerAsRun';
import type { FileProblem, StageRule } from '../types';

/** What a stage's FROM chain starts from, and how it is linked. */
interface Chain {
  /** The stage at the root of the chain. */
  readonly root: Stage;
  /**
   * Whether a stage of the chain names its base stage through a variable (`FROM ${BASE}`): the
   * global ARG's default picks that stage, a --build-arg may pick an image instead, which sets what
   * it likes (and runs no trigger of the file).
   */
  readonly variablyLinked: boolean;
}

// Per stage (a version's own object): each stage asks its base once, so the stages of a long chain
// do not each walk it to the root.
const chains = new WeakMap<Stage, Chain>();

function chainOf(stage: Stage): Chain {
  // Down to the nearest stage already answered (or the root), then the answers back up.
  const pending: Stage[] = [];
  let at = stage;
  let below = chains.get(at);
  while (!below) {
    pending.push(at);
    if (!at.base) break;
    at = at.base;
    below = chains.get(at);
  }
  const root = below?.root ?? at;
  let variablyLinked = below?.variablyLinked ?? false;
  for (let i = pending.length - 1; i >= 0; i--) {
    const walked = pending[i];
    if (walked.base && walked.image?.includes('$')) variablyLinked = true;
    chains.set(walked, { root, variablyLinked });
  }
  return chains.get(stage)!;
}

function variablyLinked(stage: Stage): boolean {
  return chainOf(stage).variablyLinked;
}

/** The chain starts from the empty image, written as such (a variable image may be another with a --build-arg). */
function startsFromScratch(stage: Stage): boolean {
  const chain = chainOf(stage);
  return chain.root.image === 'scratch' && !chain.variablyLinked;
}

/** Whether any ARG of the stage's chain (before `beforeNode` in the stage itself) declares the name. */
function argInChain(model: DockerfileModel, stage: Stage, name: string, beforeNode: number): boolean {
  const same = (declared: string): boolean => (stage.windows ? foldName(declared) === foldName(name) : declared === name);
  return inChain(model, stage, beforeNode, (declaration) => declaration.kind === 'arg' && same(declaration.name));
}

/**
 * An `ENV NAME=` whose value is empty as written (nothing, or empty quotes), with nothing to expand.
 * `ranHere`: an `ONBUILD ENV` counts too (where its trigger runs); in its own stage it sets nothing.
 */
function emptyLiteralEnv(declaration: Declaration, ranHere = false): boolean {
  if (declaration.kind !== 'env' || (declaration.trigger && !ranHere) || (declaration.value !== undefined && declaration.value !== '')) return false;
  const raw = declaration.rawValue ?? '';
  return raw === '' || raw === '""' || raw === "''";
}

type Certainty = 'unset' | 'empty' | undefined;

/** Whether the reference's name is certainly unset, or certainly empty, where the builder expands it. */
function certainly(model: DockerfileModel, stage: Stage, use: VariableUse, fromLine: boolean): Certainty {
  // BuildKit sets the platform ARGs (TARGETOS, BUILDPLATFORM, ...) for FROM lines only: a stage has
  // them once it declares them. Other predefined ARGs (the proxies, BuildKit's switches) are left alone.
  if (use.predefined && (fromLine || use.declaration || !use.predefined.automatic)) return undefined;
  if (!use.declaration) {
    if (fromLine) return 'unset';
    if (setRegardless(stage, use.name) || !startsFromScratch(stage)) return undefined;
    return envWithVariableKey(model, stage, use.nodeIndex) || misreadTriggerMaySet(model, stage, use.name) ? undefined : 'unset';
  }
  if (fromLine || use.ref.operator !== ':?' || !emptyLiteralEnv(use.declaration)) return undefined;
  const inherited = use.declaration.stage !== stage.index;
  if (inherited && variablyLinked(stage)) return undefined;
  // An ENV of a base stage is the image's: the stage starts with it added again over what the base
  // ends with, so only an ARG that runs after that (the stage's own, its base's ONBUILD ARG) may set it.
  const arg = inherited ? argSinceFrom(model, stage, use.name, use.nodeIndex) : argInChain(model, stage, use.name, use.nodeIndex);
  return arg || envWithVariableKey(model, stage, use.nodeIndex) || misreadTriggerMaySet(model, stage, use.name) ? undefined : 'empty';
}

/** Whether an ARG of the name runs in the stage before node `beforeNode`: one of its own, or an `ONBUILD ARG` of its base stage. */
function argSinceFrom(model: DockerfileModel, stage: Stage, name: string, beforeNode: number): boolean {
  const same = (declared: string): boolean => (stage.windows ? foldName(declared) === foldName(name) : declared === name);
  for (const declaration of model.declarationsOf(stage)) {
    if (declaration.nodeIndex >= beforeNode) break;
    if (declaration.kind === 'arg' && same(declaration.name)) return true;
  }
  return stage.base !== undefined && model.declarationsOf(stage.base).some((declaration) => declaration.trigger && declaration.kind === 'arg' && same(declaration.name));
}

export const requiredVariableMissing: StageRule = {
  code: 'required-variable-missing',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit expands a stage's instructions when it converts the stage; FROM lines for every stage first.
  raisedWhen: 'dispatch',
  description: 'A ${NAME:?message} or ${NAME?message} the builder expands where NAME is certainly unset (or, for :?, empty), which stops the build; in an ONBUILD trigger, where a stage built FROM its stage runs it.',
  url: 'https://docs.docker.com/reference/dockerfile/#environment-replacement',
  check({ model, tree, stage, report }) {
    for (let index = stage.nodeIndex; index <= stage.lastNodeIndex; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction' || node.name === 'ARG' || node.name === 'ONBUILD') continue;
      // Most instructions hold no `?` substitution: the model's uses are looked up only for those that do.
      if (!node.variables.some(isRequired)) continue;
      const fromLine = node.name === 'FROM';
      for (const use of model.usesInNode(index)) {
        if (!isRequired(use.ref) || !use.expandedByBuilder) continue;
        const certainty = certainly(model, stage, use, fromLine);
        if (!certainty) continue;
        const text = tree.slice(use.span.start, use.span.end);
        // A `${` never closed is a lexing error BuildKit stops on before it looks at the name.
        if (!text.endsWith('}')) continue;
        const why =
          certainty === 'empty'
            ? `'${use.name}' is empty here (its ENV sets it to nothing)`
            : fromLine
              ? `'${use.name}' is not set in FROM lines (no global ARG declares it)`
              : use.predefined
                ? `'${use.name}' is not set here (BuildKit sets it for FROM lines only, no ARG ${use.name} declares it in this stage, and the stage starts from scratch)`
                : `'${use.name}' is not set here (no ARG or ENV declares it, and the stage starts from scratch)`;
        report({
          nodeIndex: index,
          start: use.span.start,
          end: use.span.end,
          message: `${why}, so '${text}' ${stops(tree, use, certainty)}.`,
          ...(fromLine ? { raisedWhen: 'parse' as const } : {}),
        });
      }
    }
    if (stage.base) checkTriggersRun(model, tree, stage, stage.base, report);
  },
};

/** A `${NAME?…}` or `${NAME:?…}` reference. */
function isRequired(ref: { readonly operator?: string }): boolean {
  return ref.operator === '?' || ref.operator === ':?';
}

/** How the reference stops the build: with its message, or BuildKit's own. */
function stops(tree: SyntaxTree, use: VariableUse, certainty: 'unset' | 'empty'): string {
  const nodeStart = use.span.start - use.ref.start;
  const argument = use.ref.argument ? tree.slice(nodeStart + use.ref.argument.start, nodeStart + use.ref.argument.end) : '';
  return argument === '' ? `stops the build: the builder refuses ${certainty === 'empty' ? 'an empty' : 'an unset'} ${use.name} there` : `stops the build with the message "${argument}"`;
}

/**
 * Whether an `ONBUILD ARG` of the name among `base`'s triggers may set it where they run after `env`
 * (the empty ENV the name resolves to) and before the trigger at node `index`. The ARGs of the chain
 * itself do not: the stage that runs the triggers starts with the image's ENV laid over what its
 * base ends with (dispatchStages adds each of the config's Env again after dispatchState.init), so
 * an empty ENV of the chain is empty there again whatever a --build-arg gave an ARG of the base or
 * its chain; only an ARG that runs after that, a trigger's, may change it.
 */
function argTriggerAfter(model: DockerfileModel, stage: Stage, base: Stage, env: Declaration, index: number): boolean {
  const same = (declared: string): boolean => (stage.windows ? foldName(declared) === foldName(env.name) : declared === env.name);
  // An ONBUILD ENV runs among the triggers: an ARG trigger before it is overridden by it.
  const after = env.trigger && env.stage === base.index ? env.nodeIndex : -1;
  for (const declaration of model.declarationsOf(base)) {
    if (declaration.nodeIndex >= index) break;
    if (declaration.nodeIndex > after && declaration.trigger && declaration.kind === 'arg' && same(declaration.name)) return true;
  }
  return false;
}

/**
 * Whether a reference of the ONBUILD trigger at node `index` (one of `stage.base`'s) is certainly
 * unset, or certainly empty, where `stage` runs it: `scope` holds what the base stage ends with and
 * the base's ONBUILD ARG and ENV lines before it. The same certainty as `certainly`: the chain starts
 * from scratch, no ENV with a variable key anywhere in it, for `:?` on an empty ENV no ARG that runs
 * after it where the trigger runs (`argTriggerAfter`).
 */
function certainlyInTrigger(model: DockerfileModel, stage: Stage, base: Stage, index: number, use: VariableUse, scope: ScopeLookup): Certainty {
  const binding = scope.get(use.name);
  if (!binding) {
    // The platform ARGs are set for FROM lines only; the proxies and BuildKit's switches are left alone.
    const predefined = getPredefinedArg(use.name);
    if (predefined && !predefined.automatic) return undefined;
    if (setRegardless(stage, use.name) || !startsFromScratch(stage)) return undefined;
    // Before the stage's FROM: nothing of the stage itself, every declaration of the stages below it.
    return envWithVariableKey(model, stage, stage.nodeIndex) || misreadTriggerMaySet(model, stage, use.name, index) ? undefined : 'unset';
  }
  if (use.ref.operator !== ':?' || !binding.declaration || !emptyLiteralEnv(binding.declaration, true)) return undefined;
  return argTriggerAfter(model, stage, base, binding.declaration, index) || envWithVariableKey(model, stage, stage.nodeIndex) || misreadTriggerMaySet(model, stage, use.name, index)
    ? undefined
    : 'empty';
}

/**
 * The `${NAME?}` and `${NAME:?}` of `base`'s ONBUILD triggers that stop the build of `stage`, which
 * runs them first. BuildKit gives a trigger's error the location of the stage's FROM (the checks on
 * triggers report there too: services/diagnostics.ts), so they go on its image word, naming the base
 * stage rather than a line, which moves without the two stages changing. Its ARG triggers are left
 * out, as ARG lines are (a --build-arg means BuildKit never expands the default).
 */
function checkTriggersRun(model: DockerfileModel, tree: SyntaxTree, stage: Stage, base: Stage, report: (problem: FileProblem) => void): void {
  // The triggers run only where the FROM names the base; a chain that may hold an image is never certain.
  if (variablyLinked(stage)) return;
  const at = stage.imageSpan ?? { start: stage.fromStart + stage.from.keyword.start, end: stage.fromStart + stage.from.keyword.end };
  for (const { trigger, index } of stageTriggers(model, base)) {
    const onbuild = tree.node(index);
    if (onbuild.kind !== 'instruction' || trigger.name === 'ARG' || !onbuild.variables.some(isRequired)) continue;
    // A trigger BuildKit cannot read as an instruction stops the build before any word is expanded (invalid-onbuild-trigger).
    if (onbuild.errors.length || getInstruction(trigger.name)?.allowedInOnbuild !== true) continue;
    let scope: ScopeLookup | undefined;
    for (const use of model.usesInNode(index)) {
      if (!isRequired(use.ref) || triggerExpansion(onbuild, use.ref) !== 'builder') continue;
      scope ??= model.inheritedTriggerLookup(stage, index);
      const certainty = certainlyInTrigger(model, stage, base, index, use, scope);
      if (!certainty) continue;
      const text = tree.slice(use.span.start, use.span.end);
      if (!text.endsWith('}')) continue;
      report({ ...at, nodeIndex: stage.nodeIndex, message: triggerMessage(trigger, base, use, certainty, `'${text}' ${stops(tree, use, certainty)}`), raisedWhen: 'target' });
    }
  }
}

function triggerMessage(trigger: InstructionNode, base: Stage, use: VariableUse, certainty: 'unset' | 'empty', outcome: string): string {
  const of = `stage "${base.name ?? base.index}"`;
  const why =
    certainty === 'empty'
      ? `'${use.name}' is empty where it runs (its ENV sets it to nothing)`
      : getPredefinedArg(use.name)?.automatic
        ? `'${use.name}' is not set where it runs (BuildKit sets it for FROM lines only, no ARG ${use.name} of ${of} or its FROM chain declares it, nor an ONBUILD ARG before this one, and the chain starts from scratch)`
        : `'${use.name}' is not set where it runs (no ARG or ENV of ${of} or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch)`;
  return `The ONBUILD ${trigger.name} of ${of} runs first in this stage and fails here: ${why}, so ${outcome}.`;
}
