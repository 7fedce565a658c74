// Hovers on paths in the image: the destination of a COPY or ADD (where the files land), the path of
// a WORKDIR (the working directory from there on) and a relative RUN --mount target (where the mount
// is). A relative one starts from the working directory the WORKDIRs above (along the FROM chain)
// decide, and a trailing `/` makes a destination a directory: the two things a learner most often
// gets wrong about them.

import { canonicalMountKey, getInstruction, getMountType, type MountType } from '../../facts';
import type { DocFormat } from '../../facts/render';
import { mountTypeText, type InstructionNode, type NodeEntry } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';
import { cleanPath, expandArgument, workdirsBefore, type Workdir } from '../workdir';
import type { SpanHover } from './flags';

/**
 * Whether BuildKit copies into the destination as a directory by its spelling: it ends with `/` or
 * `/.`, or is `.` (dispatchCopy keeps those endings, and makes the directory).
 */
function isDirectory(path: string): boolean {
  return path.endsWith('/') || path.endsWith('/.') || path === '.' || path === '';
}

/**
 * Why a destination that does not end with `/` still names a directory that is there when the files
 * are copied (so a source file goes into it, not to that path), or undefined when the file cannot tell:
 * the root, a directory a `WORKDIR` above makes (with its parents), or one that ends with `..`.
 */
function existingDirectory(written: string, resolved: string | undefined, set: readonly Workdir[]): string | undefined {
  if (resolved === '/') return "the image's root";
  if (resolved !== undefined) {
    // The WORKDIR of that very path, else the nearest one below it (which makes its parents).
    const made = [...set].reverse();
    const by = made.find((w) => w.path === resolved) ?? made.find((w) => w.path.startsWith(`${resolved}/`));
    if (by) return `\`WORKDIR\` on line ${by.line} makes it`;
  }
  return written === '..' || written.endsWith('/..') ? 'it ends with `..`' : undefined;
}

/** What a relative path starts from when no `WORKDIR` above decides it. */
const UNKNOWN_WORKDIR = "the working directory, which no `WORKDIR` above sets for certain: the base image's own (`/` when the image sets none)";

/** The working directory `current` and where it comes from (the last WORKDIR of `set`, or the image's root); file text in a code span. */
function workdirSource(w: DocWriter, current: string, set: readonly Workdir[]): string {
  const line = set[set.length - 1]?.line;
  return `${w.code(current)} ${line === undefined ? w.prose("(the image's root, as no WORKDIR above sets one)") : w.prose(`here (WORKDIR on line ${line})`)}`;
}

/** The hover on the destination of the COPY or ADD at `entry`, when `offset` is on it; its span is relative to the node. */
export function destinationHover(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat): SpanHover | undefined {
  const node = entry.node;
  if ((node.name !== 'COPY' && node.name !== 'ADD') || node.argList.length < 2) return undefined;
  const token = node.argList[node.argList.length - 1];
  const rel = offset - entry.start;
  if (rel < token.start || rel > token.end || node.heredocs.some((h) => h.marker.start <= rel && rel <= h.marker.end)) return undefined;
  const { model } = doc;
  const stage = model.stageOfNode(entry.index);
  // Windows paths take drives and backslashes, which this does not resolve.
  if (!stage || stage.windows) return undefined;
  const written = expandArgument(doc, stage, entry.index, { start: entry.start + token.start, end: entry.start + token.end }, token.text);
  if (written === undefined) return undefined;
  const w = new DocWriter(format);
  const heading = `${w.bold(w.prose(`${node.name} destination`))} ${w.code(token.text)}`;
  const { set, current } = workdirsBefore(doc, stage, entry.index);
  const resolved = written.startsWith('/') ? cleanPath(written) : current === undefined ? undefined : cleanPath(`${current}/${written}`);
  // With --link (and no --chmod) BuildKit copies onto an empty layer that it merges: nothing there but the root.
  const linked = node.flags.some((f) => f.name.text === 'link' && f.value?.text.toLowerCase() !== 'false') && !node.flags.some((f) => f.name.text === 'chmod');
  const existing = isDirectory(written) ? undefined : linked ? (resolved === '/' ? "the image's root" : undefined) : existingDirectory(written, resolved, set);
  const directory = isDirectory(written) || existing !== undefined;
  const shape = isDirectory(written)
    ? w.prose('It is a directory (it ends with `/` or `/.`, or is `.`): the sources are copied into it, and it is created if it is missing.')
    : existing !== undefined
      ? w.prose(`It names a directory that is there already (${existing}): the sources are copied into it.`)
      : w.prose(
          `It does not end with \`/\`: a single source file is copied to exactly this path, ${linked ? 'even where a directory of this name is in the image (`--link` copies onto an empty layer)' : 'unless a directory of this name is there already (then into it)'}, and a source directory's contents go into a directory of this name` +
            // BuildKit unpacks a local tar archive into the destination as into a directory.
            (node.name === 'ADD' ? ', as does a local tar archive that ADD extracts' : '') +
            '. End it with `/` to copy into a directory.',
        );
  let where: string;
  if (written.startsWith('/')) {
    where = `${w.prose('In the image:')} ${w.code(resolved! + (directory && resolved !== '/' ? '/' : ''))}${w.prose('.')}`;
  } else {
    if (current === undefined) {
      where = w.prose(`It is relative, so it starts from ${UNKNOWN_WORKDIR}. Set one with \`WORKDIR /app\` above, or write an absolute path.`);
    } else {
      where = [
        `${w.prose('In the image:')} ${w.code(resolved! + (directory && resolved !== '/' ? '/' : ''))}${w.prose('. It is relative, so it starts from the working directory,')}`,
        `${workdirSource(w, current, set)}${w.prose('.')}`,
      ].join(' ');
    }
  }
  const fact = getInstruction(node.name);
  return { span: token, text: w.join(heading, where, shape, fact && w.link(fact.referenceUrl)) };
}

