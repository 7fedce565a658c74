// StageNameCasing: `FROM image AS Name` with uppercase letters in the stage name. BuildKit
// lowercases stage names, so `Build` and `build` are one stage; the fix lowercases the name and
// every reference to it.

import type { InstructionRule } from '../types';
import { quickFix, type OffsetEdit } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, stageNameTokens } from './support/nodes';

export const StageNameCasing: InstructionRule = {
  ...checkMeta('StageNameCasing'),
  scope: 'instruction',
  check(node, report) {
    const tokens = stageNameTokens(node);
    if (!tokens || tokens.name.text === tokens.name.text.toLowerCase()) return;
    const lower = tokens.name.text.toLowerCase();
    report({
      start: tokens.name.start,
      end: tokens.name.end,
      message: `Stage name '${tokens.name.text}' has uppercase letters; stage names are case-insensitive and stored in lowercase, so write '${lower}'.`,
    });
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    const tokens = entry && stageNameTokens(entry.node);
    if (!entry || !tokens || tokens.name.text === tokens.name.text.toLowerCase()) return [];
    const lower = tokens.name.text.toLowerCase();
    const edits: OffsetEdit[] = [{ start: entry.start + tokens.name.start, end: entry.start + tokens.name.end, text: lower }];
    // The references to the stage, for the name to read the same everywhere: a --from or from= that
    // names it (anywhere, in any case), and a later FROM that will once the name is lower case (FROM
    // matches exactly), when this is the nearest earlier stage of the name.
    const model = doc.model;
    const stage = model.stageOfNode(entry.index);
    for (const reference of model.stageReferences) {
      if (reference.text === lower || reference.text.toLowerCase() !== lower) continue;
      const names =
        reference.kind === 'from'
          ? reference.nodeIndex > entry.index && model.earlierStageNamed(model.stageOfNode(reference.nodeIndex), lower) === stage
          : reference.stage !== undefined && reference.stage === stage;
      if (names) edits.push({ start: reference.span.start, end: reference.span.end, text: lower });
    }
    return [quickFix(`Rename the stage to '${lower}'`, doc, diagnostic, edits, true)];
  },
};
