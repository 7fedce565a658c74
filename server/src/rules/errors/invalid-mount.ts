// `RUN --mount` options BuildKit rejects. The keys, their spellings and the allowed values come
// from the facts table; what follows mirrors the order BuildKit checks them in: options are read
// left to right (so `required` and `size` must come after the `type=` they depend on), then the
// combination is checked. Values with variables are only known at build time and are not judged,
// except that `from=` never expands them.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { MOUNT_TYPE_OPTION, MOUNT_TYPES, getMountOption, type ValueSpec } from '../../facts';
import { mountTypeOption, mountTypeText, type Flag, type MountOption } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule, Problem } from '../types';
import { checkedFlags, fixesFromData, hasVariable, listWords, withFixes } from './common';
import { isGoBool, isGoRamSize, parseGoUint32 } from './goValues';

function enumValues(spec: ValueSpec): string[] {
  return spec.kind === 'enum' ? spec.values.map((v) => v.value) : [];
}

const TYPES = enumValues(MOUNT_TYPE_OPTION.value);
const SHARING = enumValues(getMountOption('cache', 'sharing')!.value);
/** Every key BuildKit knows, with its aliases, mapped to the canonical key. */
const CANONICAL = new Map<string, string>([['type', 'type']]);
for (const mount of MOUNT_TYPES) for (const o of mount.options) for (const k of [o.key, ...o.aliases]) CANONICAL.set(k, o.key);
const KEYS = [...CANONICAL.keys()];
/** The options BuildKit takes as a bare word, without `=value` (`required` only on secret and ssh mounts). */
const TAKES_NO_VALUE: ReadonlySet<string> = new Set(['readonly', 'readwrite', 'required']);

/** BuildKit's per-type restrictions on otherwise valid keys. */
const FILE_INFO_TYPES = ['cache', 'secret', 'ssh'];
const REQUIRED_TYPES = ['secret', 'ssh'];
const URL = 'https://docs.docker.com/reference/dockerfile/#run---mount';

/**
 * Whether BuildKit's expansion of a mount value may change it: each value goes through the
 * stage's word expansion, which substitutes variables and removes quotes and escapes (the flag
 * word's own quotes are gone already). Such values are known only at build time.
 */
