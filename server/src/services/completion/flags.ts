// Flags of the instruction (those not given yet, repeatable ones always, none that the pinned
// frontend release lacks) and their values: enums, booleans, platforms, `--chmod` modes,
// durations, stages, and `--mount` options (mount.ts).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import {
  BOOLEAN_VALUES,
  CHMOD_MODES,
  DURATION_EXAMPLES,
  PLATFORMS,
  missingFrom,
  type FlagFact,
  type FrontendPin,
  type InstructionFact,
  type ValueFact,
  type VersionedFeature,
} from '../../facts';
import { parseGoDuration } from '../../rules/errors/goValues';
import { nanosInWords } from '../hover/plainWords';
import { DocWriter } from '../markup';
import { charAfterWord, item, snippetText, type CompletionRequest } from './items';
import { mountItems } from './mount';
import { nameableStages, stageItems } from './stages';

export interface FlagContext {
  readonly instruction: InstructionFact;
  /** Names of the flags already written on the instruction. */
  readonly given: readonly string[];
  /** The file selects the labs channel (`# syntax=...-labs`). */
  readonly labs: boolean;
  /** The frontend release the file pins, when it pins one: what that release lacks is not offered. */
  readonly frontend: FrontendPin | undefined;
  /** Inside an ONBUILD trigger: stage names belong to the child build, so none are offered. */
  readonly onbuild: boolean;
  /** Start of the instruction, for the stages declared before it. */
  readonly instructionStart: number;
}

/**
 * What the flag inserts: `--name=` and a placeholder, a choice of values, or the bare name of a boolean.
 * `choices`: values to offer instead of the placeholder (the stages `COPY --from=` can name).
 */
function flagInsertText(flag: FlagFact, snippets: boolean, choices: readonly string[] = []): string {
  if (flag.value.kind === 'boolean') return `--${flag.name}`;
  if (!snippets) return `--${flag.name}=`;
  if (flag.value.kind === 'enum') return `--${flag.name}=\${1|${flag.value.values.map((v) => v.value).join(',')}|}`;
  // Stage names have no `,`, `|` or `\`, which a snippet's choice would need escaped.
  if (choices.length) return `--${flag.name}=\${1|${choices.join(',')}|}`;
  if (flag.value.kind === 'mount') return `--${flag.name}=type=\${1|cache,bind,secret,ssh,tmpfs|}`;
  return `--${flag.name}=\${1:${snippetText(flag.placeholder)}}`;
}

/** Whether the release the file pins lacks a flag or mount option. */
export function missingIn(feature: VersionedFeature, context: FlagContext): boolean {
  return context.frontend !== undefined && missingFrom(feature, context.frontend) !== undefined;
}

/** `rankBase` places the flags after other items offered at the same position. */
export function flagNameItems(request: CompletionRequest, context: FlagContext, from: number, rankBase = 0): CompletionItem[] {
  const { instruction } = context;
  // Renaming a flag that already has its `=value`: only the name changes.
  const nameOnly = charAfterWord(request) === '=';
  // `COPY --from=` offers the named stages above it, the nearest first (ten at most), rather than a made-up name.
  const stages = (): string[] =>
    instruction.name === 'COPY' && !context.onbuild
      ? nameableStages(request, context.instructionStart, 'copy-from')
          .filter(({ stage }) => stage.name !== undefined)
          .map(({ label }) => label)
          .reverse()
          .slice(0, 10)
      : [];
  return instruction.flags
    .filter((flag) => (flag.repeatable || !context.given.includes(flag.name)) && (!flag.labs || context.labs) && !missingIn(flag, context))
    .map((flag, rank) => {
      const snippet = request.snippets && flag.value.kind !== 'boolean' && !nameOnly;
      return item(request, `--${flag.name}`, CompletionItemKind.Property, from, nameOnly ? `--${flag.name}` : flagInsertText(flag, request.snippets, snippet && flag.name === 'from' ? stages() : []), rankBase + rank, {
        snippet,
        data: { k: 'flag', i: instruction.name, key: flag.name },
      });
    });
}

function valueItems(
  request: CompletionRequest,
  instruction: InstructionFact,
  flag: FlagFact,
  values: readonly ValueFact[],
  from: number,
  kind: CompletionItemKind,
): CompletionItem[] {
  return values.map((value, rank) =>
    item(request, value.value, kind, from, value.value, rank, {
      ...(value.isDefault || value.value === flag.default ? { detail: 'default' } : {}),
      data: { k: 'flag-value', i: instruction.name, f: flag.name, key: value.value },
    }),
  );
}

function durationItems(request: CompletionRequest, flag: FlagFact, from: number): CompletionItem[] {
  const writer = new DocWriter(request.format);
  const values = flag.default !== undefined && !DURATION_EXAMPLES.includes(flag.default) ? [flag.default, ...DURATION_EXAMPLES] : DURATION_EXAMPLES;
  return values.map((value, rank) => {
    const parsed = parseGoDuration(value);
    const words = nanosInWords('nanoseconds' in parsed ? parsed.nanoseconds : 0);
    return item(request, value, CompletionItemKind.Value, from, value, rank, {
      detail: value === flag.default ? `${words} (default)` : words,
      documentation: writer.content(writer.prose(`\`${value}\` is ${words}.`)),
    });
  });
}

/** Values for `--name=<typed>`; `from` is where the value starts. */
export function flagValueItems(request: CompletionRequest, context: FlagContext, flagName: string, typed: string, from: number): CompletionItem[] {
  const { instruction } = context;
  const flag = instruction.flags.find((f) => f.name === flagName);
  if (!flag) return [];
  switch (flag.value.kind) {
    case 'enum':
      return valueItems(request, instruction, flag, flag.value.values, from, CompletionItemKind.EnumMember);
    case 'boolean':
      return valueItems(request, instruction, flag, BOOLEAN_VALUES, from, CompletionItemKind.Value);
    case 'platform': {
      const items = valueItems(request, instruction, flag, PLATFORMS, from, CompletionItemKind.Value);
      // A fixed platform draws BuildKit's FromPlatformFlagConstDisallowed warning; say so up front.
      for (const entry of items) if (!String(entry.label).startsWith('$')) entry.detail = 'fixed platform';
      return items;
    }
    case 'chmod':
      return valueItems(request, instruction, flag, CHMOD_MODES, from, CompletionItemKind.Value);
    case 'duration':
      return durationItems(request, flag, from);
    case 'checksum':
      return typed.includes(':') ? [] : [item(request, 'sha256:', CompletionItemKind.Value, from, 'sha256:', 0, { detail: 'SHA-256 digest of the download' })];
    case 'stage':
      return context.onbuild ? [] : stageItems(request, from, context.instructionStart, 'copy-from');
    case 'mount':
      return mountItems(request, typed, from, context);
    default:
      return [];
  }
}
