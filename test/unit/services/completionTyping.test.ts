// The typing sweep: every real-world file of the corpus, typed again token by token. Wherever the
// next token is one completion has a vocabulary for (a keyword, a flag, a flag or mount value, a
// stage, a declared variable, a directive, a signal, a predefined ARG...), the cursor is put after
// the first 0, 1 and 2 characters of that token, and the list must offer the token the file
// actually has, with an edit that replaces exactly what was typed. Three ways of being there:
//   file   the token cut after the prefix, the rest of the document as in the file;
//   fresh  the rest of the instruction (of the line, in a heredoc body or a directive) deleted,
//          as when the line is being typed for the first time;
//   inside the file untouched, the cursor at the token's start or after its first character: the
//          client's "replace" range must cover the rest of the token, or accepting the item would
//          leave its tail behind.
// In `file` and `inside`, accepting the item must give the file back (no `=value` or `}` doubled),
// and nothing wrong there may be offered (a once-only flag or mount key written elsewhere on the
// line, a keyword not allowed before the first FROM or after ONBUILD).
// Tokens completion has no business offering are left out by rules (an image that is no stage of
// the file, a flag the instruction does not have, a variable the file never declares, ...), each
// counted under its reason. A second sweep checks that nothing is offered where nothing fits:
// inside shell text, plain arguments (ENV, COPY paths...), ordinary comments and heredoc bodies.
// TYPING_SWEEP_REPORT=<file> writes the counts, the exclusions and every miss to that file.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CHECK_OPTIONS,
  CHMOD_MODES,
  DIRECTIVES,
  DURATION_EXAMPLES,
  EXPOSE_PROTOCOLS,
  PLATFORMS,
  getBuildCheck,
  getHadolintRule,
  getInstruction,
  getLabelKey,
  getMountOption,
  getMountType,
  getPredefinedArg,
  getSignal,
  type FlagFact,
} from '../../../server/src/facts';
import { TRIGGER_CHARACTERS, getCompletions } from '../../../server/src/services/completion';
import { inDirectiveBlock } from '../../../server/src/services/cursor';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import type { InstructionNode, NodeEntry } from '../../../server/src/syntax';
import { FILES_DIR, analyze as analyzeAt, listFiles, reportTo, tally } from './corpusFiles';
import { snippetDefault } from './snippetText';

const analyze = (text: string): AnalyzedDocument => analyzeAt(text, 'file:///typing/Dockerfile');

type Category =
  | 'keyword'
  | 'onbuild-keyword'
  | 'flag'
  | 'flag-value'
  | 'mount-type'
  | 'mount-key'
  | 'mount-value'
  | 'stage'
  | 'from-as'
  | 'variable'
  | 'directive-key'
  | 'directive-value'
  | 'healthcheck'
  | 'signal'
  | 'arg-name'
  | 'expose-protocol'
  | 'label-key'
  | 'pragma-code';

type Mode = 'file' | 'fresh' | 'inside';

/** A token of the file that completion should offer where it starts. */
interface Target {
  readonly category: Category;
  /** Where the completion edit starts (the `--` of a flag, the name after `$`). */
  readonly start: number;
  /** Where the characters counted as typed start (after `--`, `$` or `${`). */
  readonly typedFrom: number;
  /** End of the token in the file. */
  readonly end: number;
  /** The label expected in the list. */
  readonly label: string;
  readonly caseInsensitive: boolean;
  /** `fresh` deletes to the end of the physical line only (heredoc bodies, directives). */
  readonly lineOnly: boolean;
  /** Where `fresh` deletes to when not lineOnly: the end of the instruction. */
  readonly instructionEnd: number;
  /** A rule that applies only when the rest of the line is deleted (the mount type comes after the key). */
  readonly freshExcluded?: string;
  /** The token as the item writes it, when that is not the label (a directive key gets a space after `#`). */
  readonly written?: string;
  /** Why an offered label would be wrong at this place (a flag given elsewhere on the line...), if it would. */
  readonly unwanted?: (label: string, mode: Mode) => string | undefined;
}

interface Exclusion {
  readonly category: Category;
  readonly reason: string;
}

interface Miss {
  readonly file: string;
  /** The token missed, one key per token of a file. */
  readonly token: string;
  readonly category: Category;
  readonly mode: Mode;
  readonly typed: string;
  readonly label: string;
  readonly line: number;
  readonly problem: string;
}

