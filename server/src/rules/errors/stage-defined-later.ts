// BuildKit builds the stages in the order of their FROM lines, and a COPY --from or a --mount
// from= reads a stage that has already been built. So naming a stage further down fails, even
// though the name resolves to that stage (the last of its name, or its number). A stage naming
// itself, or stages naming each other in a circle, fail earlier as a cycle:
// circular-stage-dependency reports those, so this rule leaves every edge on a cycle alone.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { stageIndex, type Stage } from '../../semantics';
import type { FileRule } from '../types';
import { stageGraph, stageLabel } from './stageGraph';

const MOUNT_URL = 'https://docs.docker.com/reference/dockerfile/#run---mount';

export const stageDefinedLater: FileRule = {
  code: 'stage-defined-later',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit finds the stage not built yet when it converts this one (dispatch): a plain build fails only if it reaches this stage.
  raisedWhen: 'dispatch',
  description: 'COPY --from or RUN --mount from= naming a stage that is defined further down the file.',
  url: 'https://docs.docker.com/reference/dockerfile/#copy---from',
  check({ doc, model, report }) {
    const { forward, cyclic } = stageGraph(model);
    // Two stages of one name (DuplicateStageName): their lines tell them apart.
    const lineOf = (stage: Stage) => ` (line ${doc.text.positionAt(stage.fromStart).line + 1})`;
    for (const edge of forward) {
      if (!edge.to || edge.to.index <= edge.from.index || cyclic.has(edge)) continue;
      const { kind, span, nodeIndex } = edge.reference;
      // Names match regardless of case (`AS Build` and `--from=build`).
      const same = edge.to.nameLower !== undefined && edge.to.nameLower === edge.from.nameLower;
      const later = stageLabel(edge.to) + (same ? lineOf(edge.to) : '');
      const current = stageLabel(edge.from) + (same ? lineOf(edge.from) : '');
      // A number names whatever stage has it: once the later stage moves up, this one may (a copy from itself).
      const byNumber = kind === 'copy-from' && stageIndex(edge.reference.text) !== undefined;
      const move = byNumber
        ? `Move stage ${later} above stage ${current} and ${edge.to.name !== undefined && !same ? `copy --from=${edge.to.name}` : `give it ${same ? 'another' : 'a'} name to copy from (AS name, then --from=name)`}: a number would name another stage once the stages move.`
        : same
          ? // Moving the later stage up would make the name mean the last of the two, this very stage.
            `Both stages are named "${edge.to.nameLower}" and the name means the last of them, so moving that stage up would make this ${kind === 'copy-from' ? 'COPY copy' : 'RUN mount'} from its own stage: give the two stages different names.`
          : `Move stage ${later} above stage ${current}.`;
      report({
        start: span.start,
        end: span.end,
        nodeIndex,
        url: kind === 'copy-from' ? undefined : MOUNT_URL,
        message:
          kind === 'copy-from'
            ? `Stage ${later} is defined after stage ${current}, so it is not built yet when this COPY runs (BuildKit builds stages in file order). ${move}`
            : `Stage ${later} is defined after stage ${current}, so it cannot be mounted here: a stage has to be defined before the RUN that mounts it. ${move}`,
      });
    }
  },
};
