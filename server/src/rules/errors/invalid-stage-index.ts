// `COPY --from=<n>` counts stages from 0; a number past the last stage names none.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { stageGraph } from './stageGraph';

export const invalidStageIndex: FileRule = {
  code: 'invalid-stage-index',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'COPY --from with a stage number past the last stage.',
  url: 'https://docs.docker.com/reference/dockerfile/#copy---from',
  check({ model, report }) {
    const count = model.stages.length;
    for (const edge of stageGraph(model).badIndexes) {
      report({
        start: edge.reference.span.start,
        end: edge.reference.span.end,
        nodeIndex: edge.reference.nodeIndex,
        message: `There is no stage ${edge.reference.text}: stages are numbered from 0, and this file has ${count} (0 to ${count - 1}). Naming the stage (FROM ... AS build, then --from=build) is clearer.`,
      });
    }
  },
};
