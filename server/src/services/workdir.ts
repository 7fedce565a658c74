// The working directory along a stage's FROM chain: what each WORKDIR sets, expanded and cleaned as the
// builder reads it, for the COPY and ADD destinations completion offers and hover resolves.

import type { Stage } from '../semantics';
import { environmentAt, expandWord } from '../rules/checks/support/expand';
import type { AnalyzedDocument } from './document';

export interface Workdir {
  readonly path: string;
  readonly line: number;
}

/** `path` with `.`, `..` and repeated slashes resolved, as the builder cleans a WORKDIR. */
export function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/**
 * The argument of node `index` at `span` (document offsets) expanded as the builder reads it in `stage`;
 * undefined when that fails or reads a value the file cannot tell, such as a name no ARG or ENV
 * declares in a stage built FROM an image, whose configuration may set it (`$NODE_VERSION` in node's).
 */
export function expandArgument(doc: AnalyzedDocument, stage: Stage, index: number, span: { start: number; end: number }, text: string): string | undefined {
  let root = stage;
  while (root.base) root = root.base;
  if (root.resolvedImage?.toLowerCase() !== 'scratch') {
    const fromImage = doc.model.usesInNode(index).some((use) => use.expandedByBuilder && !use.declaration && use.span.start >= span.start && use.span.end <= span.end);
    if (fromImage) return undefined;
  }
  return expandWord(text, environmentAt(doc.model, index), doc.tree.escape);
}

/**
 * The working directories set along the stage's FROM chain before node `before`, and the one in
 * effect there (undefined when a WORKDIR reads a value the file cannot tell, or is relative to a base
 * image's own, unknown, working directory).
 */
export function workdirsBefore(doc: AnalyzedDocument, stage: Stage, before: number): { set: Workdir[]; current: string | undefined } {
  const { tree, text } = doc;
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.base) chain.unshift(s);
  // An image of its own starts where its configuration says; scratch has none, so `/`.
  let current: string | undefined = chain[0].resolvedImage?.toLowerCase() === 'scratch' ? '/' : undefined;
  const set: Workdir[] = [];
  for (const s of chain) {
    // An `ONBUILD WORKDIR` of the base runs first in a stage built FROM it: its path is not followed here.
    if (s.base && hasWorkdirTrigger(doc, s.base)) current = undefined;
    const end = s === stage ? before : s.lastNodeIndex + 1;
    for (let index = s.nodeIndex + 1; index < end; index++) {
      const node = tree.node(index);
      if (node.kind !== 'instruction' || node.name !== 'WORKDIR' || node.argList.length === 0) continue;
      const arg = node.argList[0];
      const path = expandArgument(doc, s, index, { start: tree.start(index) + arg.start, end: tree.start(index) + arg.end }, arg.text);
      current = path === undefined || path === '' ? undefined : path.startsWith('/') ? cleanPath(path) : current === undefined ? undefined : cleanPath(`${current}/${path}`);
      if (current !== undefined) set.push({ path: current, line: text.positionAt(tree.start(index)).line + 1 });
    }
  }
  return { set, current };
}

/** Whether the stage has an `ONBUILD WORKDIR`, which the stages built FROM it run first. */
function hasWorkdirTrigger(doc: AnalyzedDocument, stage: Stage): boolean {
  for (let index = stage.nodeIndex + 1; index <= stage.lastNodeIndex; index++) {
    const node = doc.tree.node(index);
    if (node.kind === 'instruction' && node.name === 'ONBUILD' && node.trigger?.name === 'WORKDIR') return true;
  }
  return false;
}
