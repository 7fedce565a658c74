// What the rules about files a RUN leaves in the image share (DL3009, DL3032, DL3036, DL3040): they
// read only the stages whose layers end up in the image, the last stage and the stages it is built
// FROM one after the other (a stage that is only copied from leaves its files behind; hadolint
// reads every stage), and find what each RUN leaves once per stage part.

import type { DockerfileModel, Stage } from '../../semantics';
import type { Span } from '../../syntax';
import { finalStageAndBases } from '../checks/support/chain';
import { perPart } from '../partMemo';
import type { FileRule } from '../types';
import type { PracticeMeta } from './meta';
import { runCommands, type RunScript } from './shell';

export interface LeftBehind {
  /** The words to report, relative to the RUN. */
  readonly span: Span;
  readonly message: string;
}

/** A finding relative to the stage: node index from its FROM, offsets from the FROM's start. */
interface Finding {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** A file rule reporting, in the stages the image is made of, each RUN for which `find` finds something left behind. */
export function leftInImageRule(meta: PracticeMeta, find: (script: RunScript) => LeftBehind | undefined): FileRule {
  const findingsByPart = new WeakMap<object, readonly Finding[]>();

  const findings = (model: DockerfileModel, stage: Stage): readonly Finding[] =>
    perPart(findingsByPart, model, stage, () => {
      const { tree } = model;
      const found: Finding[] = [];
      tree.forEach((node, start, index) => {
        if (index > stage.lastNodeIndex) return false;
        // ONBUILD triggers run in the images built on this one, not in it.
        if (node.kind !== 'instruction' || node.name !== 'RUN') return;
        const script = runCommands(node, tree.nodeText(index), stage.windows);
        const left = script && find(script);
        if (!left) return;
        const offset = start - stage.fromStart;
        found.push({ node: index - stage.nodeIndex, start: offset + left.span.start, end: offset + left.span.end, message: left.message });
      }, stage.nodeIndex + 1);
      return found;
    });

  return {
    ...meta,
    scope: 'file',
    readsPosixShell: true,
    check({ model, report }) {
      for (const stage of finalStageAndBases(model)) {
        for (const finding of findings(model, stage)) {
          report({ nodeIndex: stage.nodeIndex + finding.node, start: stage.fromStart + finding.start, end: stage.fromStart + finding.end, message: finding.message });
        }
      }
    },
  };
}
