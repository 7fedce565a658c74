// textDocument/signatureHelp: the forms of the instruction under the cursor, from the facts, with
// the form that matches what is written (exec or shell, HEALTHCHECK NONE, numeric USER) active
// and the parameter under the cursor highlighted. Inside a flag value the flag itself is the
// signature (for `--mount`, one parameter per option of the mount type). Directives too.

import type { ParameterInformation, Position, SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import {
  CHECK_OPTIONS,
  MOUNT_TYPE_OPTION,
  getDirective,
  getInstruction,
  getMountOption,
  getMountType,
  type FlagFact,
  type InstructionFact,
  type InstructionForm,
} from '../facts';
import { renderText, valueHint, type DocFormat } from '../facts/render';
import { typedMountType } from '../syntax';
import { cursorContext, inDirectiveBlock, instructionWords, type InstructionPrefix, type PrefixWord } from './cursor';
import { offsetOf, type AnalyzedDocument } from './document';

export const SIGNATURE_TRIGGER_CHARACTERS: readonly string[] = [' ', '=', ','];

function parameter(label: string, doc: string, format: DocFormat): ParameterInformation {
  return { label, documentation: { kind: format, value: renderText(doc, format) } };
}

/** `null`: no parameter is active (LSP 3.18), for clients that declare `noActiveParameterSupport`. */
function help(signatures: SignatureInformation[], activeSignature: number, activeParameter: number | null): SignatureHelp {
  const signature = signatures[activeSignature];
  if (signature) signature.activeParameter = activeParameter;
  return { signatures, activeSignature, activeParameter };
}

export interface SignatureOptions {
  readonly format: DocFormat;
  /** The client understands `activeParameter: null` (no parameter highlighted). */
  readonly noActiveParameter?: boolean;
}

export function getSignatureHelp(doc: AnalyzedDocument, position: Position, options: SignatureOptions): SignatureHelp | null {
  const { format } = options;
  const offset = offsetOf(doc, position);
  const context = cursorContext(doc, offset);
  if (context.kind === 'instruction') return instructionSignature(doc, context.prefix, offset, options);
  if (context.kind === 'line' && /^\s*#/.test(context.linePrefix)) {
    return directiveSignature(context.linePrefix, inDirectiveBlock(doc, context.node?.index ?? doc.tree.nodeCount), format);
  }
  return null;
}

// ---- Directives ----------------------------------------------------------------------------

function directiveSignature(linePrefix: string, isDirective: boolean, format: DocFormat): SignatureHelp | null {
  const match = /^\s*#\s*([A-Za-z]+)\s*=(.*)$/.exec(linePrefix);
  if (!match) return null;
  const fact = getDirective(match[1]);
  // Outside the directive block only `# check=` means something (for the next instruction).
  if (!fact || (!isDirective && fact.name !== 'check')) return null;
  const documentation = { kind: format, value: renderText(fact.doc.summary, format) };
  if (fact.name !== 'check') {
    const label = fact.signature.slice(fact.signature.indexOf('=') + 1);
    return help([{ label: fact.signature, documentation, parameters: [parameter(label, fact.doc.summary, format)] }], 0, 0);
  }
  const parameters = CHECK_OPTIONS.map((o) => parameter(`${o.name}=${o.name === 'error' ? '<boolean>' : '<rules>'}`, o.doc, format));
  const current = match[2].slice(match[2].lastIndexOf(';') + 1).split('=')[0].trim();
  const active = Math.max(0, CHECK_OPTIONS.findIndex((o) => o.name === current));
  return help([{ label: fact.signature, documentation, parameters }], 0, active);
}

// ---- Instructions --------------------------------------------------------------------------

function isFlagWord(word: PrefixWord): boolean {
  return word.text.startsWith('--');
}

/**
 * The cursor's place among the instruction's words: the words before it, the word it is in (what is
 * typed of it, and all of it) and the words after it. At the start of a word the cursor is in that
 * word; between words, in a new one.
 */
interface WordsAround {
  readonly before: readonly PrefixWord[];
  readonly typed: PrefixWord;
  readonly whole: PrefixWord;
  readonly after: readonly PrefixWord[];
}

function wordsAround(doc: AnalyzedDocument, prefix: InstructionPrefix, offset: number): WordsAround {
  const words = prefix.words;
  const typed = words[words.length - 1];
  const all = instructionWords(doc, prefix.entry);
  const start = typed.text === '' ? offset : typed.start;
  const index = all.findIndex((word) => word.start >= start);
  const here = index >= 0 && all[index].start === start ? all[index] : undefined;
  return {
    before: words.slice(0, -1),
    typed,
    whole: here && here.text.startsWith(typed.text) ? here : typed,
    after: index < 0 ? [] : all.slice(here ? index + 1 : index),
  };
}

function instructionSignature(doc: AnalyzedDocument, prefix: InstructionPrefix, offset: number, options: SignatureOptions): SignatureHelp | null {
  const { format } = options;
  const around = wordsAround(doc, prefix, offset);
  let words = [...around.before, around.whole, ...around.after];
  let at = around.before.length;
  if (at < 1) return null;
  let labelPrefix = '';
  if (words[0].text.toUpperCase() === 'ONBUILD' && at > 1) {
    labelPrefix = 'ONBUILD ';
    words = words.slice(1);
    at--;
  }
  const fact = getInstruction(words[0].text);
  if (!fact) return null;
  // Flags come first; the first other word (or a bare `--`) ends them. A new word being started
  // (empty) ends nothing: with flags after it, it is one more.
  const fresh = around.whole.text === '';
  let flagCount = 1;
  for (let i = 1; i < words.length; i++) {
    if (fresh && i === at) continue;
    if (!isFlagWord(words[i])) break;
    flagCount = i + 1;
    if (words[i].text === '--') break;
  }
  const inFlags = at < flagCount || (at === flagCount && around.whole.text.startsWith('-') && words[at - 1].text !== '--');
  const typed = around.typed.text;
  if (inFlags) {
    const eq = typed.indexOf('=');
    const flag = fact.flags.find((f) => f.name === typed.slice(2, eq < 0 ? undefined : eq));
    if (flag && eq >= 0 && typed.startsWith('--')) return flagSignature(`${labelPrefix}${fact.name}`, flag, typed.slice(eq + 1), around.whole.text.slice(typed.length), options);
  }
  const args = words.slice(Math.max(flagCount, inFlags ? at + 1 : 0));
  // A trigger's CMD feeds the ENTRYPOINT of whichever stage runs it: no choice here.
  const feedsEntrypoint = fact.name === 'CMD' && labelPrefix === '' && doc.model.stageOfNode(prefix.entry.index)?.execEntrypoint === true;
  const formIndex = chooseForm(fact, args.filter((w) => w.text !== ''), feedsEntrypoint);
  const form = fact.forms[formIndex];
  const signatures = fact.forms.map((f) => ({
    label: labelPrefix + f.label,
    documentation: { kind: format, value: renderText(f.doc, format) },
    parameters: f.parameters.map((p) => parameter(p.label, p.doc, format)),
  }));
  const argIndex = at - flagCount;
  const active = inFlags ? optionsParameter(form) : argumentParameter(doc, fact, form, { args, index: argIndex, typed, offset });
  return help(signatures, formIndex, Math.max(0, active));
}

function optionsParameter(form: InstructionForm): number {
  return form.parameters.findIndex((p) => p.label === '[OPTIONS]' || p.label.startsWith('[--'));
}

/**
 * Whether `text` is a JSON array of strings or the start of one: what BuildKit takes for the exec
 * form, or what is on its way to being one (elements may still be missing). `[ -f x ]` (the shell's
 * test) is neither.
 */
function isExecForm(text: string): boolean {
  let i = 0;
  const blank = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  blank();
  if (text[i] !== '[') return false;
  i++;
  let expectValue = true;
  for (;;) {
    blank();
    if (i >= text.length) return true;
    const c = text[i];
    if (c === ']') {
      i++;
      blank();
      return i >= text.length;
    }
    if (expectValue && c === ',') {
      // An element left out, where the cursor is about to write one (`["a", |, "b"]`).
      i++;
    } else if (expectValue) {
      if (c !== '"') return false;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return true;
      i++;
      expectValue = false;
    } else {
      if (c !== ',') return false;
      i++;
      expectValue = true;
    }
  }
}

/**
 * The form that matches what is written. `feedsEntrypoint`: a CMD whose words are default arguments
 * to an exec-form ENTRYPOINT, whose exec form is a list of parameters, not a program.
 */
function chooseForm(fact: InstructionFact, args: readonly PrefixWord[], feedsEntrypoint: boolean): number {
  const forms = fact.forms;
  const find = (test: (form: InstructionForm) => boolean) => Math.max(0, forms.findIndex(test));
  const first = args[0]?.text ?? '';
  switch (fact.name) {
    case 'HEALTHCHECK':
      return find((f) => (args.length > 1 || first.toUpperCase() !== 'NONE' ? f.label.includes(' CMD ') : f.label.endsWith('NONE')));
    case 'USER':
      return /^\d/.test(first) ? 1 : 0;
    case 'ENV':
    case 'LABEL':
      // `ENV <key> <value>`: BuildKit reads a first word without `=` that has more after it so.
      return find((f) => (args.length > 1 && !first.includes('=') ? f.parameters[0].label === '<key>' : f.parameters[0].label !== '<key>'));
    default: {
      const exec = isExecForm(args.map((a) => a.text).join(' '));
      if (exec && fact.name === 'CMD') return find((f) => f.kind === 'exec' && f.parameters[0].label.includes('<executable>') !== feedsEntrypoint);
      return find((f) => (exec ? f.kind === 'exec' : f.kind !== 'exec'));
    }
  }
}

/** Commas before the cursor inside a JSON array: which element is being typed. */
function jsonElement(text: string): number {
  let element = 0;
  let inString = false;
  for (let i = text.indexOf('[') + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && inString) i++;
    else if (c === '"') inString = !inString;
    else if (c === ',' && !inString) element++;
  }
  return element;
}

