// Expanding words of an instruction the way the builder does during `docker build --check`
// with no --build-arg and a base image whose config is empty: a variable with a known value
// expands to it, a declared ARG without a value is unset, an undeclared name is unset, and PATH
// has the builder's default. That is the Linux one in every stage, Windows stages too: the checks
// reproduce a linux/amd64 run (as the corpus's verdicts were made), and a set PATH keeps them from
// reporting what a real base image's PATH decides.

import { DEFAULT_PATH, getPredefinedArg } from '../../../facts';
import { foldName, type Declaration, type DockerfileModel, type Stage, type VariableUse } from '../../../semantics';
import { lex, type Environment, type LexResult, type SyntaxTree } from '../../../syntax';
import { useFactsOfNode } from './useFacts';
import { hasKeyedEnv, keyedSettingAt, type KeyedSetting } from './variableKeys';

/**
 * How many declarations deep a value is worked out through others whose values the model leaves
 * open. A longer chain (only machine-made files have one) falls back to an empty value, which
 * keeps the recursion far from the stack's limit.
 */
const MAX_DEPTH = 64;

/**
 * A value no reading of the file can tell: an ENV whose key the file leaves open (`ENV $K=x` after
 * `ARG K`) may have set the name. A word that reads one expands to undefined, as a failed one does,
 * so no check reports what such a value decides.
 */
const UNKNOWN = Symbol('unknown');
type BuildValue = string | undefined | typeof UNKNOWN;

/** The value each declaration gets in such a build, by model, keyed `nodeIndex:nameStart`. */
const buildValues = new WeakMap<DockerfileModel, Map<string, BuildValue>>();

/** The names each environment made here cannot tell the value of. */
const unknownNames = new WeakMap<Environment, ReadonlySet<string>>();

/** The environment an instruction's builder-expanded words see, from the model's resolution. */
export function environmentAt(model: DockerfileModel, nodeIndex: number): Environment {
  const stage = model.stageOfNode(nodeIndex);
  // A Windows stage reads names regardless of case: `$Path` is PATH there.
  const windows = stage?.windows === true;
  return knownEnvironment(model, nodeIndex, windows) ?? environmentOf(model, model.usesInNode(nodeIndex), 0, windows, stage);
}

/**
 * `environmentOf` the node's uses when the model knows the value of each declared name it reads
 * and no ENV has a variable key (nearly always), read from the part's own uses: then the version
 * makes no absolute objects of the stage's uses and declarations for it. Undefined otherwise.
 */
function knownEnvironment(model: DockerfileModel, nodeIndex: number, windows: boolean): Environment | undefined {
  if (hasKeyedEnv(model)) return undefined;
  let values: Map<string, string | undefined> | undefined;
  for (const use of useFactsOfNode(model, nodeIndex)) {
    if (!use.declaration) continue;
    if (use.value === undefined) return undefined;
    (values ??= new Map()).set(use.ref.name, use.value);
  }
  return (name) => values?.get(name) ?? ((windows ? foldName(name) : name) === 'PATH' ? DEFAULT_PATH : undefined);
}

/**
 * The environment the builder-expanded words of an ONBUILD trigger of `stage`'s base see where
 * `stage` runs it, before its own instructions: the state the base ends with, the triggers before
 * it, and what ENVs with variable keys set by then.
 */
export function triggerEnvironmentAt(model: DockerfileModel, stage: Stage, triggerIndex: number, windows: boolean): Environment {
  const scope = model.inheritedTriggerLookup(stage, triggerIndex);
  const keyed = hasKeyedEnv(model);
  const values = new Map<string, string | undefined>();
  const unknown = new Set<string>();
  for (const use of model.usesInNode(triggerIndex)) {
    const binding = scope.get(use.name);
    const setting = keyed ? keyedSettingAt(model, stage, use.name, { beforeTrigger: triggerIndex }, binding?.declaration) : undefined;
    let value: BuildValue;
    if (setting === 'unknown') value = UNKNOWN;
    else if (setting) value = keyedValue(model, setting, 0);
    else if (!scope.has(use.name)) continue;
    // A name the state there gives a value the model leaves open could have any value.
    else value = binding?.value ?? UNKNOWN;
    if (value === UNKNOWN) unknown.add(use.name);
    else values.set(use.name, value);
  }
  return withUnknown((name) => values.get(name) ?? ((windows ? foldName(name) : name) === 'PATH' ? DEFAULT_PATH : undefined), unknown);
}

function withUnknown(environment: Environment, unknown: ReadonlySet<string>): Environment {
  if (unknown.size) unknownNames.set(environment, unknown);
  return environment;
}

/** `stage`: where the uses' node runs, for the ENVs with variable keys before it (none for a trigger's or a global ARG's node). */
function environmentOf(model: DockerfileModel, uses: readonly VariableUse[], depth: number, windows: boolean, stage: Stage | undefined): Environment {
  const values = new Map<string, string | undefined>();
  const unknown = new Set<string>();
  // The model resolves names without the ENVs whose key is a variable; its values then may miss what they set.
  const keyed = hasKeyedEnv(model);
  for (const use of uses) {
    let value: BuildValue;
    const setting = stage && keyed ? keyedSettingAt(model, stage, use.name, { beforeNode: use.nodeIndex }, use.declaration) : undefined;
    if (setting === 'unknown') value = UNKNOWN;
    else if (setting) value = keyedValue(model, setting, depth);
    else if (!use.declaration) continue;
    // The value the model found where the use is comes first: an ONBUILD trigger's declaration has a
    // value of its own in each stage built FROM its stage, which its declaration alone cannot give.
    else value = (keyed && !use.declaration.trigger ? undefined : use.value) ?? buildValue(model, use.declaration, depth);
    if (value === UNKNOWN) unknown.add(use.name);
    else values.set(use.name, value);
  }
  return withUnknown((name) => values.get(name) ?? ((windows ? foldName(name) : name) === 'PATH' ? DEFAULT_PATH : undefined), unknown);
}

