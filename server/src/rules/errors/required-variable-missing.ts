// `${NAME:?message}` and `${NAME?message}` in text the builder expands stop the build when NAME is
// unset (either form) or empty (`:?` only): BuildKit's lexer returns "NAME: message", or a default
// message saying NAME may not be unset or empty, and the instruction fails. Only failures that are
// certain whatever the build is given are reported:
// - unset: no ARG or ENV the reference can see declares the name, it is no predefined ARG (a platform
//   ARG counts as unset in a stage that does not declare it: BuildKit sets those for FROM lines), and the
//   stage's FROM chain starts at `scratch` (any other image may set it in its config: the facts' table
//   of image ENV lists only what every tag sets, never all it sets). An `ARG NAME` without a value is
//   not certain: a --build-arg may set it.
// - empty: the name's value is an `ENV NAME=` with an empty literal, and no ARG of the name anywhere
//   in the stage's chain (an ARG set by a --build-arg after the ENV replaces it while building).
// An ARG's default is left out: a --build-arg for that ARG means BuildKit never expands the default.
// A FROM line is expanded with the global ARGs only, and for every stage before any is built.
// An ENV whose key is a variable (`ENV $KEY=1`) may set any name, so a chain with one is never certain.
// Shell text (RUN, CMD, ...) is the shell's business, and ONBUILD triggers are not followed here.
// A plain build is assumed, as for the other dispatch-time errors: a named build context
// (`--build-context base=docker-image://…`) can replace a named stage of the chain, image ENV and all.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { foldName, type Declaration, type DockerfileModel, type Stage, type VariableUse } from '../../semantics';
import { envWithVariableKey, inChain, setRegardless } from '../checks/support/alwaysSet';
import type { StageRule } from '../types';

// The root of each stage's FROM chain (stages are a version's own objects): each stage asks its base
// once, so the stages of a long chain do not each walk it to the root.
const roots = new WeakMap<Stage, Stage>();

/** The stage at the root of a stage's FROM chain. */
function chainRoot(stage: Stage): Stage {
  const pending: Stage[] = [];
  let at = stage;
  let root: Stage | undefined;
  for (;;) {
    root = roots.get(at);
    if (root) break;
    pending.push(at);
    if (!at.base) {
      root = at;
      break;
    }
    at = at.base;
  }
  for (const walked of pending) roots.set(walked, root);
  return root;
}

/** The chain starts from the empty image, written as such (a variable image may be another with a --build-arg). */
function startsFromScratch(stage: Stage): boolean {
  return chainRoot(stage).image === 'scratch';
}

/** Whether any ARG of the stage's chain (before `beforeNode` in the stage itself) declares the name. */
function argInChain(model: DockerfileModel, stage: Stage, name: string, beforeNode: number): boolean {
  const same = (declared: string): boolean => (stage.windows ? foldName(declared) === foldName(name) : declared === name);
  return inChain(model, stage, beforeNode, (declaration) => declaration.kind === 'arg' && same(declaration.name));
}

/** An `ENV NAME=` whose value is empty as written (nothing, or empty quotes), with nothing to expand. */
function emptyLiteralEnv(declaration: Declaration): boolean {
  if (declaration.kind !== 'env' || declaration.trigger || declaration.value !== '') return false;
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
    return envWithVariableKey(model, stage, use.nodeIndex) ? undefined : 'unset';
  }
  if (fromLine || use.ref.operator !== ':?' || !emptyLiteralEnv(use.declaration)) return undefined;
  return argInChain(model, stage, use.name, use.nodeIndex) || envWithVariableKey(model, stage, use.nodeIndex) ? undefined : 'empty';
}

export const requiredVariableMissing: StageRule = {
  code: 'required-variable-missing',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit expands a stage's instructions when it converts the stage; FROM lines for every stage first.
  raisedWhen: 'dispatch',
  description: 'A ${NAME:?message} or ${NAME?message} the builder expands where NAME is certainly unset (or, for :?, empty), which stops the build.',
  url: 'https://docs.docker.com/reference/dockerfile/#environment-replacement',
  check({ model, tree, stage, report }) {
    for (let index = stage.nodeIndex; index <= stage.lastNodeIndex; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction' || node.name === 'ARG' || node.name === 'ONBUILD') continue;
      // Most instructions hold no `?` substitution: the model's uses are looked up only for those that do.
      if (!node.variables.some((ref) => ref.operator === '?' || ref.operator === ':?')) continue;
      const fromLine = node.name === 'FROM';
      for (const use of model.usesInNode(index)) {
        const { operator } = use.ref;
        if ((operator !== '?' && operator !== ':?') || !use.expandedByBuilder) continue;
        const certainty = certainly(model, stage, use, fromLine);
        if (!certainty) continue;
        const text = tree.slice(use.span.start, use.span.end);
        // A `${` never closed is a lexing error BuildKit stops on before it looks at the name.
        if (!text.endsWith('}')) continue;
        const nodeStart = use.span.start - use.ref.start;
        const argument = use.ref.argument ? tree.slice(nodeStart + use.ref.argument.start, nodeStart + use.ref.argument.end) : '';
        const why =
          certainty === 'empty'
            ? `'${use.name}' is empty here (its ENV sets it to nothing)`
            : fromLine
              ? `'${use.name}' is not set in FROM lines (no global ARG declares it)`
              : use.predefined
                ? `'${use.name}' is not set here (BuildKit sets it for FROM lines only, no ARG ${use.name} declares it in this stage, and the stage starts from scratch)`
                : `'${use.name}' is not set here (no ARG or ENV declares it, and the stage starts from scratch)`;
        const stops = argument === '' ? `stops the build: the builder refuses ${certainty === 'empty' ? 'an empty' : 'an unset'} ${use.name} there` : `stops the build with the message "${argument}"`;
        report({
          nodeIndex: index,
          start: use.span.start,
          end: use.span.end,
          message: `${why}, so '${text}' ${stops}.`,
          ...(fromLine ? { raisedWhen: 'parse' as const } : {}),
        });
      }
    }
  },
};
