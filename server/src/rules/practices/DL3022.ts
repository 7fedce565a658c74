// DL3022, narrowed to what is nearly always a typo: a `COPY --from` or `RUN --mount from=` that
// names no stage of the file but is one or two letters away from the name of a stage above it. BuildKit does
// not fail on it at once: it reads the word as an image (or a named build context) and the build
// stops later, pulling `docker.io/library/<word>`. hadolint flags every `--from` that is not an
// earlier stage; named contexts and images without a tag (`--from=nginx`) are legitimate, so only
// near misses are reported here, of words of five letters or more (`bash` is an image one letter
// from a stage `base`), and never for an official image people often copy from. Stage names are
// compared as BuildKit looks them up, in lower case.

import type { DockerfileModel, Stage } from '../../semantics';
import { fixesFromData, withFixes } from '../errors/common';
import { literalReferences } from '../errors/stageGraph';
import { QuietMemo, quietly } from '../partMemo';
import { suggest, type Suggestion } from '../suggest';
import type { FileRule } from '../types';
import { practiceMeta } from './meta';

/** A word that could be a stage name: no registry, path, tag or digest, which a stage name cannot have. */
const BARE_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** Official images that programs are often copied from: a word naming one is meant as written. */
const OFTEN_COPIED_IMAGES: ReadonlySet<string> = new Set([
  'alpine', 'busybox', 'caddy', 'composer', 'debian', 'docker', 'golang', 'gradle', 'maven', 'nginx', 'node',
  'php', 'postgres', 'python', 'redis', 'registry', 'ruby', 'rust', 'traefik', 'ubuntu',
]);

/** Shorter words are too often a real image or context a letter away from a stage name. */
const MIN_LENGTH = 5;

/**
 * How many different words naming no stage are compared with the stage names. A file with more
 * uses contexts and images by design, and comparing each with thousands of names would take seconds.
 */
const MAX_WORDS = 32;

/** The stages `stage` needs directly: its base and the stages its `--from`s name. */
function* needed(model: DockerfileModel, stage: Stage): IterableIterator<Stage> {
  if (stage.base) yield stage.base;
  for (const reference of literalReferences(model, stage)) {
    const named = reference.index !== undefined ? model.stages[reference.index] : model.lastNamed(reference.name);
    if (named) yield named;
  }
}

/** Whether `from` needs `target`, directly or not (a stage needs itself). Walked only for a report. */
function needs(model: DockerfileModel, from: Stage, target: Stage): boolean {
  const seen = new Set<Stage>();
  const pending = [from];
  for (let stage = pending.pop(); stage; stage = pending.pop()) {
    if (stage === target) return true;
    if (seen.has(stage)) continue;
    seen.add(stage);
    for (const next of needed(model, stage)) pending.push(next);
  }
  return false;
}

function stageNames(model: DockerfileModel): string[] {
  const names = new Set<string>();
  for (const stage of model.stages) if (stage.name) names.add(stage.name);
  return [...names];
}

/**
 * The suggestions made against the last list of stage names, by word. A keystroke seldom renames a
 * stage, and comparing a word with 2,000 names took milliseconds at every keystroke.
 */
const lastSuggestions = { names: '', byWord: new Map<string, Suggestion | undefined>() };

function suggestionFor(word: string, names: readonly string[], namesKey: string): Suggestion | undefined {
  if (lastSuggestions.names !== namesKey || lastSuggestions.byWord.size >= 4 * MAX_WORDS) {
    lastSuggestions.names = namesKey;
    lastSuggestions.byWord = new Map();
  }
  const { byWord } = lastSuggestions;
  if (!byWord.has(word)) byWord.set(word, suggest(word, names));
  return byWord.get(word);
}

/** A version finds nothing when every stage has the name and references of one that found nothing. */
const quiet = new QuietMemo((model, stage) => `${stage.nameLower ?? ''}\n${literalReferences(model, stage).map((r) => r.name).join('\n')}`);

export const DL3022: FileRule = {
  ...practiceMeta('DL3022', 'warning', '`--from` names no stage, but nearly names one.'),
  scope: 'file',
  check: quietly(quiet, ({ model, report }) => {
    let names: string[] | undefined;
    let namesKey = '';
    // The same word in many stages (a named context) is compared with the names once.
    const suggestions = new Map<string, Suggestion | undefined>();
    for (const stage of model.stages) {
      for (const reference of literalReferences(model, stage)) {
        if (reference.index !== undefined || reference.imageError !== undefined || !BARE_NAME.test(reference.text)) continue;
        if (reference.text.length < MIN_LENGTH || OFTEN_COPIED_IMAGES.has(reference.name) || model.lastNamed(reference.name)) continue;
        if (!names) {
          names = stageNames(model);
          namesKey = names.join('\n');
        }
        if (!suggestions.has(reference.text)) {
          if (suggestions.size === MAX_WORDS) return;
          suggestions.set(reference.text, suggestionFor(reference.text, names, namesKey));
        }
        const match = suggestions.get(reference.text);
        // Only a stage above this one (BuildKit builds stages in file order: stage-defined-later), and
        // not one that needs this one: naming it would close a cycle BuildKit refuses.
        const meant = match && model.lastNamed(match.value.toLowerCase());
        if (!match || !meant || meant.index >= stage.index || needs(model, meant, stage)) continue;
        const option = reference.kind === 'mount-from' ? 'from=' : '--from=';
        report({
          nodeIndex: stage.nodeIndex + reference.node,
          start: stage.fromStart + reference.start,
          end: stage.fromStart + reference.end,
          message:
            `No stage is named '${reference.text}', so the build reads ${option}${reference.text} as an image and tries to pull ` +
            `it (or takes a build context of that name). Did you mean the stage '${match.value}'?`,
          data: withFixes({ title: `Change to ${match.value}`, newText: match.value, preferred: match.unique }),
        });
      }
    }
  }),
  fixes: fixesFromData,
};