/** The value an ENV with a variable key gave the name it set. */
function keyedValue(model: DockerfileModel, setting: KeyedSetting, depth: number): BuildValue {
  const declaration = setting.declaration;
  if (!setting.trigger) return buildValue(model, declaration, depth);
  // An ONBUILD ENV's value is expanded in the stage that runs it, in the state that stage is in there.
  if (declaration.rawValue === undefined) return UNKNOWN;
  const scope = model.inheritedTriggerLookup(setting.stage, declaration.nodeIndex);
  const span = declaration.valueSpan;
  const uses = span ? model.usesInNode(declaration.nodeIndex).filter((use) => use.span.start >= span.start && use.span.end <= span.end) : [];
  // A name the state there gives a value the model leaves open could have any value.
  if (uses.some((use) => scope.has(use.name) && scope.get(use.name)?.value === undefined)) return UNKNOWN;
  const result = lex(declaration.rawValue, (name) => scope.get(name)?.value, { escape: model.tree.escape, splitWords: false });
  return result.error ? '' : result.value;
}

/**
 * The value a declaration has in that build (undefined: unset). The model leaves a value open
 * when it depends on what the base image or a --build-arg may set; with neither, it is known:
 * `ENV B=${B:-/x}` gives /x and `ENV X=$HOME/app` gives /app, and `ARG A` alone leaves A unset,
 * so `${A-/x}` gives /x.
 */
function buildValue(model: DockerfileModel, declaration: Declaration, depth: number): BuildValue {
  // The model's value read names without the ENVs whose key is a variable: worked out again when it read any.
  if (declaration.value !== undefined && !(declaration.rawValue?.includes('$') && hasKeyedEnv(model))) return declaration.value;
  let memo = buildValues.get(model);
  if (!memo) buildValues.set(model, (memo = new Map()));
  const key = `${declaration.nodeIndex}:${declaration.nameSpan.start}`;
  if (memo.has(key)) return memo.get(key);
  let value: BuildValue;
  if (depth >= MAX_DEPTH) value = '';
  else if (declaration.rawValue !== undefined) {
    // The words of the value see what was set before them (for ARG, also the names before it on the line).
    const span = declaration.valueSpan;
    const uses = span ? model.usesInNode(declaration.nodeIndex).filter((use) => use.span.start >= span.start && use.span.end <= span.end) : [];
    const stage = declaration.trigger ? undefined : model.stages[declaration.stage];
    const windows = model.stages[declaration.stage]?.windows === true;
    const environment = environmentOf(model, uses, depth + 1, windows, stage);
    const result = lex(declaration.rawValue, environment, { escape: model.tree.escape, splitWords: false });
    value = readsUnknown(result, environment) ? UNKNOWN : result.error ? '' : result.value;
  } else if (declaration.inherits) value = buildValue(model, declaration.inherits, depth + 1);
  // An automatic platform ARG (`ARG TARGETARCH`) has a value BuildKit sets per build; empty stands in for it.
  else value = declaration.kind === 'arg' && getPredefinedArg(declaration.name)?.automatic === true ? '' : undefined;
  memo.set(key, value);
  return value;
}

function readsUnknown(result: LexResult, environment: Environment): boolean {
  const unknown = unknownNames.get(environment);
  return unknown !== undefined && result.references.some((reference) => unknown.has(reference.name));
}

/** A word expanded in `environment`; undefined when the expansion fails or reads a value no reading of the file can tell. */
export function expandWord(word: string, environment: Environment, escape: string): string | undefined {
  const result = lex(word, environment, { escape, splitWords: false });
  return result.error || readsUnknown(result, environment) ? undefined : result.value;
}

/** A word expanded and split into words (as EXPOSE reads its ports); undefined on failure or when it reads a value no reading of the file can tell. */
export function expandWords(word: string, environment: Environment, escape: string): readonly string[] | undefined {
  const result = lex(word, environment, { escape });
  return result.error || readsUnknown(result, environment) ? undefined : result.words;
}

/**
 * What a reference gives when its name is unset, for the messages of the checks that report one:
 * `${v:-w}` and `${v-w}` fall back to `w`, `${v:?m}` and `${v?m}` stop the build, and every other
 * form (`$v`, `${v:+w}`, `${v#p}`…) gives an empty string.
 */
export function unsetOutcome(tree: SyntaxTree, use: VariableUse): string {
  const text = tree.slice(use.span.start, use.span.end);
  switch (use.ref.operator) {
    case '-':
    case ':-':
      return `so '${text}' falls back to its default`;
    case '?':
    case ':?':
      return `so '${text}' stops the build with an error`;
    default:
      return 'so it expands to an empty string';
  }
}
