// `COPY --from=<n>` counts stages from 0; a number past the last stage names none, and BuildKit
// refuses a negative one (`-1`) as well: it reads the value as a signed integer, never as a name.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FileRule } from '../types';
import { stageGraph } from './stageGraph';

export const invalidStageIndex: FileRule = {
  code: 'invalid-stage-index',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'COPY --from with a stage number that is negative or past the last stage.',
  url: 'https://docs.docker.com/reference/dockerfile/#copy---from',
  check({ model, report }) {
    const count = model.stages.length;
    for (const edge of stageGraph(model).badIndexes) {
      const { text } = edge.reference;
      const negative = text.startsWith('-');
      report({
        start: edge.reference.span.start,
        end: edge.reference.span.end,
        nodeIndex: edge.reference.nodeIndex,
        message: negative
          ? `There is no stage ${text}: stage numbers cannot be negative (they count up from 0), and this file has ${count} (0 to ${count - 1}). Naming the stage (FROM ... AS build, then --from=build) is clearer.`
          : `There is no stage ${text}: stages are numbered from 0, and this file has ${count} (0 to ${count - 1}). Naming the stage (FROM ... AS build, then --from=build) is clearer.`,
      });
    }
  },
};
