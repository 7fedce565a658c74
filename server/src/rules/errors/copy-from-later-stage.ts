// `COPY --from=<stage>` needs that stage built first, so it must be defined earlier in the file.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { stageGraph, stageLabel } from './stageGraph';

export const copyFromLaterStage: FileRule = {
  code: 'copy-from-later-stage',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'COPY --from naming a stage that is defined further down.',
  url: 'https://docs.docker.com/reference/dockerfile/#copy---from',
  check({ model, report }) {
    const { forward, cyclic } = stageGraph(model);
    for (const edge of forward) {
      // Mounts from later stages are not refused by BuildKit; cycles are circular-stage-dependency's.
      if (edge.reference.kind !== 'copy-from' || !edge.to || edge.to.index <= edge.from.index || cyclic.has(edge)) continue;
      report({
        start: edge.reference.span.start,
        end: edge.reference.span.end,
        nodeIndex: edge.reference.nodeIndex,
        message: `Stage ${stageLabel(edge.to)} is defined after this stage (${stageLabel(edge.from)}), so it cannot be copied from yet. Move the stage above this one.`,
      });
    }
  },
};