/** The hover on the path of the WORKDIR at `entry`, when `offset` is on it: the working directory from there on. */
export function workdirHover(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat): SpanHover | undefined {
  const node = entry.node;
  if (node.name !== 'WORKDIR' || node.argList.length === 0) return undefined;
  const token = node.argList[0];
  const rel = offset - entry.start;
  if (rel < token.start || rel > token.end) return undefined;
  const stage = doc.model.stageOfNode(entry.index);
  if (!stage || stage.windows) return undefined;
  const after = workdirsBefore(doc, stage, entry.index + 1);
  // Relative to an image's own working directory, or a value only the build can tell: nothing to add.
  if (after.current === undefined) return undefined;
  const w = new DocWriter(format);
  const heading = `${w.bold(w.prose('WORKDIR'))} ${w.code(token.text)}`;
  const written = expandArgument(doc, stage, entry.index, { start: entry.start + token.start, end: entry.start + token.end }, token.text);
  const relative = written !== undefined && !written.startsWith('/');
  const before = relative ? workdirsBefore(doc, stage, entry.index) : undefined;
  return {
    span: token,
    text: w.join(
      heading,
      `${w.prose('The working directory from here on:')} ${w.code(after.current)}${w.prose('. RUN, CMD and ENTRYPOINT start there, and relative COPY and ADD destinations are under it; it is created if it is missing.')}`,
      before?.current !== undefined && `${w.prose('It is relative, so it starts from the working directory before it,')} ${w.code(before.current)}${w.prose('.')}`,
    ),
  };
}

/** The mount types whose relative target BuildKit joins to the working directory (dispatchRunMounts; secret and ssh mounts go their own way). */
const WORKDIR_RELATIVE_TYPES: ReadonlySet<MountType> = new Set<MountType>(['bind', 'cache', 'tmpfs']);

/**
 * What to add to the hover on the value of a RUN `--mount` target when it is relative: where the mount
 * is (BuildKit joins it to the working directory), or that it lands on `/`, which BuildKit refuses.
 */
export function mountTargetNote(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat): string | undefined {
  const node = entry.node;
  if (node.name !== 'RUN') return undefined;
  const rel = offset - entry.start;
  const flag = node.flags.find((f) => f.name.text === 'mount' && f.value && f.value.start <= rel && rel <= f.value.end);
  const option = flag?.mountOptions?.find((o) => o.value && o.value.start <= rel && rel <= o.value.end);
  // The target in any of its spellings (`dst`, `destination`), as the facts know them.
  if (!flag || !option?.value || canonicalMountKey(option.key.text) !== 'target') return undefined;
  const type = getMountType(mountTypeText(flag))?.type ?? 'bind';
  const stage = doc.model.stageOfNode(entry.index);
  if (!WORKDIR_RELATIVE_TYPES.has(type) || !stage || stage.windows) return undefined;
  const written = expandArgument(doc, stage, entry.index, { start: entry.start + option.value.start, end: entry.start + option.value.end }, option.value.text);
  if (written === undefined || written === '' || written.startsWith('/')) return undefined;
  const w = new DocWriter(format);
  const { set, current } = workdirsBefore(doc, stage, entry.index);
  if (current === undefined) return w.prose(`This target is relative, so it starts from ${UNKNOWN_WORKDIR}.`);
  const resolved = cleanPath(`${current}/${written}`);
  const start = `${w.prose('This target is relative, so it starts from the working directory,')} ${workdirSource(w, current, set)}${w.prose(':')}`;
  return resolved === '/'
    ? `${start} ${w.prose('it lands on')} ${w.code('/')}${w.prose(', which BuildKit refuses as a mount target.')}`
    : `${start} ${w.prose('the mount is at')} ${w.code(resolved)}${w.prose('.')}`;
}
