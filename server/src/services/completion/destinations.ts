// COPY and ADD destinations: the working directories that the stage's WORKDIRs (and those of the
// stages it is built FROM) set above the line, as absolute paths ending in `/`, the one in effect
// first. A WORKDIR is where the files usually go, and a destination written out in full does not
// change when a WORKDIR above it does.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { Stage } from '../../semantics';
import { environmentAt, expandWord } from '../../rules/checks/support/expand';
import type { ArgumentContext } from './arguments';
import { item, type CompletionRequest } from './items';

interface Workdir {
  readonly path: string;
  readonly line: number;
}

/** `path` with `.`, `..` and repeated slashes resolved, as the builder cleans a WORKDIR. */
function clean(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * The working directories set along the stage's FROM chain before node `before`, and the one in
 * effect there (undefined when a WORKDIR reads a value the file cannot tell, or is relative to a base
 * image's own, unknown, working directory).
 */
function workdirsBefore(request: CompletionRequest, stage: Stage, before: number): { set: Workdir[]; current: string | undefined } {
  const { model, tree, text } = request.doc;
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.base) chain.unshift(s);
  // An image of its own starts where its configuration says; scratch has none, so `/`.
  let current: string | undefined = chain[0].resolvedImage?.toLowerCase() === 'scratch' ? '/' : undefined;
  const set: Workdir[] = [];
  for (const s of chain) {
    const end = s === stage ? before : s.lastNodeIndex + 1;
    for (let index = s.nodeIndex + 1; index < end; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction' || node.name !== 'WORKDIR' || node.argList.length === 0) continue;
      const path = expandWord(node.argList[0].text, environmentAt(model, index), tree.escape);
      current = path === undefined || path === '' ? undefined : path.startsWith('/') ? clean(path) : current === undefined ? undefined : clean(`${current}/${path}`);
      if (current !== undefined) set.push({ path: current, line: text.positionAt(tree.start(index)).line + 1 });
    }
  }
  return { set, current };
}

export function destinationItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  // A destination follows at least one source; a trigger runs in a stage of its own.
  if (context.index < 1 || context.onbuild) return [];
  const { model, tree } = request.doc;
  const stage = model.stageAt(context.instructionStart);
  // Windows paths take drives and backslashes, which this does not spell.
  if (!stage || stage.windows) return [];
  const { set, current } = workdirsBefore(request, stage, tree.nodeIndexAt(context.instructionStart));
  // The one in effect first, then the others from the nearest up; each path once, at its last line.
  const ordered = [...set].reverse().sort((a, b) => Number(b.path === current) - Number(a.path === current));
  const offered = new Set<string>();
  const items: CompletionItem[] = [];
  for (const { path, line } of ordered) {
    if (offered.has(path)) continue;
    offered.add(path);
    const label = path === '/' ? '/' : `${path}/`;
    // Paths are case-sensitive, and one typed past where it leaves every WORKDIR is another path.
    if (!label.startsWith(context.typed)) continue;
    items.push(
      item(request, label, CompletionItemKind.Folder, context.from, label, items.length, {
        detail: path === current ? `the working directory here (WORKDIR, line ${line})` : `WORKDIR, line ${line}`,
      }),
    );
  }
  return items;
}