interface ArgumentPlace {
  /** All the arguments (after the flags), the cursor's whole word among them. */
  readonly args: readonly PrefixWord[];
  /** The index of the cursor's word in `args` (`args.length` past the last). */
  readonly index: number;
  /** What is typed of that word, up to the cursor. */
  readonly typed: string;
  readonly offset: number;
}

function argumentParameter(doc: AnalyzedDocument, fact: InstructionFact, form: InstructionForm, place: ArgumentPlace): number {
  const { args, index, typed } = place;
  const first = (test: (label: string) => boolean) => form.parameters.findIndex((p) => test(p.label));
  const afterOptions = optionsParameter(form) + 1;
  if (form.kind === 'exec') {
    const element = jsonElement([...args.slice(0, index).map((a) => a.text), typed].join(' '));
    if (fact.name === 'COPY' || fact.name === 'ADD') {
      const more = /,/.test(restOfArray(doc, place.offset));
      return element > 0 && !more ? first((l) => l.includes('dest')) : first((l) => l.includes('src'));
    }
    return Math.min(afterOptions + element, form.parameters.length - 1);
  }
  switch (fact.name) {
    case 'FROM':
      return index === 0 ? first((l) => l.startsWith('<image>')) : first((l) => l.startsWith('[AS'));
    case 'COPY':
    case 'ADD':
      // The last of two or more words is the destination.
      return index > 0 && index >= args.length - 1 ? first((l) => l.includes('dest')) : first((l) => l.includes('src'));
    case 'ENV':
    case 'LABEL':
      return index === 0 ? 0 : 1;
    case 'ARG':
      return typed.includes('=') ? 1 : 0;
    case 'EXPOSE':
      return typed.includes('/') ? 1 : 0;
    case 'USER':
      return typed.includes(':') ? 1 : 0;
    default:
      // The parameter after the options: the command, path, signal, trigger...
      return afterOptions < form.parameters.length ? afterOptions : 0;
  }
}

