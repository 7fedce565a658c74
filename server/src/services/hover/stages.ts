// Hovers on stage names (`FROM x AS name`, `COPY --from=name`, `--mount=from=name`, `FROM name`)
// and on image references, spelled out part by part with Docker's defaults.

import { getCommonImage, SCRATCH, type ImageFact } from '../../facts';
import { lex, type Environment } from '../../syntax';
import { parseImageReference, stageIndex, type ImageReference, type Stage, type StageReference } from '../../semantics';
import { imageOrigin, type DocFormat } from '../../facts/render';
import type { AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';
import { stageGraph } from '../../rules/errors/stageGraph';
import { commentDescription, descriptionLine } from './variables';

/** The FROM instruction of a stage, without its final line break. */
function fromText(doc: AnalyzedDocument, stage: Stage): string {
  return doc.tree.nodeText(stage.nodeIndex).replace(/(\r?\n|\r)$/, '');
}

const REFERENCE_NOTE: Readonly<Record<StageReference['kind'], string>> = {
  from: 'This stage starts from the result of that stage.',
  'copy-from': "Sources are read from that stage's filesystem, starting at its root.",
  'mount-from': "The mount shows that stage's filesystem.",
};

/** English ordinal of a positive number: 1st, 2nd, 3rd, 4th, 11th, 22nd. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * Where a stage stands among the file's stages, next to its index: BuildKit counts stages from 0
 * (`--from=0`), so "stage 1 of 2" would read as one of two different things.
 */
function stagePosition(index: number, count: number): string {
  if (count === 1) return 'the only stage';
  if (index === 0) return `the first of ${count}`;
  if (index === count - 1) return `the last of ${count}`;
  return `the ${ordinal(index + 1)} of ${count}`;
}

export function stageHover(doc: AnalyzedDocument, stage: Stage, format: DocFormat, reference?: StageReference): string {
  const w = new DocWriter(format);
  const count = doc.model.stages.length;
  const line = doc.text.positionAt(stage.fromStart).line + 1;
  const title = stage.name !== undefined ? `${w.prose('Stage')} ${w.code(stage.name)}` : w.prose(`Stage ${stage.index}`);
  return w.join(
    `${w.bold(title)} ${w.prose(`(stage ${stage.index}: ${stagePosition(stage.index, count)}, line ${line})`)}`,
    // BuildKit matches the name in lower case, as it stores it.
    stage.nameLower !== undefined && descriptionLine(w, commentDescription(doc, stage.nodeIndex, stage.nameLower)),
    w.block(fromText(doc, stage)),
    reference && w.prose(referenceNote(doc, stage, reference)),
    // `FROM variant-${V}`, the usual way to pick a stage by argument: the ARG's default decides only by default.
    // Only a declared (global) ARG takes a --build-arg: `${V:-a}` with no `ARG V` always names the same.
    reference?.kind === 'from' &&
      reference.text.includes('$') &&
      doc.model.usesInNode(reference.nodeIndex).some((u) => u.declaration !== undefined && u.span.start >= reference.span.start && u.span.end <= reference.span.end) &&
      `${w.code(reference.text)} ${w.prose('names this stage with the defaults of its build arguments; a `--build-arg` with another value names another stage, or an image.')}`,
  );
}

/**
 * What a reference to `stage` does. BuildKit refuses stages that need each other (a stage naming
 * itself included), then builds the stages in file order, so a `--from`/`from=` naming a stage
 * further down fails too; the notes follow the errors circular-stage-dependency and
 * stage-defined-later.
 */
function referenceNote(doc: AnalyzedDocument, stage: Stage, reference: StageReference): string {
  const referrer = reference.kind === 'from' ? undefined : doc.model.stageOfNode(reference.nodeIndex);
  if (referrer === undefined) return REFERENCE_NOTE[reference.kind];
  const verb = reference.kind === 'copy-from' ? 'copy' : 'mount';
  if ([...stageGraph(doc.model).cyclic].some((edge) => edge.reference.span.start === reference.span.start)) {
    return stage === referrer
      ? `This is the stage the instruction is in: a stage cannot ${verb} from itself, so BuildKit stops with a circular dependency.`
      : 'That stage needs this one (directly or through other stages), so each waits for the other: BuildKit stops with a circular dependency.';
  }
  if (stage.index <= referrer.index) return REFERENCE_NOTE[reference.kind];
  const rule = verb === 'copy' ? '`COPY --from` can only read a stage defined above the one it is in' : '`--mount from=` can only mount a stage defined above its `RUN`';
  // As stage-defined-later advises: moved up, the stage no longer has that number, and a name both share means the stage that moved.
  const fix = reference.byIndex
    ? 'Move that stage up and copy from it by a name of its own: a number would name another stage once the stages move.'
    : stage.nameLower === referrer.nameLower
      ? `This stage and the one the instruction is in are both named "${stage.nameLower}", and the name means the last of them: give them different names.`
      : 'Move that stage up.';
  return `This stage is defined further down, and BuildKit builds stages in file order: ${rule}, so the build fails here. ${fix}`;
}

/** A reference that names no stage: an image (or a named context) to BuildKit, or a stage number out of range. */
export function unresolvedReferenceHover(doc: AnalyzedDocument, reference: StageReference, format: DocFormat): string | undefined {
  // A `--from=` still being typed names nothing yet: the flag's own hover says what it takes.
  if (reference.text === '') return undefined;
  const w = new DocWriter(format);
  if (reference.byIndex) {
    if (stageIndex(reference.text)! < 0) return w.prose(`Stage numbers cannot be negative, so ${reference.text} names no stage; stages are counted from 0 in the order of their \`FROM\` lines.`);
    return w.prose(`This file has no stage ${reference.text}; stages are counted from 0 in the order of their \`FROM\` lines.`);
  }
  const image = imageHover(doc, reference.text, reference.nodeIndex, format);
  if (image === undefined) return image;
  if (reference.kind === 'from') {
    const later = laterStageOfName(doc, reference.nodeIndex);
    if (later === undefined) return image;
    const line = doc.text.positionAt(later.fromStart).line + 1;
    const where = later.nodeIndex === reference.nodeIndex ? 'this stage itself' : `a stage further down (line ${line})`;
    return w.join(w.prose(`This is the name of ${where}, but \`FROM\` can only build on a stage above it, so BuildKit reads the name as an image.`), image);
  }
  return w.join(w.prose('No stage of this file has this name, so BuildKit reads it as an image (or a named build context).'), image);
}

/** The first stage from this FROM on whose name is the FROM's image: BuildKit ignores it there. */
function laterStageOfName(doc: AnalyzedDocument, nodeIndex: number): Stage | undefined {
  const stage = doc.model.stageOfNode(nodeIndex);
  const image = stage?.resolvedImage;
  if (stage === undefined || image === undefined) return undefined;
  return doc.model.stages.find((s) => s.index >= stage.index && s.nameLower === image);
}

/** The image word expanded with the values known for its variables, or undefined when one is unknown. */
function expandImage(doc: AnalyzedDocument, text: string, nodeIndex: number): string | undefined {
  // A variable nothing declares is known to be unset; a declared one without a value is unknown.
  const values = new Map<string, { readonly value?: string; readonly known: boolean }>();
  for (const use of doc.model.usesInNode(nodeIndex)) {
    values.set(use.name, { value: use.value, known: use.value !== undefined || (!use.declaration && !use.predefined) });
  }
  let unknown = false;
  const env: Environment = (name) => {
    const binding = values.get(name);
    if (binding && !binding.known) unknown = true;
    return binding?.value;
  };
  const result = lex(text, env, { escape: doc.tree.escape, splitWords: false });
  return result.error || unknown ? undefined : result.value;
}

/**
 * Where a `library/` name lives. Any one-word name is put there, typos and local tags included, so
 * this names the namespace of the Docker Official Images without calling the image one of them.
 */
function libraryNote(ref: ImageReference): string {
  const namespace = "Docker Hub's `library/` namespace, where the Docker Official Images are published";
  return ref.path.includes('/') ? ` (${namespace})` : ` (a name without a namespace is looked up in ${namespace})`;
}

/** The common base image (facts/images.ts) a reference names, whatever its tag. */
function commonImageOf(ref: ImageReference): ImageFact | undefined {
  if (ref.registry === 'docker.io') return ref.inLibrary ? getCommonImage(ref.repository.slice('library/'.length)) : undefined;
  return getCommonImage(`${ref.registry}/${ref.repository}`);
}

export function imageHover(doc: AnalyzedDocument, text: string, nodeIndex: number, format: DocFormat): string | undefined {
  const w = new DocWriter(format);
  const written = text;
  let expanded = text;
  if (text.includes('$')) {
    const value = expandImage(doc, text, nodeIndex);
    if (value === undefined) {
      return w.join(`${w.bold(w.prose('Image'))} ${w.code(written)}`, w.prose('Depends on build arguments without a known value, so the image is known only when the build runs.'));
    }
    expanded = value;
  }
  if (expanded === 'scratch') {
    return w.join(
      `${w.bold(w.code('scratch'))} ${w.prose('(empty image)')}`,
      // The facts' words, which completion shows too: a stage may copy a shell or a binary in and run it.
      w.prose(SCRATCH.doc),
    );
  }
  const parsed = parseImageReference(expanded);
  const heading = `${w.bold(w.prose('Image'))} ${w.code(written)}`;
  if (!parsed.ok) {
    return w.join(heading, expanded !== written && `${w.prose('With the values known here:')} ${w.code(expanded)}`, `${w.prose('Not a valid image reference:')} ${w.text(parsed.error)}`);
  }
  const ref = parsed.reference;
  const hub = ref.registry === 'docker.io';
  const items = [
    `${w.prose('Registry:')} ${w.code(ref.registry)}${hub ? w.prose(ref.domain === undefined ? ' (Docker Hub, used when no registry is written)' : ' (Docker Hub)') : ''}`,
    `${w.prose('Repository:')} ${w.code(ref.repository)}${ref.inLibrary ? w.prose(libraryNote(ref)) : ''}`,
    ref.tag !== undefined
      ? `${w.prose('Tag:')} ${w.code(ref.tag)}`
      : ref.implicitLatest
        ? `${w.prose('Tag:')} ${w.code('latest')} ${w.prose('(implied: no tag or digest is written)')}`
        : undefined,
    ref.digest !== undefined ? `${w.prose('Digest:')} ${w.code(ref.digest)}` : undefined,
  ].filter((item): item is string => item !== undefined);
  const known = commonImageOf(ref);
  const origin = known && imageOrigin(known);
  const about = origin && `${origin[0].toUpperCase()}${origin.slice(1)}.`;
  return w.join(
    heading,
    expanded !== written && `${w.prose('With the values known here:')} ${w.code(expanded)}`,
    w.list(items),
    known && w.prose(`${about} ${known.doc}`),
    (ref.implicitLatest || (ref.tag === 'latest' && ref.digest === undefined)) &&
      w.prose('`latest` is whatever was pushed last. Pin a tag (or a digest) so a rebuild gets the same base image.'),
    ref.digest !== undefined && ref.tag !== undefined && w.prose('The digest pins the exact image; the tag is only informative.'),
  );
}
