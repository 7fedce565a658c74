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
import { cursorContext, inDirectiveBlock, type InstructionPrefix, type PrefixWord } from './cursor';
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
  if (context.kind === 'instruction') return instructionSignature(doc, context.prefix, options);
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

function instructionSignature(doc: AnalyzedDocument, prefix: InstructionPrefix, options: SignatureOptions): SignatureHelp | null {
  const { format } = options;
  const words = prefix.words;
  if (words.length < 2) return null;
  let labelPrefix = '';
  let keyword = words[0];
  let rest = words.slice(1, -1);
  if (keyword.text.toUpperCase() === 'ONBUILD' && words.length > 2) {
    labelPrefix = 'ONBUILD ';
    keyword = words[1];
    rest = words.slice(2, -1);
  }
  const fact = getInstruction(keyword.text);
  if (!fact) return null;
  const current = words[words.length - 1];
  const flagsDone = rest.some((w) => !isFlagWord(w) || w.text === '--');
  if (!flagsDone && isFlagWord(current)) {
    const eq = current.text.indexOf('=');
    const flag = fact.flags.find((f) => f.name === current.text.slice(2, eq < 0 ? undefined : eq));
    if (flag && eq >= 0) return flagSignature(`${labelPrefix}${fact.name}`, flag, current.text.slice(eq + 1), restOfWord(doc, prefix), options);
  }
  const args = !flagsDone && current.text.startsWith('-') ? [] : [...rest.filter((w) => !isFlagWord(w)), current];
  const formIndex = chooseForm(fact, args);
  const form = fact.forms[formIndex];
  const signatures = fact.forms.map((f) => ({
    label: labelPrefix + f.label,
    documentation: { kind: format, value: renderText(f.doc, format) },
    parameters: f.parameters.map((p) => parameter(p.label, p.doc, format)),
  }));
  const inFlags = !flagsDone && current.text.startsWith('-');
  const active = inFlags ? optionsParameter(form) : argumentParameter(doc, fact, form, args, prefix);
  return help(signatures, formIndex, Math.max(0, active));
}

function optionsParameter(form: InstructionForm): number {
  return form.parameters.findIndex((p) => p.label === '[OPTIONS]' || p.label.startsWith('[--'));
}

/** The form that matches what is written so far. */
function chooseForm(fact: InstructionFact, args: readonly PrefixWord[]): number {
  const forms = fact.forms;
  const find = (test: (form: InstructionForm) => boolean) => Math.max(0, forms.findIndex(test));
  switch (fact.name) {
    case 'HEALTHCHECK':
      return find((f) => (args.length > 1 || args[0]?.text.toUpperCase() !== 'NONE' ? f.label.includes(' CMD ') : f.label.endsWith('NONE')));
    case 'USER':
      return /^\d/.test(args[0]?.text ?? '') ? 1 : 0;
    default: {
      const exec = args[0]?.text.startsWith('[') ?? false;
      return find((f) => (exec ? f.kind === 'exec' : f.kind !== 'exec'));
    }
  }
}

/** Commas before the cursor inside a JSON array: which element is being typed. */
function jsonElement(args: readonly PrefixWord[]): number {
  let element = 0;
  let inString = false;
  const text = args.map((a) => a.text).join(' ');
  for (let i = text.indexOf('[') + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && inString) i++;
    else if (c === '"') inString = !inString;
    else if (c === ',' && !inString) element++;
  }
  return element;
}

function argumentParameter(doc: AnalyzedDocument, fact: InstructionFact, form: InstructionForm, args: readonly PrefixWord[], prefix: InstructionPrefix): number {
  const position = args.length - 1;
  const current = args[position]?.text ?? '';
  const first = (test: (label: string) => boolean) => form.parameters.findIndex((p) => test(p.label));
  const afterOptions = optionsParameter(form) + 1;
  if (form.kind === 'exec') {
    const element = jsonElement(args);
    if (fact.name === 'COPY' || fact.name === 'ADD') {
      const more = /,/.test(restOfArray(doc, prefix));
      return element > 0 && !more ? first((l) => l.includes('dest')) : first((l) => l.includes('src'));
    }
    return Math.min(afterOptions + element, form.parameters.length - 1);
  }
  switch (fact.name) {
    case 'FROM':
      return position === 0 ? first((l) => l.startsWith('<image>')) : first((l) => l.startsWith('[AS'));
    case 'COPY':
    case 'ADD':
      return position === 0 ? first((l) => l.includes('src')) : first((l) => l.includes('dest'));
    case 'ENV':
    case 'LABEL':
      return position === 0 ? 0 : 1;
    case 'ARG':
      return current.includes('=') ? 1 : 0;
    case 'EXPOSE':
      return current.includes('/') ? 1 : 0;
    case 'USER':
      return current.includes(':') ? 1 : 0;
    default:
      // The parameter after the options: the command, path, signal, trigger...
      return afterOptions < form.parameters.length ? afterOptions : 0;
  }
}

/** The text after the cursor up to the next white space (the rest of the word being written). */
function restOfWord(doc: AnalyzedDocument, prefix: InstructionPrefix): string {
  const last = prefix.words[prefix.words.length - 1];
  const cursor = last.start + last.text.length;
  return /^[^\s]*/.exec(doc.tree.slice(cursor, cursor + 400))![0];
}

/** The text after the cursor up to the end of the JSON array on that line. */
function restOfArray(doc: AnalyzedDocument, prefix: InstructionPrefix): string {
  const last = prefix.words[prefix.words.length - 1];
  const cursor = last.start + last.text.length;
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
    const typeField = fields.find((f) => f.split('=')[0].trim().toLowerCase() === 'type');
    const mount = getMountType(typeField?.split('=')[1] ?? 'bind') ?? getMountType('bind')!;
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