/** The file with one deletion, parsed and analysed incrementally from the file's own analysis. */
function edited(original: AnalyzedDocument, edit: { start: number; end: number }, text: string): AnalyzedDocument {
  const tree = original.tree.edit({ start: edit.start, end: edit.end, text: '' });
  return analyzedDocument(TextDocument.create('file:///typing/Dockerfile', 'dockerfile', 2, text), tree, original);
}

function lineEndAt(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

/** End of an instruction's text without its final line break. */
function instructionEnd(text: string, start: number, length: number): number {
  let end = start + length;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return end;
}

class Collector {
  readonly targets: Target[] = [];
  readonly exclusions: Exclusion[] = [];

  constructor(
    readonly text: string,
    readonly doc: AnalyzedDocument,
  ) {}

  add(target: Omit<Target, 'lineOnly' | 'instructionEnd'> & Partial<Pick<Target, 'lineOnly' | 'instructionEnd'>>, exclusion?: string): void {
    if (exclusion !== undefined) {
      this.exclusions.push({ category: target.category, reason: exclusion });
      return;
    }
    // A token broken by a line continuation or written with quotes or escapes is not typed in one go
    // (comments and directives have no escapes).
    const written = this.text.slice(target.typedFrom, target.end);
    const escaped = !target.lineOnly && written.includes(this.doc.tree.escape);
    if (written.includes('\n') || escaped || /["']/.test(written)) {
      this.exclusions.push({ category: target.category, reason: 'token continued, quoted or escaped' });
      return;
    }
    this.targets.push({ lineOnly: false, instructionEnd: lineEndAt(this.text, target.end), ...target });
  }
}

function labsChannel(doc: AnalyzedDocument): boolean {
  return doc.tree.directives().some((d) => d.node.name === 'syntax' && d.node.value.text.includes('labs'));
}

function flagValueTarget(
  c: Collector,
  base: { start: number; end: number; instructionEnd: number },
  flag: FlagFact,
  value: string,
): void {
  const t = { category: 'flag-value' as const, start: base.start, typedFrom: base.start, end: base.end, label: value, caseInsensitive: false, instructionEnd: base.instructionEnd };
  if (value.startsWith('$')) return c.add(t, 'a variable (the variable category covers it)');
  switch (flag.value.kind) {
    case 'enum': {
      const values = flag.value.values.map((v) => v.value);
      const known = flag.value.caseSensitive ? values.includes(value) : values.some((v) => v.toLowerCase() === value.toLowerCase());
      return c.add({ ...t, caseInsensitive: !flag.value.caseSensitive }, known ? undefined : 'value the flag does not take');
    }
    case 'boolean':
      return c.add({ ...t, caseInsensitive: true }, /^(true|false)$/i.test(value) ? undefined : 'not a boolean');
    case 'platform':
      return c.add(t, PLATFORMS.some((p) => p.value === value) ? undefined : 'platform not among the offered examples');
    case 'chmod':
      return c.add(t, CHMOD_MODES.some((m) => m.value === value) ? undefined : 'mode not among the offered examples');
    case 'duration':
      return c.add(t, DURATION_EXAMPLES.includes(value) || value === flag.default ? undefined : 'duration not among the offered examples');
    default:
      return;
  }
}

function collectInstruction(c: Collector, entry: NodeEntry<InstructionNode>, node: InstructionNode, onbuild: boolean): void {
  const { doc, text } = c;
  const s = entry.start;
  const end = instructionEnd(text, s, entry.node.length);
  const bodyStart = entry.node.heredocs.length > 0 ? s + entry.node.heredocs[0].body.start : Infinity;
  const head = { instructionEnd: end };
  const instruction = getInstruction(node.name);
  const beforeFirstFrom = !doc.model.stages.some((stage) => stage.fromStart < s);

  const keyword = {
    category: onbuild ? ('onbuild-keyword' as const) : ('keyword' as const),
    start: s + node.keyword.start,
    typedFrom: s + node.keyword.start,
    end: s + node.keyword.end,
    label: node.keyword.text,
    caseInsensitive: true,
    ...head,
    unwanted: (label: string) => {
      const fact = getInstruction(label);
      if (onbuild) return fact?.allowedInOnbuild ? undefined : 'not an ONBUILD trigger';
      return beforeFirstFrom && fact?.name !== 'FROM' && fact?.name !== 'ARG' ? 'before the first FROM' : undefined;
    },
  };
  if (!instruction) c.add(keyword, 'unknown instruction');
  else if (onbuild && !instruction.allowedInOnbuild) c.add(keyword, 'not allowed as an ONBUILD trigger');
  else if (!onbuild && beforeFirstFrom && node.name !== 'FROM' && node.name !== 'ARG') c.add(keyword, 'not allowed before the first FROM');
  else c.add(keyword);
  if (!instruction) return;

  const seen = new Set<string>();
  const labs = labsChannel(doc);
  for (const flag of node.flags) {
    const name = flag.name.text;
    const fact = instruction.flags.find((f) => f.name === name);
    // A flag that may be given once is wrong where it is written elsewhere on the instruction
    // (before the cursor only, when the rest of the line is deleted).
    const unwanted = (label: string, mode: Mode) => {
      const other = node.flags.find((f) => f !== flag && `--${f.name.text}` === label && (mode !== 'fresh' || f.start < flag.start));
      return other && !instruction.flags.find((f) => f.name === other.name.text)?.repeatable ? 'given elsewhere on the instruction' : undefined;
    };
    const target = { category: 'flag' as const, start: s + flag.start, typedFrom: s + flag.name.start, end: s + flag.name.end, label: `--${name}`, caseInsensitive: false, ...head, unwanted };
    if (!fact) c.add(target, 'flag the instruction does not have');
    else if (seen.has(name) && !fact.repeatable) c.add(target, 'flag given twice');
    else if (fact.labs && !labs) c.add(target, 'labs flag without the labs channel');
    else c.add(target);
    seen.add(name);
    if (!fact || !flag.value || flag.value.start === flag.value.end) continue;
    const value = { start: s + flag.value.start, end: s + flag.value.end, ...head };
    if (fact.value.kind === 'stage') {
      const ref = doc.model.stageReferences.find((r) => r.span.start === value.start);
      const t = { category: 'stage' as const, start: value.start, typedFrom: value.start, end: value.end, label: flag.value.text, caseInsensitive: true, ...head };
      if (onbuild) c.add(t, 'stage of the child build (ONBUILD)');
      else if (!ref?.stage) c.add(t, 'not a stage of this file');
      else if (t.label.includes('$')) c.add(t, 'stage named through a variable');
      else c.add(t);
    } else if (fact.value.kind === 'mount') {
      collectMount(c, flag, s, head.instructionEnd, onbuild);
    } else {
      flagValueTarget(c, value, fact, flag.value.text);
    }
  }

  const args = node.argList;
  switch (node.name) {
    case 'FROM': {
      const image = args[0];
      if (image) {
        const ref = doc.model.stageReferences.find((r) => r.kind === 'from' && r.span.start === s + image.start);
        const t = { category: 'stage' as const, start: s + image.start, typedFrom: s + image.start, end: s + image.end, label: image.text, caseInsensitive: true, ...head };
        if (!ref?.stage) c.add(t, 'an image, not a stage of this file');
        else if (t.label.includes('$')) c.add(t, 'stage named through a variable');
        else c.add(t);
      }
      const as = args[1];
      if (as) c.add({ category: 'from-as', start: s + as.start, typedFrom: s + as.start, end: s + as.end, label: 'AS', caseInsensitive: true, ...head }, as.text.toUpperCase() === 'AS' ? undefined : 'not AS');
      break;
    }
    case 'HEALTHCHECK': {
      const type = node.healthcheckType;
      if (type) {
        const t = { category: 'healthcheck' as const, start: s + type.start, typedFrom: s + type.start, end: s + type.end, label: type.text, caseInsensitive: true, ...head };
        c.add(t, /^(CMD|NONE)$/i.test(type.text) ? undefined : 'neither CMD nor NONE');
      }
      break;
    }
    case 'STOPSIGNAL': {
      const signal = args[0];
      if (signal) {
        const t = { category: 'signal' as const, start: s + signal.start, typedFrom: s + signal.start, end: s + signal.end, label: signal.text, caseInsensitive: true, ...head };
        if (/^\d+$/.test(signal.text) || signal.text.includes('$')) c.add(t, 'a number or a variable');
        else if (!/^SIG/i.test(signal.text)) c.add(t, getSignal(signal.text) ? 'a name without SIG' : 'not a signal');
        else c.add(t);
      }
      break;
    }
    case 'ARG':
      for (const pair of node.pairs) {
        const t = { category: 'arg-name' as const, start: s + pair.key.start, typedFrom: s + pair.key.start, end: s + pair.key.end, label: pair.key.text, caseInsensitive: false, ...head };
        if (!getPredefinedArg(pair.key.text)) continue;
        if (onbuild) c.add(t, 'ONBUILD trigger');
        else if (doc.model.visibleAt(s).has(pair.key.text)) c.add(t, 'already in scope');
        else c.add(t);
      }
      break;
    case 'EXPOSE':
      for (const arg of args) {
        const slash = arg.text.indexOf('/');
        if (slash < 0) continue;
        const protocol = arg.text.slice(slash + 1);
        const t = { category: 'expose-protocol' as const, start: s + arg.start + slash + 1, typedFrom: s + arg.start + slash + 1, end: s + arg.end, label: protocol, caseInsensitive: true, ...head };
        if (arg.text.length !== arg.end - arg.start || arg.text.includes('$')) c.add(t, 'quoted or a variable');
        else c.add(t, EXPOSE_PROTOCOLS.some((p) => p.value === protocol.toLowerCase()) ? undefined : 'not a protocol');
      }
      break;
    case 'LABEL':
      for (const pair of node.pairs) {
        if (!getLabelKey(pair.key.text)) continue;
        c.add({ category: 'label-key', start: s + pair.key.start, typedFrom: s + pair.key.start, end: s + pair.key.end, label: pair.key.text, caseInsensitive: false, ...head });
      }
      break;
  }

  // Variables: the uses the model resolves to an ARG or ENV in scope.
  for (const ref of node.variables) {
    const use = doc.model.uses.find((u) => u.nameSpan.start === s + ref.nameSpan.start);
    const inBody = s + ref.start >= bodyStart;
    const t = {
      category: 'variable' as const,
      start: s + ref.nameSpan.start,
      typedFrom: s + ref.nameSpan.start,
      end: s + ref.nameSpan.end,
      label: ref.name,
      caseInsensitive: false,
      lineOnly: inBody,
      ...head,
    };
    if (!use) c.add(t, 'not a use the model knows');
    else if (onbuild) c.add(t, use.declaration?.kind === 'env' ? undefined : 'ONBUILD: only ENV is known to the child build');
    else if (use.declaration === undefined && !(use.predefined?.automatic && use.stage === -1)) c.add(t, 'not declared in this file');
    else if (ref.context.kind === 'heredoc' && !ref.context.expand && node.name !== 'RUN') c.add(t, 'quoted heredoc: not expanded');
    else if (ref.context.kind === 'exec') c.add(t, 'exec form: no shell expands it');
    else if (ref.context.kind === 'shell' && jsonArrayPrefix(text, s, node, ref.start)) c.add({ ...t, freshExcluded: 'typed fresh, the command could still be a JSON array' });
    else c.add(t);
  }
}

/** The command before `at` is also the start of a JSON array (`RUN [ "${A`), which no shell reads. */
function jsonArrayPrefix(text: string, s: number, node: InstructionNode, at: number): boolean {
  const command = node.name === 'HEALTHCHECK' ? node.argList[1] : node.argList[0];
  if (!command) return false;
  return /^\[\s*(?:"[^"]*"\s*,\s*)*(?:"[^"]*)?$/.test(text.slice(s + command.start, s + at + 2));
}

function collectMount(c: Collector, flag: InstructionNode['flags'][number], s: number, end: number, onbuild: boolean): void {
  const options = flag.mountOptions ?? [];
  const typeOption = options.find((o) => o.key.text.toLowerCase() === 'type');
  const type = typeOption?.value?.text ?? 'bind';
  if (!getMountType(type)) return;
  const seen = new Set<string>();
  for (const option of options) {
    const fact = getMountOption(type, option.key.text);
    // With the rest of the line deleted, a type written after the key is not known yet.
    const typeBefore = typeOption && typeOption.start <= option.start ? type : 'bind';
    const freshExcluded = getMountOption(typeBefore, option.key.text) ? undefined : 'key not valid for the type known before it';
    const unwanted = (label: string, mode: Mode) => {
      const given = options.some((o) => o !== option && (mode !== 'fresh' || o.start < option.start) && (getMountOption(type, o.key.text)?.key ?? o.key.text.toLowerCase()) === label);
      return given ? 'given elsewhere in the mount' : undefined;
    };
    const key = {
      unwanted,
      category: 'mount-key' as const,
      start: s + option.key.start,
      typedFrom: s + option.key.start,
      end: s + option.key.end,
      label: fact?.key ?? option.key.text,
      caseInsensitive: true,
      instructionEnd: end,
      ...(freshExcluded ? { freshExcluded } : {}),
    };
    if (!fact) c.add(key, 'key not valid for the mount type');
    else if (seen.has(fact.key)) c.add(key, 'key given twice');
    else c.add(key);
    if (fact) seen.add(fact.key);
    if (!fact || !option.value || option.value.start === option.value.end) continue;
    const value = option.value;
    const base = { start: s + value.start, typedFrom: s + value.start, end: s + value.end, label: value.text, caseInsensitive: true, instructionEnd: end };
    if (fact.key === 'type') c.add({ category: 'mount-type', ...base });
    else if (fact.key === 'from') {
      const ref = c.doc.model.stageReferences.find((r) => r.span.start === base.start);
      if (onbuild) c.add({ category: 'stage', ...base }, 'stage of the child build (ONBUILD)');
      else if (!ref?.stage) c.add({ category: 'stage', ...base }, 'not a stage of this file');
      else c.add({ category: 'stage', ...base }, base.label.includes('$') ? 'stage named through a variable' : undefined);
    } else if (fact.value.kind === 'enum') {
      const known = fact.value.values.some((v) => v.value.toLowerCase() === value.text.toLowerCase());
      c.add({ category: 'mount-value', ...base }, known ? undefined : 'value the key does not take');
    } else if (fact.value.kind === 'boolean') {
      c.add({ category: 'mount-value', ...base }, /^(true|false)$/i.test(value.text) ? undefined : 'not a boolean');
    }
  }
}

function collectDirectives(c: Collector): void {
  for (const { node, start } of c.doc.tree.directives()) {
    const lineEnd = lineEndAt(c.text, start);
    const line = { lineOnly: true, instructionEnd: lineEnd };
    // The item writes `# key`, with one space after `#`.
    const keyStart = start + node.key.start;
    const written = /#$/.test(c.text.slice(0, keyStart)) ? ` ${node.name}` : node.name;
    c.add({ category: 'directive-key', start: keyStart, typedFrom: keyStart, end: start + node.key.end, label: node.name, written, caseInsensitive: true, ...line });
    const value = node.value;
    if (value.start === value.end) continue;
    const base = { category: 'directive-value' as const, caseInsensitive: false, ...line };
    if (node.name === 'check') {
      // `skip=A,B;error=true`: each option key and each value.
      let offset = start + value.start;
      for (const part of value.text.split(';')) {
        const eq = part.indexOf('=');
        const keyText = (eq < 0 ? part : part.slice(0, eq)).trim();
        const keyStart = offset + part.indexOf(keyText);
        if (keyText && CHECK_OPTIONS.some((o) => o.name === keyText)) {
          c.add({ ...base, start: keyStart, typedFrom: keyStart, end: keyStart + keyText.length, label: keyText });
          if (eq >= 0) {
            let at = offset + eq + 1;
            for (const item of part.slice(eq + 1).split(',')) {
              const trimmed = item.trim();
              const itemStart = at + item.indexOf(trimmed);
              const known = keyText === 'error' ? /^(true|false)$/.test(trimmed) : trimmed === 'all' || getBuildCheck(trimmed) !== undefined;
              if (trimmed) c.add({ ...base, start: itemStart, typedFrom: itemStart, end: itemStart + trimmed.length, label: trimmed }, known ? undefined : 'not a check value');
              at += item.length + 1;
            }
          }
        }
        offset += part.length + 1;
      }
      continue;
    }
    const fact = DIRECTIVES.find((d) => d.name === node.name);
    const known = fact?.values.some((v) => v.value === value.text);
    c.add({ ...base, start: start + value.start, typedFrom: start + value.start, end: start + value.end, label: value.text }, known ? undefined : 'value not among the offered ones');
  }
}

/** The codes of `# hadolint ignore=A,B` comments, where they are hadolint's rules. */
function collectPragmas(c: Collector): void {
  c.doc.tree.forEach((node, start) => {
    if (node.kind !== 'comment') return;
    const line = c.text.slice(start + node.span.start, start + node.span.end);
    const match = /^(#\s*hadolint\s+(?:global\s+)?ignore\s*=\s*)(.*)$/.exec(line);
    if (!match) return;
    let at = start + node.span.start + match[1].length;
    for (const code of match[2].split(',')) {
      const trimmed = code.trim();
      const codeStart = at + code.indexOf(trimmed);
      const t = { category: 'pragma-code' as const, start: codeStart, typedFrom: codeStart, end: codeStart + trimmed.length, label: trimmed, caseInsensitive: false, lineOnly: true, instructionEnd: lineEndAt(c.text, codeStart) };
      c.add(t, getHadolintRule(trimmed) ? undefined : 'not a hadolint rule (ShellCheck...)');
      at += code.length + 1;
    }
  });
}

function collect(text: string, doc: AnalyzedDocument): Collector {
  const c = new Collector(text, doc);
  collectDirectives(c);
  collectPragmas(c);
  doc.tree.forEach((node, start, index) => {
    if (node.kind !== 'instruction') return;
    const entry = { node, start, index } as NodeEntry<InstructionNode>;
    collectInstruction(c, entry, node, false);
    if (node.trigger) collectInstruction(c, entry, node.trigger, true);
  });
  return c;
}

function rangeOfItem(item: CompletionItem, mode: Mode): { insert: Range; replace?: Range } | undefined {
  const edit = item.textEdit;
  if (!edit) return undefined;
  if ('range' in edit) return { insert: edit.range };
  return mode === 'inside' ? { insert: edit.insert, replace: edit.replace } : { insert: edit.insert };
}

function samePosition(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line === b.line && a.character === b.character;
}

interface Probe {
  readonly text: string;
  /** The deletion that made `text` from the file. */
  readonly edit?: { readonly start: number; readonly end: number };
  readonly cursor: number;
  readonly mode: Mode;
}

function probesOf(text: string, target: Target): Probe[] {
  const out: Probe[] = [];
  for (let k = 0; k <= 2 && target.typedFrom + k <= target.end; k++) {
    const cursor = target.typedFrom + k;
    out.push({ text: text.slice(0, cursor) + text.slice(target.end), cursor, mode: 'file', edit: { start: cursor, end: target.end } });
    if (target.freshExcluded === undefined) {
      const freshEnd = target.lineOnly ? lineEndAt(text, cursor) : target.instructionEnd;
      out.push({ text: text.slice(0, cursor) + text.slice(freshEnd), cursor, mode: 'fresh', edit: { start: cursor, end: freshEnd } });
    }
    // Inside the token, the cursor at its start and after one character are the two cases.
    if (cursor < target.end && k < 2) out.push({ text, cursor, mode: 'inside' });
  }
  return out;
}

/** The triggers a client would send at the cursor: always an explicit request; the character just typed when it is a trigger. */
function triggersAt(text: string, cursor: number): (string | undefined)[] {
  const before = text[cursor - 1];
  // A space pops the list only where the next word has a small vocabulary; typing the first
  // character asks again, and Ctrl+Space always does.
  if (before !== undefined && before !== ' ' && TRIGGER_CHARACTERS.includes(before)) return [undefined, before];
  return [undefined];
}

function check(file: string, originalText: string, target: Target, probe: Probe, doc: AnalyzedDocument, misses: Miss[]): void {
  const position = doc.text.positionAt(probe.cursor);
  const typed = probe.text.slice(target.start, probe.cursor);
  const miss = (problem: string): void =>
    void misses.push({ file, token: `${file}@${target.start}`, category: target.category, mode: probe.mode, typed, label: target.label, line: position.line + 1, problem });
  for (const trigger of triggersAt(probe.text, probe.cursor)) {
    const items = getCompletions(doc, position, { snippets: true, format: 'plaintext', insertReplace: probe.mode === 'inside', ...(trigger ? { triggerCharacter: trigger } : {}) }).items;
    const wanted = target.caseInsensitive ? target.label.toLowerCase() : target.label;
    const found = items.find((i) => (target.caseInsensitive ? i.label.toLowerCase() : i.label) === wanted);
    if (!found) return miss(`not offered${trigger ? ` (trigger ${JSON.stringify(trigger)})` : ''}; ${items.length} items${items.length ? `: ${items.slice(0, 4).map((i) => i.label).join(', ')}` : ''}`);
    if (target.unwanted) {
      const wrong = items.map((i) => [i.label, target.unwanted!(i.label, probe.mode)] as const).find(([, why]) => why !== undefined);
      if (wrong) return miss(`offers ${wrong[0]}: ${wrong[1]}`);
    }
    const range = rangeOfItem(found, probe.mode);
    if (!range) return miss('no textEdit');
    if (!samePosition(range.insert.start, doc.text.positionAt(target.start)) || !samePosition(range.insert.end, position)) {
      return miss(`range ${JSON.stringify(range.insert)} is not the typed ${JSON.stringify(typed)}`);
    }
    if (probe.mode === 'inside') {
      const replaceEnd = range.replace?.end ?? range.insert.end;
      if (!samePosition(replaceEnd, doc.text.positionAt(target.end))) return miss(`replace range ends at ${replaceEnd.character}, not at the token's end`);
    }
    // Accepting the file's own token where the rest of the file is still there gives the file back.
    if (probe.mode !== 'fresh') {
      const edit = probe.mode === 'inside' ? (range.replace ?? range.insert) : range.insert;
      const newText = found.insertTextFormat === InsertTextFormat.Snippet ? snippetDefault(found.textEdit!.newText) : found.textEdit!.newText;
      const applied = probe.text.slice(0, doc.text.offsetAt(edit.start)) + newText + probe.text.slice(doc.text.offsetAt(edit.end));
      // The file with its token written as the item writes it (an alias such as `rw` as `readwrite`).
      const rest = probe.mode === 'inside' ? probe.text.slice(target.end) : probe.text.slice(probe.cursor);
      const original = originalText.slice(0, target.start) + (target.written ?? target.label) + rest;
      const at = doc.text.offsetAt(edit.start);
      const same = target.caseInsensitive ? applied.toLowerCase() === original.toLowerCase() : applied === original;
      if (!same) return miss(`accepting gives ${JSON.stringify(applied.slice(at, at + newText.length + 12))}`);
    }
  }
}

type Quiet = 'shell' | 'arguments' | 'comment' | 'heredoc';

/** Word starts, and offsets right after a trigger character, in [from, to]. */
function wordOffsets(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  const space = (j: number) => j < from || /\s/.test(text[j] ?? ' ');
  for (let i = from; i <= to; i++) {
    if ((space(i - 1) && !space(i)) || (i > from && TRIGGER_CHARACTERS.includes(text[i - 1]!))) out.push(i);
  }
  return out;
}

/**
 * Offsets where nothing fits: shell text, the arguments of instructions without a vocabulary (ENV,
 * COPY, WORKDIR...), ordinary comments, heredoc bodies; a `$name` being typed aside.
 */
function quietOffsets(text: string, doc: AnalyzedDocument): { offset: number; where: Quiet }[] {
  const out: { offset: number; where: Quiet }[] = [];
  doc.tree.forEach((node, start, index) => {
    if (node.kind === 'comment') {
      const content = node.content;
      if (/^(check|hadolint)\b/i.test(content)) return;
      // In the leading block the first word may still become a directive.
      const from = start + node.span.start;
      const firstWord = /^#\s*\S*/.exec(doc.tree.slice(from, start + node.span.end))![0].length;
      const skipFirst = inDirectiveBlock(doc, index);
      for (const offset of wordOffsets(text, skipFirst ? from + firstWord + 1 : from + 1, start + node.span.end)) out.push({ offset, where: 'comment' });
      return;
    }
    if (node.kind !== 'instruction') return;
    // (Before the `#` of a comment line, typing makes the line part of the instruction.)
    for (const span of node.innerComments) for (const offset of wordOffsets(text, start + span.start + 1, start + span.end)) out.push({ offset, where: 'comment' });
    for (const heredoc of node.heredocs) {
      const end = heredoc.terminator ? start + heredoc.terminator.start : start + heredoc.body.end;
      for (const offset of wordOffsets(text, start + heredoc.body.start, end)) out.push({ offset, where: 'heredoc' });
    }
    // Instructions whose arguments have a vocabulary somewhere (a stage, a key, a signal...) aside.
    if (!node.args || ['FROM', 'ARG', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL', 'ONBUILD'].includes(node.name)) return;
    const where = ['RUN', 'CMD', 'ENTRYPOINT'].includes(node.name) ? 'shell' : 'arguments';
    const argsEnd = Math.min(start + node.args.end, node.heredocs.length > 0 ? start + node.heredocs[0].body.start : Infinity);
    // Before the first word a flag still fits; after the `/` of an EXPOSE port, a protocol.
    for (const offset of wordOffsets(text, start + node.args.start + 1, argsEnd)) {
      if (!(node.name === 'EXPOSE' && text[offset - 1] === '/')) out.push({ offset, where });
    }
  });
  const lineText = (offset: number) => text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  // A variable being typed: `$name`, or `%name` in the text cmd runs (a Windows stage's default shell).
  const cmdVariable = (offset: number) => /%[A-Za-z0-9_()]*$/.test(lineText(offset)) && doc.model.shellAt(doc.tree.nodeIndexAt(offset - 1))?.kind === 'cmd';
  return out.filter(({ offset }) => !/\$\{?[A-Za-z0-9_]*$/.test(lineText(offset)) && !cmdVariable(offset));
}

function quietSweep(files: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();

  for (const file of files) {
    const text = readFileSync(path.join(FILES_DIR, file), 'utf8');
    const doc = analyze(text);
    for (const { offset, where } of quietOffsets(text, doc)) {
      const position = doc.text.positionAt(offset);
      const before = text[offset - 1];
      // At a word start, what a space or Ctrl+Space asks; after a trigger character, what it asks.
      const trigger = before !== undefined && TRIGGER_CHARACTERS.includes(before) ? before : undefined;
      const triggers = trigger === undefined ? [undefined] : trigger === ' ' ? [undefined, ' '] : [trigger];
      for (const trigger of triggers) {
        const all = getCompletions(doc, position, { snippets: true, format: 'plaintext', ...(trigger ? { triggerCharacter: trigger } : {}) }).items;
        // Among plain arguments, only a COPY or ADD destination has a vocabulary: the WORKDIRs above, as folders.
        const items = where === 'arguments' ? all.filter((i) => i.kind !== CompletionItemKind.Folder) : all;
        if (items.length === 0) continue;
        const list = found.get(where) ?? [];
        const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        list.push(`${file}:${position.line + 1} ${JSON.stringify(text.slice(lineStart, offset))}|${trigger ? ` (trigger ${JSON.stringify(trigger)})` : ''}: ${items.length} items: ${items.slice(0, 3).map((i) => i.label).join(', ')}`);
        found.set(where, list);
      }
    }
  }
  return found;
}

interface SweepResult {
  readonly counts: Map<Category, { probes: number; targets: number }>;
  readonly exclusions: Map<string, number>;
  readonly misses: Miss[];
}

function sweep(files: readonly string[]): SweepResult {
  const counts = new Map<Category, { probes: number; targets: number }>();
  const exclusions = new Map<string, number>();
  const misses: Miss[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(FILES_DIR, file), 'utf8');
    const original = analyze(text);
    const collected = collect(text, original);
    for (const e of collected.exclusions) exclusions.set(`${e.category}: ${e.reason}`, (exclusions.get(`${e.category}: ${e.reason}`) ?? 0) + 1);
    for (const target of collected.targets) {
      const count = counts.get(target.category) ?? { probes: 0, targets: 0 };
      count.targets++;
      for (const probe of probesOf(text, target)) {
        count.probes++;
        const doc = probe.edit ? edited(original, probe.edit, probe.text) : original;
        check(file, text, target, probe, doc, misses);
      }
      counts.set(target.category, count);
    }
  }
  return { counts, exclusions, misses };
}

const report = (lines: readonly string[]): void => reportTo('TYPING_SWEEP_REPORT', lines);

/** What kind of miss: not offered, a wrong edit range, a wrong offer, or an edit that garbles the line. */
function kindOf(miss: Miss): string {
  if (miss.problem.startsWith('not offered')) return 'not-offered';
  if (miss.problem.startsWith('range') || miss.problem.startsWith('no textEdit')) return 'range';
  if (miss.problem.startsWith('replace range')) return 'replace-range';
  if (miss.problem.startsWith('offers')) return 'wrong-offer';
  return 'accept-garbles';
}

// Each sweep takes 4-8 s on an idle 2-core machine and over 30 s when other work shares it: the bound
// is there to catch a hang, not to time the sweep.
const SWEEP_TIMEOUT = 180_000;

describe('typing sweep over the real-world corpus', () => {
  const files = listFiles();

  // In two halves (every other file), so that neither test runs long on a busy machine.
  it.each([0, 1])('offers the token the file has, replacing what was typed (every other file, from file %i)', (half) => {
    const result = sweep(files.filter((_, i) => i % 2 === half));
    report([
      `files ${half}, ${half}+2...`,
      ...[...result.counts].map(([c, n]) => `${c}: ${n.targets} tokens, ${n.probes} probes`),
      ...[...result.exclusions].map(([r, n]) => `excluded ${n}\t${r}`),
      ...Object.entries(tally(result.misses, (m) => `${m.category}/${m.mode}`)).map(([c, n]) => `misses ${n}\t${c}`),
      ...Object.entries(tally([...new Map(result.misses.map((m) => [`${m.token} ${kindOf(m)}`, m])).values()], (m) => `${m.category} ${kindOf(m)}`)).map(
        ([c, n]) => `tokens missed ${n}\t${c}`,
      ),
      ...result.misses.map((m) => `${m.category} ${m.mode} ${m.file}:${m.line} typed ${JSON.stringify(m.typed)} want ${m.label}: ${m.problem}`),
    ]);
    expect(tally(result.misses, (m) => m.category)).toEqual({});
  }, SWEEP_TIMEOUT);

  it('offers nothing inside shell text, plain arguments, comments and heredoc bodies', () => {
    // Every other file (168,000 offsets in all would take long): about 80,000 offsets.
    const found = quietSweep(files.filter((_, i) => i % 2 === 0));
    report([...found].flatMap(([where, list]) => [`quiet ${where}: ${list.length}`, ...list.map((l) => '  ' + l)]));
    expect(Object.fromEntries([...found].map(([where, list]) => [where, list.length]))).toEqual({});
  }, SWEEP_TIMEOUT);
});
