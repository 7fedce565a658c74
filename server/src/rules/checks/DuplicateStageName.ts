// DuplicateStageName: a stage name (compared in lowercase) that an earlier stage already uses;
// the later stage is reported.

import { QuietMemo, quietly } from '../partMemo';
import type { FileRule } from '../types';
import { checkMeta } from './support/meta';

export const DuplicateStageName: FileRule = {
  ...checkMeta('DuplicateStageName'),
  scope: 'file',
  // What it reads of a stage: its name.
  check: quietly(new QuietMemo((_model, stage) => (stage.nameSpan ? stage.nameLower : undefined)), ({ doc, model, report }) => {
    const first = new Map<string, number>();
    for (const stage of model.stages) {
      if (!stage.nameLower || !stage.nameSpan) continue;
      const earlier = first.get(stage.nameLower);
      if (earlier === undefined) {
        first.set(stage.nameLower, stage.nodeIndex);
        continue;
      }
      const line = doc.text.positionAt(doc.tree.start(earlier)).line + 1;
      report({
        nodeIndex: stage.nodeIndex,
        ...stage.nameSpan,
        message: `Stage name '${stage.nameLower}' is already used by the stage on line ${line}; references to it become ambiguous. Give this stage another name.`,
      });
    }
  }),
};
