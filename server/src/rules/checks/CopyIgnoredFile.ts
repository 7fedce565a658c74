// CopyIgnoredFile: a COPY or ADD source from the build context that `.dockerignore` excludes, so
// the file is not sent to the builder. Runs only when the server found a `.dockerignore` beside
// the Dockerfile; skipped, as in BuildKit, when the file has `!` exceptions. COPY --from,
// heredocs, URLs and Git sources do not come from the context and are not checked.

import type { InstructionNode } from '../../syntax';
import type { FileRule } from '../types';
import { createIgnoreMatcher } from './support/dockerignore';
import { environmentAt, expandWord } from './support/expand';
import { checkMeta } from './support/meta';
import { flagNamed } from './support/nodes';

const REMOTE = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|git@)/;

/** The context sources of a COPY/ADD with their spans (relative), raw as written. */
function contextSources(node: InstructionNode): { text: string; start: number; end: number }[] {
  if (node.name === 'COPY' && flagNamed(node, 'from')) return [];
  // A JSON string's span includes its quotes; the path is inside them.
  if (node.json) return node.json.elements.slice(0, -1).map((e) => ({ text: e.value, start: e.start + 1, end: e.end - 1 }));
  return node.argList.slice(0, -1).map((t) => ({ text: t.text, start: t.start, end: t.end }));
}

export const CopyIgnoredFile: FileRule = {
  ...checkMeta('CopyIgnoredFile'),
  scope: 'file',
  check({ tree, model, dockerignore, report }) {
    const matcher = dockerignore && createIgnoreMatcher(dockerignore);
    if (!matcher) return;
    for (const stage of model.stages) {
      for (let index = stage.nodeIndex + 1; index <= stage.lastNodeIndex; index++) {
        const node = tree.node(index);
        if (node.kind !== 'instruction' || (node.name !== 'COPY' && node.name !== 'ADD')) continue;
        const start = tree.start(index);
        for (const source of contextSources(node)) {
          if (source.text.startsWith('<<')) continue;
          const path = expandWord(source.text, environmentAt(model, index), tree.escape);
          if (path === undefined || path === '' || REMOTE.test(path) || !matcher.excludes(path)) continue;
          report({
            nodeIndex: index,
            start: start + source.start,
            end: start + source.end,
            message: `'${path}' is excluded by .dockerignore, so it is not in the build context and ${node.name} cannot use it.`,
          });
        }
      }
    }
  },
};
