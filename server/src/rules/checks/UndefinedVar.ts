// UndefinedVar: a `$VARIABLE` the builder expands (ENV, LABEL, COPY, ADD, WORKDIR, USER, VOLUME,
// STOPSIGNAL, ARG defaults, RUN --mount options, unquoted COPY/ADD heredocs) that no ARG or ENV
// of the stage (or of the stage it is built FROM) defines at that point. Shell text of RUN, CMD
// and ENTRYPOINT is the shell's business and never checked. Like BuildKit run by `docker build
// --check` with an empty base image, variables a real base image would set are reported too.

import type { Declaration, DockerfileModel, Stage, VariableUse } from '../../semantics';
import type { FileRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { didYouMean, suggest, SuggestionIndex } from './support/suggest';

/** BuildKit's SBOM switches are read as build arguments, never as variables. */
const NOT_VARIABLES = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

function isUndefined(model: DockerfileModel, use: VariableUse): boolean {
  if (use.stage < 0 || !use.expandedByBuilder || use.declaration) return false;
  // PATH is always set: BuildKit gives every stage a default PATH.
  if (use.name === 'PATH' || NOT_VARIABLES.has(use.name)) return false;
  const node = model.tree.node(use.nodeIndex);
  // FROM has its own check, and EXPOSE expands its ports without reporting unknown names.
  return node.kind === 'instruction' && node.name !== 'FROM' && node.name !== 'EXPOSE';
}

export const UndefinedVar: FileRule = {
  ...checkMeta('UndefinedVar'),
  scope: 'file',
  check({ model, report }) {
    let visible: VisibleNames | undefined;
    for (const use of model.uses) {
      if (!isUndefined(model, use)) continue;
      visible ??= new VisibleNames(model);
      const suggestion = visible.suggest(use);
      report({
        nodeIndex: use.nodeIndex,
        ...use.span,
        message: `'$${use.name}' is not defined here, so it expands to an empty string${didYouMean(suggestion, (s) => `'$${s}'`)}. Declare it with ARG or ENV in this stage.`,
        data: { name: use.name, suggestion },
      });
    }
  },
  fixes(diagnostic, doc) {
    const { name, suggestion } = (diagnostic.data ?? {}) as { name?: string; suggestion?: string };
    if (!name || !suggestion) return [];
    const use = doc.model.useAt(doc.text.offsetAt(diagnostic.range.start));
    if (!use || use.name !== name) return [];
    return [quickFix(`Change to '$${suggestion}'`, doc, diagnostic, [{ ...use.nameSpan, text: suggestion }], true)];
  },
};

/**
 * The names defined before a use, in its stage and in the stages it is built FROM, for "did you
 * mean". Uses come in document order, so each stage's index only grows; a file with thousands
 * of variables stays linear.
 */
class VisibleNames {
  private readonly byStage: Declaration[][];
  private readonly indexes: SuggestionIndex[] = [];
  private readonly added: number[] = [];

  constructor(private readonly model: DockerfileModel) {
    this.byStage = model.stages.map(() => []);
    for (const declaration of model.declarations) if (declaration.stage >= 0) this.byStage[declaration.stage]?.push(declaration);
  }

  /** The index of a stage holding its names declared before node `before`. */
  private indexOf(stage: number, before: number): SuggestionIndex {
    let index = this.indexes[stage];
    if (!index) {
      // PATH is always set (BuildKit's default), so it is a name to suggest too.
      index = this.indexes[stage] = new SuggestionIndex();
      index.add('PATH');
    }
    const declarations = this.byStage[stage] ?? [];
    let next = this.added[stage] ?? 0;
    while (next < declarations.length && declarations[next].nodeIndex < before) index.add(declarations[next++].name);
    this.added[stage] = next;
    return index;
  }

  suggest(use: VariableUse): string | undefined {
    const candidates: string[] = [];
    let stage: Stage | undefined = this.model.stages[use.stage];
    let before = use.nodeIndex;
    while (stage) {
      candidates.push(...this.indexOf(stage.index, before).candidates(use.name));
      // A base stage ended before this one began: all of its names are visible.
      before = Infinity;
      stage = stage.base;
    }
    return suggest(use.name, candidates);
  }
}
