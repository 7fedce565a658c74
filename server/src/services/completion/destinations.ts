// COPY and ADD destinations: the working directories that the stage's WORKDIRs (and those of the
// stages it is built FROM) set above the line, as absolute paths ending in `/`, the one in effect
// first. A WORKDIR is where the files usually go, and a destination written out in full does not
// change when a WORKDIR above it does.

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { workdirsBefore } from '../workdir';
import type { ArgumentContext } from './arguments';
import { item, type CompletionRequest } from './items';

export function destinationItems(request: CompletionRequest, context: ArgumentContext): CompletionItem[] {
  // A destination follows at least one source; a trigger runs in a stage of its own.
  if (context.index < 1 || context.onbuild) return [];
  const { model, tree } = request.doc;
  const stage = model.stageAt(context.instructionStart);
  // Windows paths take drives and backslashes, which this does not spell.
  if (!stage || stage.windows) return [];
  // The destination is the last argument: a word with another after it is a source.
  const entry = tree.instructionAt(context.instructionStart);
  if (entry?.node.argList.some((arg) => entry.start + arg.start > request.offset)) return [];
  const { set, current } = workdirsBefore(request.doc, stage, tree.nodeIndexAt(context.instructionStart));
  // The one in effect first, then the others from the nearest up; each path once, at its last line.
  const ordered = [...set].reverse().sort((a, b) => Number(b.path === current) - Number(a.path === current));
  // In a JSON array the path is a string: inside the one opened, or a string of its own.
  const quoted = context.json && /["']/.test(tree.slice(context.from - 1, context.from));
  const offered = new Set<string>();
  const items: CompletionItem[] = [];
  for (const { path, line } of ordered) {
    if (offered.has(path)) continue;
    offered.add(path);
    const label = path === '/' ? '/' : `${path}/`;
    // Paths are case-sensitive, and one typed past where it leaves every WORKDIR is another path.
    if (!label.startsWith(context.typed)) continue;
    // BuildKit expands the destination (`$`, quotes and the escape character are read, in a JSON string
    // too) and splits the shell form at white space, which no quoting keeps: a path that reads
    // otherwise as written is left out.
    if (/[$"']/.test(label) || label.includes(tree.escape) || (!context.json && /\s/.test(label))) continue;
    const newText = !context.json ? label : quoted ? JSON.stringify(label).slice(1, -1) : JSON.stringify(label);
    items.push(
      item(request, label, CompletionItemKind.Folder, context.from, newText, items.length, {
        detail: path === current ? `the working directory here (WORKDIR, line ${line})` : `WORKDIR, line ${line}`,
      }),
    );
  }
  return items;
}
