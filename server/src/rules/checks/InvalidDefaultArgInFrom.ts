// InvalidDefaultArgInFrom: with only the default values of the global ARGs (no --build-arg),
// a FROM image expands to nothing or to something that is not an image reference (`FROM
// alpine:${VERSION}` where VERSION has no default gives `alpine:`). Like BuildKit, the check
// stops at the first FROM whose expression cannot be expanded at all.

import { parseImageReference } from '../../semantics';
import { lex } from '../../syntax';
import { QuietMemo, quietly } from '../partMemo';
import type { FileRule } from '../types';
import { globalArgs } from './support/globalArgs';
import { checkMeta } from './support/meta';

export const InvalidDefaultArgInFrom: FileRule = {
  ...checkMeta('InvalidDefaultArgInFrom'),
  scope: 'file',
  // What it reads of a stage besides the global ARGs: its image.
  check: quietly(new QuietMemo((_model, stage) => (stage.imageSpan ? stage.image : '\n')), ({ model, report }) => {
    const args = globalArgs(model);
    if (!args.ok) return;
    // Many stages share an image expression: each is expanded and judged once.
    const judged = new Map<string, { error: boolean; value: string; ok: boolean }>();
    for (const stage of model.stages) {
      if (stage.image === undefined || !stage.imageSpan) continue;
      let result = judged.get(stage.image);
      if (!result) {
        const lexed = lex(stage.image, args.environment, { escape: model.tree.escape, splitWords: false });
        result = { error: lexed.error !== undefined, value: lexed.value, ok: !lexed.error && parseImageReference(lexed.value).ok };
        judged.set(stage.image, result);
      }
      if (result.error) return;
      if (result.ok) continue;
      // BuildKit reports an image without variables under this rule too; no ARG can change it.
      const usesArgs = result.value !== stage.image;
      const shown = result.value === '' ? 'an empty name' : `'${result.value}', which is not a valid image reference`;
      report({
        nodeIndex: stage.nodeIndex,
        ...stage.imageSpan,
        message: usesArgs
          ? `With the default values of its ARGs, '${stage.image}' expands to ${shown}; give the ARG a default that works, or the build fails unless --build-arg sets it.`
          : `'${stage.image}' is not a valid image reference, and it uses no ARG, so no build argument can make it one: write [registry/]name[:tag] in lower case.`,
      });
    }
  }),
};
