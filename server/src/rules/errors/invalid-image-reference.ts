// The image of each FROM, with the global ARGs at their defaults (what a build without
// --build-arg uses), must be a valid image reference and not empty. BuildKit stops with "base
// name (...) should not be blank" or "invalid reference format". Names of earlier stages and
// `scratch` are not images; values that depend on the build machine are not judged.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseImageReference, type DockerfileModel, type Stage } from '../../semantics';
import { lex } from '../../syntax';
import type { FileRule } from '../types';
import { fixesFromData, instructionUrl, withFixes } from './common';

/** Values of the automatic platform ARGs that are the same on every build machine BuildKit runs on. */
const PLATFORM_DEFAULTS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
};

type Value = { readonly known: true; readonly value: string | undefined } | { readonly known: false };

/**
 * The value a variable has in a FROM line of a build without --build-arg: the last global ARG
 * default of that name; unset when no global ARG gives one.
 */
function globalValue(model: DockerfileModel, stage: Stage, name: string): Value {
  const declared = model.globalArgs.filter((d) => d.name === name && d.rawValue !== undefined && d.nodeIndex < stage.nodeIndex);
  const last = declared[declared.length - 1];
  if (last) return last.value === undefined ? { known: false } : { known: true, value: last.value };
  if (name === 'TARGETSTAGE') return { known: true, value: model.stages[model.stages.length - 1]?.nameLower ?? 'default' };
  if (name in PLATFORM_DEFAULTS) return { known: true, value: PLATFORM_DEFAULTS[name] };
  // Variants and OS versions differ between machines.
  if (/^(TARGET|BUILD)(VARIANT|OSVERSION)$/.test(name)) return { known: false };
  return { known: true, value: undefined };
}

/** The image with global ARG defaults substituted, or undefined when that cannot be known. */
function expandImage(model: DockerfileModel, stage: Stage, escape: string): string | undefined {
  let unknown = false;
  const result = lex(stage.image!, (name) => {
    const value = globalValue(model, stage, name);
    if (!value.known) unknown = true;
    return value.known ? value.value : '';
  }, { escape, splitWords: false });
  return result.error || unknown ? undefined : result.value;
}

export const invalidImageReference: FileRule = {
  code: 'invalid-image-reference',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A FROM image that is empty or not a valid image reference once global ARG defaults are substituted.',
  url: instructionUrl('FROM'),
  check({ model, tree, report }) {
    for (const stage of model.stages) {
      if (stage.image === undefined || !stage.imageSpan || stage.base) continue;
      const raw = stage.image;
      const image = expandImage(model, stage, tree.escape);
      if (image === undefined) continue;
      const at = { start: stage.imageSpan.start, end: stage.imageSpan.end, nodeIndex: stage.nodeIndex };
      const expanded = raw.includes('$') ? ` With the global ARG defaults, ${raw} becomes "${image}".` : '';
      if (image === '') {
        const names = [...new Set(stage.from.variables.filter((v) => v.start >= stage.imageSpan!.start - stage.fromStart && v.end <= stage.imageSpan!.end - stage.fromStart).map((v) => v.name))];
        const arg = names[0] ?? 'IMAGE';
        report({
          ...at,
          message: `The image ${raw} is empty when the build is given no --build-arg. Give the global ARG a default (ARG ${arg}=<image>), or pass --build-arg ${arg}=<image> to every build.`,
        });
        continue;
      }
      // An earlier stage named by a variable, and the empty image.
      if (image === 'scratch' || model.stages.some((s) => s.index < stage.index && s.nameLower === image)) continue;
      const parsed = parseImageReference(image);
      if (parsed.ok) continue;
      const stageMatch = model.stages.find((s) => s.index < stage.index && s.nameLower === image.toLowerCase());
      if (stageMatch && !raw.includes('$')) {
        report({
          ...at,
          message: `FROM ${raw} does not name the stage "${stageMatch.name}": stage names are matched in lower case, so this is read as an image, and image names must be lower case. Write FROM ${stageMatch.nameLower}.`,
          data: withFixes({ title: `Change to ${stageMatch.nameLower}`, newText: stageMatch.nameLower!, preferred: true }),
        });
        continue;
      }
      const why = parsed.error.replace(/^invalid reference format(: )?/, '');
      report({ ...at, message: `"${image}" is not a valid image reference${why ? ` (${why})` : ''}: write [registry/]name[:tag][@digest] in lower case, such as alpine:3.20.${expanded}` });
    }
  },
  fixes: fixesFromData,
};
