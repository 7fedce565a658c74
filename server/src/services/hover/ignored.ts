// What the `.dockerignore` a Dockerfile's build reads does to a COPY or ADD source from the build
// context, added to the source's hover: the line that leaves it out (BuildKit then has no such file
// to copy), or, for the whole context (`COPY . .`), the patterns it goes without. A learner's
// `COPY . .` takes everything else in the folder, and this is where they see what that means.

import type { DocFormat } from '../../facts/render';
import { ignoreFileOf, ignoreMatcherOf } from '../../rules/checks/support/dockerignore';
import { environmentAt, expandWord } from '../../rules/checks/support/expand';
import { contextSources } from '../../rules/checks/support/nodes';
import { remoteSource } from '../../rules/errors/remoteSource';
import { heredocSourceName, type InstructionNode, type NodeEntry } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';

/** How many patterns the note on the whole context names. */
const SHOWN = 5;

/** The note on the context source at `offset`, or undefined when it is none or the ignore file says nothing of it. */
export function ignoreNote(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat, dockerignore: string): string | undefined {
  const rel = offset - entry.start;
  const source = contextSources(entry.node).find((s) => s.start <= rel && rel <= s.end);
  if (!source || heredocSourceName(source.text) !== undefined) return undefined;
  const path = expandWord(source.text, environmentAt(doc.model, entry.index), doc.tree.escape);
  if (path === undefined || path === '' || remoteSource(path) !== undefined) return undefined;
  // The text the diagnostics were computed with: its reading and matcher are kept from that run.
  const file = ignoreFileOf(dockerignore);
  const w = new DocWriter(format);
  const by = ignoreMatcherOf(file.patterns)?.excludedBy(path);
  if (by !== undefined) {
    const line = file.lines[by];
    return `${w.bold(w.prose('Left out by .dockerignore'))}${w.prose(`, line ${line.line + 1}:`)} ${w.code(line.written)}${w.prose(`. It is not sent to the builder, so ${entry.node.name} finds nothing here.`)}`;
  }
  const excluding = file.lines.filter((line) => !line.pattern.startsWith('!'));
  if (!/^(\.\/?|\/)$/.test(path) || excluding.length === 0) return undefined;
  const shown = excluding.slice(0, SHOWN).map((line) => w.code(line.written));
  const more = excluding.length > SHOWN ? w.prose(` and ${excluding.length - SHOWN} more`) : '';
  const back = excluding.length < file.lines.length ? w.prose(', less what its `!` lines bring back') : '';
  return `${w.prose('The whole context, but for what `.dockerignore` leaves out:')} ${shown.join(', ')}${more}${back}${w.prose('.')}`;
}
