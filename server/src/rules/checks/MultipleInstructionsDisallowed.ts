// MultipleInstructionsDisallowed: more than one CMD, ENTRYPOINT or HEALTHCHECK in a stage. Only
// the last one takes effect, so each earlier one is reported (and faded as unnecessary).

import { DiagnosticTag, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { DockerfileModel, Stage } from '../../semantics';
import type { AnalyzedDocument } from '../../services/document';
import { perPart, QuietMemo, quietly } from '../partMemo';
import type { FileRule } from '../types';
import { fixedOnbuild, quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, instructionSpan } from './support/nodes';

const ONCE_PER_STAGE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Each CMD, ENTRYPOINT or HEALTHCHECK of a stage that a later one replaces, with that one (node indexes from the FROM). */
const replacements = new WeakMap<object, readonly (readonly [earlier: number, later: number])[]>();

/** No replaced instruction: shared by the stages that have none. */
const NO_PAIRS: readonly (readonly [number, number])[] = Object.freeze([]);

function replaced(model: DockerfileModel, stage: Stage): readonly (readonly [number, number])[] {
  return perPart(replacements, model, stage, findReplaced);
}

function findReplaced(model: DockerfileModel, stage: Stage): readonly (readonly [number, number])[] {
  const pairs: [number, number][] = [];
  const last = new Map<string, number>();
  model.tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || !ONCE_PER_STAGE.has(node.name)) return;
    const earlier = last.get(node.name);
    last.set(node.name, index - stage.nodeIndex);
    if (earlier !== undefined) pairs.push([earlier, index - stage.nodeIndex]);
  }, stage.nodeIndex + 1);
  return pairs.length ? pairs : NO_PAIRS;
}

export const MultipleInstructionsDisallowed: FileRule = {
  ...checkMeta('MultipleInstructionsDisallowed'),
  scope: 'file',
  // What it reads of a stage: whether a CMD, ENTRYPOINT or HEALTHCHECK in it replaces another.
  check: quietly(new QuietMemo((model, stage) => (replaced(model, stage).length ? 'replaced' : '')), ({ doc, tree, model, report }) => {
    for (const stage of model.stages) {
      for (const [earlierRelative, relative] of replaced(model, stage)) {
        const earlier = stage.nodeIndex + earlierRelative;
        const index = stage.nodeIndex + relative;
        const node = tree.node(index);
        if (node.kind !== 'instruction') continue;
        const earlierNode = tree.node(earlier);
        if (earlierNode.kind !== 'instruction') continue;
        const span = instructionSpan(earlierNode);
        const start = tree.start(earlier);
        const line = doc.text.positionAt(tree.start(index)).line + 1;
        report({
          nodeIndex: earlier,
          start: start + span.start,
          end: start + span.end,
          message: `This ${node.name} has no effect: the ${node.name} on line ${line} replaces it, because only the last one in a stage counts.`,
          tags: [DiagnosticTag.Unnecessary],
        });
      }
    }
  }),
  // BuildKit counts these per stage it dispatches, and a stage built FROM this one runs the triggers
  // first: an `ONBUILD CMD` is replaced by a later trigger's CMD or by the stage's own. (Its base's CMD
  // does not count: each stage starts counting afresh.)
  checkTrigger({ doc, tree, trigger, index, order, run }, report) {
    if (!ONCE_PER_STAGE.has(trigger.name)) return;
    const lineOf = (index: number): number => doc.text.positionAt(tree.start(index)).line + 1;
    const laterTrigger = run.triggers.slice(order + 1).find((later) => later.trigger.name === trigger.name);
    if (laterTrigger) {
      // Replaced wherever it runs (every stage that runs one runs the other after it): its removal is the fix.
      report(
        `its ${trigger.name} has no effect: the ONBUILD ${trigger.name} on line ${lineOf(laterTrigger.index)}, which runs after it, replaces it, because only the last one in a stage counts.`,
        { onbuild: index },
      );
      return;
    }
    const { stage } = run;
    let own: number | undefined;
    tree.forEach((node, _start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || node.name !== trigger.name) return;
      own = index;
      return false;
    }, stage.nodeIndex + 1);
    if (own !== undefined) report(`its ${trigger.name} has no effect: this stage's ${trigger.name} on line ${lineOf(own)} replaces it, because only the last one in a stage counts.`);
  },
  fixes(diagnostic, doc) {
    const { onbuild } = (diagnostic.data ?? {}) as { onbuild?: unknown };
    if (typeof onbuild === 'number') return removeTriggerFix(diagnostic, doc, onbuild);
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || !ONCE_PER_STAGE.has(entry.node.name)) return [];
    return [quickFix(`Remove this ${entry.node.name}`, doc, diagnostic, [{ start: entry.start, end: entry.start + entry.node.length, text: '' }])];
  },
};

/**
 * The fix of an `ONBUILD CMD`, `ENTRYPOINT` or `HEALTHCHECK` that a later trigger of its stage replaces
 * (the warning is at the FROM of a stage that runs them): the ONBUILD removed, as the ordinary fix
 * removes the instruction. Offered only then: one that the running stage's own instruction replaces
 * still counts in the other stages and images built FROM its stage.
 */
function removeTriggerFix(diagnostic: Diagnostic, doc: AnalyzedDocument, index: number): CodeAction[] {
  const onbuild = fixedOnbuild(doc, index);
  if (!onbuild || !ONCE_PER_STAGE.has(onbuild.trigger.name)) return [];
  const { node, trigger, start, line } = onbuild;
  return [quickFix(`Remove the ONBUILD ${trigger.name} on line ${line}`, doc, diagnostic, [{ start, end: start + node.length, text: '' }])];
}
