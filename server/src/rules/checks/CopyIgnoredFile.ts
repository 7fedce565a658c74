// CopyIgnoredFile: a COPY or ADD source from the build context that `.dockerignore` excludes, so
// the file is not sent to the builder. Runs only when the server found a `.dockerignore` beside
// the Dockerfile; skipped, as in BuildKit, when the file has `!` exceptions. COPY --from,
// heredocs, and the URLs and Git repositories BuildKit fetches (`remoteSource`) do not come from the
// context and are not checked; whatever else it reads from the context is, however remote it looks
// (`ftp://x`, `git@notes.txt`, `HTTP://x`, `github.com/a/b`). Where the caller gives the ignore file's
// URI, the diagnostic points at the line that excludes the source (relatedInformation).

import { heredocSourceName } from '../../syntax';
import { remoteSource } from '../errors/remoteSource';
import type { StageRule } from '../types';
import { ignoreLineLocation, ignoreMatcherOf } from './support/dockerignore';
import { environmentAt, expandWord } from './support/expand';
import { checkMeta } from './support/meta';
import { contextSources } from './support/nodes';

export const CopyIgnoredFile: StageRule = {
  ...checkMeta('CopyIgnoredFile'),
  scope: 'stage',
  check({ tree, model, stage, dockerignore, dockerignoreLines, dockerignoreUri, report }) {
    // The engine passes the same pattern list for every stage of a run: one matcher serves them all.
    const matcher = dockerignore && ignoreMatcherOf(dockerignore);
    if (!matcher) return;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || (node.name !== 'COPY' && node.name !== 'ADD')) return;
      for (const source of contextSources(node)) {
        // Only a whole argument is a heredoc: `COPY << EOF /x` reads the paths `<<` and `EOF`.
        if (heredocSourceName(source.text) !== undefined) continue;
        const path = expandWord(source.text, environmentAt(model, index), tree.escape);
        if (path === undefined || path === '' || remoteSource(path) !== undefined) continue;
        const by = matcher.excludedBy(path);
        if (by === undefined) continue;
        // The line that excludes it, which the editor links to.
        const line = dockerignoreLines?.[by];
        report({
          nodeIndex: index,
          start: start + source.start,
          end: start + source.end,
          message: `'${path}' is excluded by .dockerignore, so it is not in the build context and ${node.name} cannot use it.`,
          ...(line && dockerignoreUri ? { related: [{ location: ignoreLineLocation(dockerignoreUri, line), message: `'${line.written}' excludes '${path}'` }] } : {}),
        });
      }
    }, stage.nodeIndex + 1);
  },
};