function expandsToUnknown(value: string): boolean {
  return hasVariable(value) || /['"\\`]/.test(value);
}

/** Encoding/csv's complaint about the option list, if it is not valid CSV. */
function csvProblem(text: string): string | undefined {
  let i = 0;
  while (i <= text.length) {
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return 'a quoted option is missing its closing quote';
        if (text[i] === '"') {
          if (text[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      i++;
      if (i < text.length && text[i] !== ',') return 'a quoted option has text after its closing quote';
    } else {
      const end = text.indexOf(',', i) < 0 ? text.length : text.indexOf(',', i);
      if (text.slice(i, end).includes('"')) return 'a quote may only wrap a whole option';
      i = end;
    }
    i++;
  }
  return undefined;
}

interface Seen {
  readonly option: MountOption;
  /** The value, or undefined when it has variables. */
  readonly value: string | undefined;
}

/**
 * The empty options of a `--mount` (`type=cache,,target=/x`, or a comma at either end). BuildKit's
 * parseMount refuses a field without `=` that is not one of its bare keys ("invalid field '' must be
 * a key=value pair") once it expands the values, as it converts the stage. The parser keeps no option
 * for an empty field, so the commas are counted between the options, where the source holds only
 * commas and quotes (anything else, a line break or an escape, is left alone).
 */
/**
 * After a `--mount` value that ends with a comma, an escaped line break and an indented next line
 * that starts with an option (`type=cache,\` then `    target=/x`): the indentation, as the lines
 * join, ends the flag. The offset and length (in `text`) of that indentation, or undefined.
 */
function indentedContinuation(text: string, end: number, escape: string): { offset: number; length: number } | undefined {
  const match = /^[ \t]*\r?\n([ \t]+)(?=[A-Za-z][\w-]*(?:=|,|[ \t]|\r?\n|$))/.exec(text.slice(end + escape.length));
  if (text.slice(end, end + escape.length) !== escape || !match) return undefined;
  const length = match[1].length;
  return { offset: end + escape.length + match[0].length - length, length };
}

function emptyFields(flag: Flag, options: readonly MountOption[], text: string, escape: string, report: (p: Problem) => void): void {
  const value = flag.value!;
  const gaps: { start: number; end: number; separators: number }[] = [];
  let from = value.start;
  options.forEach((option, index) => {
    gaps.push({ start: from, end: option.start, separators: index === 0 ? 0 : 1 });
    from = option.end;
  });
  if (!options.length) return;
  gaps.push({ start: from, end: value.end, separators: 0 });
  for (const gap of gaps) {
    const source = text.slice(gap.start, gap.end);
    const commas = source.split(',').length - 1;
    if (commas <= gap.separators || !/^[,"']*$/.test(source)) continue;
    const only = source === ','.repeat(commas);
    // The commonest cause: the options go on, indented, on the next line, which the indentation cuts off.
    const indent = only && gap.end === value.end && gap.separators === 0 ? indentedContinuation(text, gap.end, escape) : undefined;
    if (indent) {
      const next = /^\S+/.exec(text.slice(indent.offset + indent.length))?.[0] ?? '';
      const fix = withFixes({ title: 'Join the next line to this --mount (remove its indentation)', newText: '', offset: indent.offset - gap.start, length: indent.length, preferred: true });
      report({
        start: gap.start,
        end: gap.end,
        message: `This --mount ends with a comma, and the indentation of the next line ends the flag: BuildKit joins the lines as written, so the mount gets an empty option, which it refuses as it builds the stage, and ${next} starts the command. Remove the indentation of the next line.`,
        url: URL,
        data: fix,
      });
      continue;
    }
    const fix = only ? withFixes({ title: gap.separators ? 'Remove the extra comma' : 'Remove the comma', newText: ','.repeat(gap.separators) }) : undefined;
    report({
      start: gap.start,
      end: gap.end,
      message: `This --mount has an empty option (${gap.separators ? 'two commas in a row' : 'a comma at its start or end'}): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.`,
      url: URL,
      data: fix,
    });
  }
}

function checkMount(flag: Flag, report: (p: Problem) => void, nodeText: string, escape: string): void {
  const at = (span: { start: number; end: number }, message: string, data?: Problem['data']) =>
    report({ start: span.start, end: span.end, message, url: URL, data });
  const text = flag.value?.text ?? '';
  const csv = csvProblem(text);
  // BuildKit's parser reads the list without expanding it: the CSV and a variable in from= are all
  // it refuses there. The rest is judged when it expands the values, as it converts the stage.
  if (csv) return report({ start: flag.value!.start, end: flag.value!.end, message: `This --mount is not a valid comma-separated list: ${csv}.`, url: URL, raisedWhen: 'parse' });
  const options = flag.mountOptions ?? [];
  emptyFields(flag, options, nodeText, escape, report);
  let type = 'bind';
  let typeKnown = true;
  // After a type BuildKit refuses it stops; a type from a variable is replaced by a later literal one.
  let typeRefused = false;
  const seen = new Map<string, Seen>();
  // The mount's final type (the last type=), when it is set after the option at `index`.
  const lastType = mountTypeOption(flag);
  const laterType = (index: number): string | undefined => (lastType && options.indexOf(lastType) > index ? mountTypeText(flag) : undefined);
  const misplaced = (key: string, allowed: readonly string[], option: MountOption, index: number) => {
    const later = laterType(index);
    const message =
      later && allowed.includes(later)
        ? `${key} is read before type=${later}: put type=${later} first, BuildKit reads the options left to right.`
        : `${key} applies only to ${listWords(allowed)} mounts, not to ${type} mounts.`;
    at(option.key, message);
  };

  options.forEach((option, index) => {
    const key = option.key.text.toLowerCase();
    const canonical = CANONICAL.get(key);
    if (canonical === undefined) {
      const match = suggest(key, KEYS);
      // A bare word (`targ`) spelt into a key that needs a value would still be refused: the message says what to write, and no fix half-mends it.
      const needsValue = match !== undefined && option.value === undefined && !TAKES_NO_VALUE.has(CANONICAL.get(match.value) ?? '');
      const fix = match && !needsValue && { title: `Change to ${match.value}`, newText: match.value, preferred: match.unique };
      const hint = match ? ` Did you mean ${needsValue ? `${match.value}=<value>` : match.value}?` : ` Options are ${listWords(KEYS)}.`;
      at(option.key, `"${option.key.text}" is not a --mount option.${hint}`, withFixes(fix || undefined));
      return;
    }
    if (option.value === undefined) {
      if (canonical === 'readonly' || canonical === 'readwrite') return;
      if (canonical === 'required') {
        if (typeKnown && !REQUIRED_TYPES.includes(type)) misplaced('required', REQUIRED_TYPES, option, index);
        return;
      }
      at(option.key, `${key} needs a value: write ${key}=<value>.`);
      return;
    }
    const value = option.value.text;
    if (canonical === 'from' && /\$./.test(value)) {
      report({
        start: option.value.start,
        end: option.value.end,
        message: 'from= cannot use variables: BuildKit does not expand them here. Declare a stage such as FROM ${IMAGE} AS deps and mount from=deps.',
        url: URL,
        raisedWhen: 'parse',
      });
      return;
    }
    if (expandsToUnknown(value)) {
      if (canonical === 'type') typeKnown = false;
      seen.set(canonical, { option, value: undefined });
      return;
    }
    const bad = (message: string, fix?: Problem['data']) => at(option.value!, message, fix);
    switch (canonical) {
      case 'type': {
        const lower = value.toLowerCase();
        if (!TYPES.includes(lower)) {
          const match = suggest(lower, TYPES);
          const fix = match && withFixes({ title: `Change to ${match.value}`, newText: match.value, preferred: match.unique });
          bad(`"${value}" is not a mount type; use ${listWords(TYPES)}.${match ? ` Did you mean ${match.value}?` : ''}`, fix || undefined);
          typeKnown = false;
          typeRefused = true;
          return;
        }
        type = lower;
        typeKnown = !typeRefused;
        break;
      }
      case 'readonly':
      case 'readwrite':
        if (!isGoBool(value)) return bad(`${key} is true or false, not "${value}".`);
        break;
      case 'required':
        if (typeKnown && !REQUIRED_TYPES.includes(type)) return misplaced('required', REQUIRED_TYPES, option, index);
        if (!isGoBool(value)) return bad(`required is true or false, not "${value}".`);
        break;
      case 'size':
        if (typeKnown && type !== 'tmpfs') return misplaced('size', ['tmpfs'], option, index);
        if (!isGoRamSize(value)) return bad(`size is a number of bytes, optionally with a unit such as 64m or 1g, not "${value}".`);
        break;
      case 'sharing': {
        if (!SHARING.includes(value.toLowerCase())) {
          const match = suggest(value.toLowerCase(), SHARING);
          const fix = match && withFixes({ title: `Change to ${match.value}`, newText: match.value, preferred: match.unique });
          return bad(`"${value}" is not a sharing mode; use ${listWords(SHARING)}.${match ? ` Did you mean ${match.value}?` : ''}`, fix || undefined);
        }
        break;
      }
      case 'mode':
        if (parseGoUint32(value, 8) === undefined) return bad(`mode is an octal number such as 0755, not "${value}".`);
        break;
      case 'uid':
      case 'gid':
        if (parseGoUint32(value, 10) === undefined) return bad(`${canonical} is a numeric id such as 1000, not "${value}".`);
        break;
    }
    seen.set(canonical, { option, value });
  });

  if (!typeKnown) return;
  if (!FILE_INFO_TYPES.includes(type)) {
    for (const key of ['mode', 'uid', 'gid']) {
      const s = seen.get(key);
      if (s) at(s.option.key, `${key} applies only to ${listWords(FILE_INFO_TYPES)} mounts, not to ${type} mounts.`);
    }
  }
  // A value BuildKit still expands (undefined in `seen`) may come out empty, which it takes as unset.
  const isSet = (key: string) => {
    const s = seen.get(key);
    return s !== undefined && s.value !== '';
  };
  const certainlySet = (key: string) => {
    const s = seen.get(key);
    return s?.value !== undefined && s.value !== '';
  };
  if (type === 'secret') {
    const from = seen.get('from');
    if (from && certainlySet('from')) at(from.option, 'A secret mount cannot use from=: secrets come from the build command (docker build --secret id=...).');
    const sharing = seen.get('sharing');
    if (sharing && isSet('sharing')) at(sharing.option, 'A secret mount cannot use sharing=; it applies only to cache mounts.');
    if (!isSet('source') && !isSet('target') && !isSet('id')) {
      at(flag, 'A secret mount needs id=<name>, the id given to docker build --secret (or a target= path to name it after).');
    }
    const id = seen.get('id');
    if (id && certainlySet('source') && certainlySet('id')) at(id.option, 'A secret mount takes id= or source= (an older name for it), not both.');
  } else if (type !== 'cache') {
    const sharing = seen.get('sharing');
    if (sharing && isSet('sharing')) at(sharing.option, `sharing= applies only to cache mounts, not to ${type} mounts.`);
  }
  if (type === 'ssh') {
    // Refused when BuildKit converts the RUN ("ssh does not support source"), not while parsing it.
    const source = seen.get('source');
    if (source && certainlySet('source')) {
      at(source.option, 'An ssh mount cannot use source=: it forwards the agent or keys given to docker build --ssh; choose which with id=.');
    }
  }
  const target = seen.get('target');
  if (target?.value && ['bind', 'cache', 'tmpfs'].includes(type) && normalizesToRoot(target.value)) {
    // Refused as BuildKit converts the RUN (dispatchRunMounts), after the values are read.
    at(target.option, 'A mount cannot cover the root directory: choose a target such as /cache or /src.');
  }
}

/** Whether an absolute path cleans to `/` (`/`, `//`, `/./`, `/..`). */
function normalizesToRoot(path: string): boolean {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return path.startsWith('/') && parts.length === 0;
}

export const invalidMount: InstructionRule = {
  code: 'invalid-mount',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  // parseMount judges the options only with an expander, which BuildKit has when it converts the stage.
  raisedWhen: 'dispatch',
  description: 'A RUN --mount with an unknown option, a wrong value or a combination BuildKit refuses.',
  url: URL,
  check(node, report, escape, text) {
    for (const { flag, fact } of checkedFlags(node)) {
      if (fact.value.kind === 'mount' && flag.value && flag.value.text !== '') checkMount(flag, report, text, escape);
    }
  },
  fixes: fixesFromData,
};
