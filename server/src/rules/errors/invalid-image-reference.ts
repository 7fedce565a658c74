// The image of each FROM, with the global ARGs at their defaults (what a build without
// --build-arg uses), must be a valid image reference and not empty. BuildKit stops with "base
// name (...) should not be blank" or "invalid reference format". Names of earlier stages and
// `scratch` are not images; values that depend on the build machine are not judged.
//
// So must a `COPY --from` or `--mount=from=` that names no stage (and is no stage number): BuildKit
// makes it a stage of its own built from that image, or from a named build context of that name,
// and parses the name as an image reference first, so even a build context needs a name that is
// one. The stage graph finds these; BuildKit never expands variables there, so none are judged.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseImageReference, stagesNeeding, type Stage } from '../../semantics';
import { QuietMemo, quietly } from '../partMemo';
import { suggest } from '../suggest';
import type { FileContext, FileRule } from '../types';
import { fixesFromData, instructionUrl, withFixes } from './common';
import { expandWithGlobalArgs } from './globalArgs';
import { stageGraph } from './stageGraph';

export const invalidImageReference: FileRule = {
  code: 'invalid-image-reference',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description:
    'A FROM image that is empty or not a valid image reference once global ARG defaults are substituted, or a COPY --from or --mount from= naming no stage that is not a valid image reference.',
  url: instructionUrl('FROM'),
  check(context) {
    checkFromImages(context);
    checkReferences(context);
  },
  fixes: fixesFromData,
};

// What it reads of a stage besides the global ARGs: its image, and its name (a later FROM may name it).
const checkFromImages = quietly(
  new QuietMemo((_model, stage) => `${stage.nameLower ?? ''}\n${stage.imageSpan ? stage.image : '\n'}`),
  ({ model, tree, report }) => {
    // Many stages share an image expression: each is expanded and parsed once.
    const expansions = new Map<string, string | undefined>();
    const parsedImages = new Map<string, ReturnType<typeof parseImageReference>>();
    for (const stage of model.stages) {
      if (stage.image === undefined || !stage.imageSpan || stage.base) continue;
      const raw = stage.image;
      if (!expansions.has(raw)) expansions.set(raw, expandWithGlobalArgs(model, raw, tree.escape));
      const image = expansions.get(raw);
      if (image === undefined) continue;
      const at = { start: stage.imageSpan.start, end: stage.imageSpan.end, nodeIndex: stage.nodeIndex };
      if (image === '') {
        const names = [...new Set(stage.from.variables.filter((v) => v.start >= stage.imageSpan!.start - stage.fromStart && v.end <= stage.imageSpan!.end - stage.fromStart).map((v) => v.name))];
        // No variable: only quotes around nothing (FROM "") empty the image, whatever the build arguments.
        // A --build-arg sets only declared ARGs: with none declared, no build gets an image.
        const declared = names.some((name) => model.globalArgNamed(name));
        const message =
          names.length === 0
            ? `The image ${raw} is empty: the quotes hold no name. Name an image, such as alpine:3.20, or scratch for an empty one.`
            : declared
              ? `The image ${raw} is empty when the build is given no --build-arg. Give the global ARG a default (ARG ${names[0]}=<image>), or pass --build-arg ${names[0]}=<image> to every build.`
              : `The image ${raw} is always empty: no ARG before the first FROM declares ${names[0]}, and a --build-arg sets only declared ARGs. Declare it with a default: ARG ${names[0]}=<image>.`;
        report({ ...at, message });
        continue;
      }
      // An earlier stage named by a variable, and the empty image.
      if (image === 'scratch' || model.earlierStageNamed(stage, image)) continue;
      let parsed = parsedImages.get(image);
      if (!parsed) parsedImages.set(image, (parsed = parseImageReference(image)));
      if (parsed.ok) continue;
      const stageMatch = model.earlierStageNamed(stage, image.toLowerCase());
      if (stageMatch && !raw.includes('$')) {
        report({
          ...at,
          message: `FROM ${raw} does not name the stage "${stageMatch.name}": stage names are matched in lower case, so this is read as an image, and image names must be lower case. Write FROM ${stageMatch.nameLower}.`,
          data: withFixes({ title: `Change to ${stageMatch.nameLower}`, newText: stageMatch.nameLower!, preferred: true }),
        });
        continue;
      }
      const why = parsed.error.replace(/^invalid reference format(: )?/, '');
      // Said only here: the stages with a valid image (nearly all) make no message.
      const expanded = raw.includes('$') ? ` With the global ARG defaults, ${raw} becomes "${image}".` : '';
      report({ ...at, message: `"${image}" is not a valid image reference${why ? ` (${why})` : ''}: write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.${expanded}` });
    }
  },
);

const REFERENCE_URL: Readonly<Record<string, string>> = {
  'copy-from': 'https://docs.docker.com/reference/dockerfile/#copy---from',
  'mount-from': 'https://docs.docker.com/reference/dockerfile/#run---mount',
};

/** The COPY --from and --mount from= values that name no stage and are no valid image reference either. */
function checkReferences({ model, report }: FileContext): void {
  const edges = stageGraph(model).badImages;
  if (!edges.length) return;
  for (const edge of edges) {
    const { kind, text, span, nodeIndex } = edge.reference;
    const why = edge.imageError!.replace(/^invalid reference format(: )?/, '');
    const read = `${kind === 'copy-from' ? '--from' : 'from'}=${text} names no stage of this file, so BuildKit reads it as an image (or a named build context), and "${text}" is not a valid image reference${why ? ` (${why})` : ''}`;
    const match = suggest(text, nameableStages(model, edge.from));
    report({
      start: span.start,
      end: span.end,
      nodeIndex,
      url: REFERENCE_URL[kind],
      message: match
        ? `${read}. Did you mean the stage ${match.value}?`
        : `${read}: name a stage of this file, or write an image as [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.`,
      data: match && withFixes({ title: `Change to ${match.value}`, newText: match.value, preferred: match.unique }),
    });
  }
}

/**
 * The names a reference in stage `from` can take without another error: the name of a stage above
 * it (a stage further down is not built yet: stage-defined-later), unless a stage further down has
 * the same name (the name means the last of them), or the stage needs this one through a reference
 * of its own to a later stage (circular-stage-dependency).
 */
function nameableStages(model: FileContext['model'], from: Stage): Set<string> {
  const cyclic = stagesNeeding(model, from);
  const names = new Set<string>();
  for (const stage of model.stages.slice(0, from.index)) {
    if (stage.nameLower === undefined || cyclic.has(stage) || model.lastNamed(stage.nameLower) !== stage) continue;
    names.add(stage.nameLower);
  }
  return names;
}
