// Stages that copy or mount from each other in a circle (or a stage from itself) can never be
// built: each waits for the other.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { stageGraph, stageLabel } from './stageGraph';

export const circularStageDependency: FileRule = {
  code: 'circular-stage-dependency',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'Stages that depend on each other in a circle, or a stage that copies from itself.',
  url: 'https://docs.docker.com/build/building/multi-stage/',
  check({ model, report }) {
    for (const edge of stageGraph(model).cyclic) {
      const self = edge.to === edge.from;
      report({
        start: edge.reference.span.start,
        end: edge.reference.span.end,
        nodeIndex: edge.reference.nodeIndex,
        message: self
          ? `Stage ${stageLabel(edge.from)} cannot ${edge.reference.kind === 'copy-from' ? 'copy' : 'mount'} from itself; name another stage.`
          : `Circular dependency: stage ${stageLabel(edge.from)} needs stage ${stageLabel(edge.to!)}, which needs stage ${stageLabel(edge.from)} in turn (directly or through other stages). One of them has to come first.`,
      });
    }
  },
};
