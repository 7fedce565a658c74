// Expanding words of an instruction the way the builder does during `docker build --check`
// with no --build-arg and a base image whose config is empty: a variable with a known value
// expands to it, a declared ARG without a value is unset, an undeclared name is unset, and PATH
// has the builder's default. That is the Linux one in every stage, Windows stages too: the checks
// reproduce a linux/amd64 run (as the corpus's verdicts were made), and a set PATH keeps them from
// reporting what a real base image's PATH decides.

import { DEFAULT_PATH, getPredefinedArg } from '../../../facts';
import { foldName, type Declaration, type DockerfileModel, type VariableUse } from '../../../semantics';
import { lex, type Environment, type SyntaxTree } from '../../../syntax';

/**
 * How many declarations deep a value is worked out through others whose values the model leaves
 * open. A longer chain (only machine-made files have one) falls back to an empty value, which
 * keeps the recursion far from the stack's limit.
 */
const MAX_DEPTH = 64;

/** The value each declaration gets in such a build, by model, keyed `nodeIndex:nameStart`. */
const buildValues = new WeakMap<DockerfileModel, Map<string, string | undefined>>();

/** The environment an instruction's builder-expanded words see, from the model's resolution. */
export function environmentAt(model: DockerfileModel, nodeIndex: number): Environment {
  // A Windows stage reads names regardless of case: `$Path` is PATH there.
  const windows = model.stageOfNode(nodeIndex)?.windows === true;
  return environmentOf(model, model.usesInNode(nodeIndex), 0, windows);
}

function environmentOf(model: DockerfileModel, uses: readonly VariableUse[], depth: number, windows: boolean): Environment {
  const values = new Map<string, string | undefined>();
  // The value the model found where the use is comes first: an ONBUILD trigger's declaration has a
  // value of its own in each stage built FROM its stage, which its declaration alone cannot give.
  for (const use of uses) if (use.declaration) values.set(use.name, use.value ?? buildValue(model, use.declaration, depth));
  return (name) => values.get(name) ?? ((windows ? foldName(name) : name) === 'PATH' ? DEFAULT_PATH : undefined);
}

/**
 * The value a declaration has in that build (undefined: unset). The model leaves a value open
 * when it depends on what the base image or a --build-arg may set; with neither, it is known:
 * `ENV B=${B:-/x}` gives /x and `ENV X=$HOME/app` gives /app, and `ARG A` alone leaves A unset,
 * so `${A-/x}` gives /x.
 */
function buildValue(model: DockerfileModel, declaration: Declaration, depth: number): string | undefined {
  if (declaration.value !== undefined) return declaration.value;
  let memo = buildValues.get(model);
  if (!memo) buildValues.set(model, (memo = new Map()));
  const key = `${declaration.nodeIndex}:${declaration.nameSpan.start}`;
  if (memo.has(key)) return memo.get(key);
  let value: string | undefined;
  if (depth >= MAX_DEPTH) value = '';
  else if (declaration.rawValue !== undefined) {
    // The words of the value see what was set before them (for ARG, also the names before it on the line).
    const span = declaration.valueSpan;
    const uses = span ? model.usesInNode(declaration.nodeIndex).filter((use) => use.span.start >= span.start && use.span.end <= span.end) : [];
    const windows = model.stages[declaration.stage]?.windows === true;
    value = expandWord(declaration.rawValue, environmentOf(model, uses, depth + 1, windows), model.tree.escape) ?? '';
  } else if (declaration.inherits) value = buildValue(model, declaration.inherits, depth + 1);
  // An automatic platform ARG (`ARG TARGETARCH`) has a value BuildKit sets per build; empty stands in for it.
  else value = declaration.kind === 'arg' && getPredefinedArg(declaration.name)?.automatic === true ? '' : undefined;
  memo.set(key, value);
  return value;
}

/** A word expanded in `environment`; undefined when the expansion fails. */
export function expandWord(word: string, environment: Environment, escape: string): string | undefined {
  const result = lex(word, environment, { escape, splitWords: false });
  return result.error ? undefined : result.value;
}

/** A word expanded and split into words (as EXPOSE reads its ports); undefined on failure. */
export function expandWords(word: string, environment: Environment, escape: string): readonly string[] | undefined {
  const result = lex(word, environment, { escape });
  return result.error ? undefined : result.words;
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
