// Hovers on flags: the flag's name, its value (enum values, booleans, platforms, `--chmod`
// modes, durations) and, for `--mount`, each option key and value.

import {
  BOOLEAN_VALUES,
  CHMOD_MODES,
  MOUNT_TYPE_OPTION,
  PLATFORMS,
  getFlag,
  getMountKey,
  getMountType,
  type FlagFact,
  type InstructionName,
  type MountKeyMeaning,
  type MountType,
} from '../../facts';
import {
  renderFlag,
  renderFlagValue,
  renderMountAccess,
  renderMountNoEffect,
  renderMountOption,
  renderMountOptionValue,
  renderMountType,
  renderRefusedMountKey,
  renderText,
  type DocFormat,
} from '../../facts/render';
import { parseGoBool } from '../../rules/errors/goValues';
import { mountTypeText, type Flag, type InstructionNode, type MountOption, type Span } from '../../syntax';
import { DocWriter } from '../markup';
import { octalModeInWords } from './plainWords';
import { durationHover } from './values';

export interface SpanHover {
  readonly span: Span;
  readonly text: string;
}

function within(span: Span | undefined, rel: number): span is Span {
  return span !== undefined && span.start <= rel && rel <= span.end;
}

/** The hover for relative offset `rel` inside one of `owner`'s flags, if it is on one. */
export function flagHover(owner: InstructionNode, flag: Flag, rel: number, format: DocFormat): SpanHover | undefined {
  const instruction = owner.name as InstructionName;
  const fact = getFlag(instruction, flag.name.text);
  if (!fact) return undefined;
  const nameSpan = { start: flag.start, end: flag.name.end };
  // BuildKit reads HEALTHCHECK's flags only for CMD: with NONE they are dropped unsaid.
  const ignored =
    instruction === 'HEALTHCHECK' && owner.argList[0]?.text.toUpperCase() === 'NONE'
      ? new DocWriter(format).prose('**Ignored here:** BuildKit reads no flags for `HEALTHCHECK NONE`, so this one does nothing.')
      : undefined;
  // After the signature, as other hovers say what does not apply.
  const withNote = (text: string) => (ignored ? text.replace(/\n\n|$/, (gap) => `\n\n${ignored}${gap}`) : text);
  if (within(nameSpan, rel) || (flag.equals !== undefined && rel === flag.equals)) {
    return { span: nameSpan, text: withNote(renderFlag(instruction, fact, format)) };
  }
  if (!flag.value || !within(flag.value, rel)) return undefined;
  if (flag.mountOptions) return mountHover(flag, rel, format);
  return { span: flag.value, text: withNote(flagValueText(instruction, fact, flag.value.text, format)) };
}

function flagValueText(instruction: InstructionName, fact: FlagFact, value: string, format: DocFormat): string {
  switch (fact.value.kind) {
    case 'enum': {
      const known = fact.value.values.find((v) => v.value === value);
      return known ? renderFlagValue(instruction, fact, known, format) : renderFlag(instruction, fact, format);
    }
    case 'boolean': {
      // Without a literal default (ADD --unpack), leaving the flag out is neither true nor false, so the
      // generic "as if it were left out" would be wrong: the flag's own doc says what each case does.
      const known = fact.default === undefined ? undefined : BOOLEAN_VALUES.find((v) => v.value === value.toLowerCase());
      return known ? renderFlagValue(instruction, fact, { ...known, isDefault: known.value === fact.default }, format) : renderFlag(instruction, fact, format);
    }
    case 'platform': {
      const known = PLATFORMS.find((v) => v.value === value);
      return known ? renderFlagValue(instruction, fact, known, format) : renderFlag(instruction, fact, format);
    }
    case 'chmod':
      return chmodText(instruction, fact, value, format);
    case 'duration':
      return durationHover(instruction, fact, value, format);
    default:
      return renderFlag(instruction, fact, format);
  }
}

function chmodText(instruction: InstructionName, fact: FlagFact, value: string, format: DocFormat): string {
  const known = CHMOD_MODES.find((v) => v.value === value);
  const words = octalModeInWords(value);
  if (words === undefined) return known ? renderFlagValue(instruction, fact, known, format) : renderFlag(instruction, fact, format);
  const w = new DocWriter(format);
  return w.join(
    w.block(`${instruction} --${fact.name}=${value}`),
    `${w.code(value)} ${w.prose(`gives ${words}.`)}`,
    known && w.prose(known.doc),
    renderText(fact.doc.summary, format),
    w.requires(fact.since),
    w.link(fact.referenceUrl),
  );
}

function mountHover(flag: Flag, rel: number, format: DocFormat): SpanHover | undefined {
  const options = flag.mountOptions ?? [];
  const type: MountType = getMountType(mountTypeText(flag))?.type ?? 'bind';
  const option = options.find((o) => within(o, rel));
  if (!option) return undefined;
  const meaning = getMountKey(type, option.key.text);
  if (!meaning) return undefined;
  const onKey = within(option.key, rel) || (option.equals !== undefined && rel === option.equals);
  if (meaning.kind !== 'option') {
    // The key and its value say the same thing: what this key does (or fails to do) on this type.
    const span = onKey ? option.key : within(option.value, rel) ? option.value : undefined;
    return span && { span, text: otherKeyText(type, meaning, option, format) };
  }
  const fact = meaning.option;
  if (onKey) return { span: option.key, text: renderMountOption(type, fact, format) };
  if (!option.value || !within(option.value, rel)) return undefined;
  const value = option.value.text;
  if (fact === MOUNT_TYPE_OPTION) {
    const mount = getMountType(value);
    return { span: option.value, text: mount ? renderMountType(mount, format) : renderMountOption(type, fact, format) };
  }
  const values = fact.value.kind === 'enum' ? fact.value.values : fact.value.kind === 'boolean' ? BOOLEAN_VALUES : [];
  const known = values.find((v) => v.value === value.toLowerCase());
  const text = known
    ? renderMountOptionValue(type, fact, known.value === fact.default ? { ...known, isDefault: true } : known, format)
    : renderMountOption(type, fact, format);
  return { span: option.value, text };
}

function otherKeyText(type: MountType, meaning: Exclude<MountKeyMeaning, { kind: 'option' }>, option: MountOption, format: DocFormat): string {
  switch (meaning.kind) {
    case 'access':
      return renderMountAccess(type, meaning.key, meaning.access, writtenBoolean(option), format);
    case 'noEffect':
      return renderMountNoEffect(type, meaning.fact, format);
    case 'refused':
      return renderRefusedMountKey(type, meaning.key, meaning.optionOf, format);
  }
}

/** A boolean option's value as BuildKit reads it (Go's ParseBool; the bare key is true), if known. */
function writtenBoolean(option: MountOption): boolean | undefined {
  return option.value === undefined ? true : parseGoBool(option.value.text);
}