/** The text after the cursor up to the end of the JSON array on that line. */
function restOfArray(doc: AnalyzedDocument, cursor: number): string {
  const line = doc.tree.slice(cursor, cursor + 1000).split(/\r?\n/)[0];
  const close = line.indexOf(']');
  return close < 0 ? line : line.slice(0, close);
}

// ---- Flags ---------------------------------------------------------------------------------

function flagSignature(owner: string, flag: FlagFact, typed: string, after: string, options: SignatureOptions): SignatureHelp {
  const { format } = options;
  const documentation = { kind: format, value: renderText(flag.doc.summary, format) };
  if (flag.value.kind === 'mount') {
    const fields = typed.split(',');
    // The type may be written after the cursor (`target=/x,type=cache`); of several, the last counts.
    const mount = getMountType(typedMountType((typed + after).split(',')) ?? 'bind') ?? getMountType('bind')!;
    const mountOptions = [MOUNT_TYPE_OPTION, ...mount.options];
    const labels = mountOptions.map((o) => (o === MOUNT_TYPE_OPTION ? `type=${mount.type}` : o.bare ? `${o.key}[=<boolean>]` : `${o.key}${valueHint(o.value)}`));
    const parameters = mountOptions.map((o, i) => parameter(labels[i], o === MOUNT_TYPE_OPTION ? mount.doc.summary : o.doc, format));
    // The key being typed: exact (any spelling) or, while half-typed, the first that starts with it;
    // with the cursor at the start of an option already written, that option's key.
    const key = (fields[fields.length - 1] + after.split(',')[0]).split('=')[0].trim().toLowerCase();
    const option =
      key === '' ? undefined : (getMountOption(mount.type, key) ?? mountOptions.find((o) => [o.key, ...o.aliases].some((name) => name.startsWith(key))));
    // Right after a comma no option is chosen yet: highlighting `type=` there would be wrong, so
    // none is, where the client can show that; older clients get the first, as before.
    const active = option ? Math.max(0, mountOptions.findIndex((o) => o.key === option.key)) : fields.length > 1 && options.noActiveParameter ? null : 0;
    return help([{ label: `${owner} --mount=${labels.join(',')}`, documentation, parameters }], 0, active);
  }
  const hint = valueHint(flag.value);
  return help([{ label: `${owner} --${flag.name}${hint}`, documentation, parameters: [parameter(hint, flag.doc.summary, format)] }], 0, 0);
}
