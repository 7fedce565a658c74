// The hover sweep: over every real-world file of the corpus, the mouse is put on the first, middle
// and last character of every token the server documents (a keyword, a flag and its value, a mount
// key or value, a directive and its value, a `# check=` option or rule, HEALTHCHECK CMD/NONE, a
// signal, an EXPOSE port, a predefined ARG, a label key, a variable (declared or not), a stage name
// or reference, an image, FROM's AS). A hover must come back whose range is exactly the token, with
// text, and with the reference link where the documentation comes from the facts.
// A second sweep checks that nothing comes back where nothing is documented: the words of shell
// commands (RUN, CMD, ENTRYPOINT: `$NAME` and heredoc markers aside) and ordinary comments.
// HOVER_SWEEP_REPORT=<file> writes the counts, the exclusions and every miss to that file.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHECK_OPTIONS,
  getBuildCheck,
  getFlag,
  getInstruction,
  getLabelKey,
  getMountKey,
  getMountType,
  getPredefinedArg,
  getSignal,
} from '../../../server/src/facts';
import { getHover } from '../../../server/src/services/hover';
import type { AnalyzedDocument } from '../../../server/src/services/document';
import { logicalLineOf, scanShellVariables, type InstructionNode, type LexedReference, type Span } from '../../../server/src/syntax';
import { FILES_DIR, analyze, listFiles, reportTo, tally } from './corpusFiles';

type Category =
  | 'keyword'
  | 'onbuild-keyword'
  | 'flag'
  | 'flag-value'
  | 'mount-key'
  | 'mount-type'
  | 'mount-value'
  | 'directive-key'
  | 'directive-value'
  | 'check-option'
  | 'check-rule'
  | 'healthcheck'
  | 'signal'
  | 'expose'
  | 'arg-name'
  | 'label-key'
  | 'variable'
  | 'undeclared-variable'
  | 'stage'
  | 'from-as'
  | 'image';

interface Target {
  readonly category: Category;
  readonly start: number;
  readonly end: number;
  /** The documentation comes from the facts, so it ends with the reference link. */
  readonly link: boolean;
  /** The offsets the mouse is put on. */
  readonly probes: readonly number[];
}

interface Miss {
  readonly file: string;
  readonly category: Category;
  readonly line: number;
  readonly token: string;
  readonly problem: string;
}

class Collector {
  readonly targets: Target[] = [];
  readonly exclusions = new Map<string, number>();

  constructor(readonly doc: AnalyzedDocument) {}

  add(category: Category, start: number, end: number, link: boolean, exclusion?: string, probed: (offset: number) => boolean = () => true): void {
    if (start === end) return;
    // Where a variable is written inside the token, its own hover wins; the rest of the token is probed.
    const variable = category === 'variable' || category === 'undeclared-variable';
    const probes = probeOffsets(start, end).filter((offset) => probed(offset) && (variable || !this.doc.model.useAt(offset)));
    if (exclusion === undefined && probes.length === 0) exclusion = variable ? 'nothing but nested references' : 'nothing but variables';
    if (exclusion !== undefined) {
      const key = `${category}: ${exclusion}`;
      this.exclusions.set(key, (this.exclusions.get(key) ?? 0) + 1);
      return;
    }
    this.targets.push({ category, start, end, link, probes });
  }
}

/** `skip=A,B;error=true` at `base`: each option name and each value. */
function collectCheck(c: Collector, text: string, base: number): void {
  let offset = base;
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const keyStart = offset + part.indexOf(key);
    if (key && CHECK_OPTIONS.some((o) => o.name === key)) {
      c.add('check-option', keyStart, keyStart + key.length, true);
      if (eq >= 0 && key === 'error') {
        c.add('check-option', offset + eq + 1, offset + part.length, true);
      } else if (eq >= 0) {
        let at = offset + eq + 1;
        for (const item of part.slice(eq + 1).split(',')) {
          const name = item.trim();
          const itemStart = at + item.indexOf(name);
          const check = getBuildCheck(name);
          if (name) c.add('check-rule', itemStart, itemStart + name.length, check ? check.url !== '' : true, check || name === 'all' ? undefined : 'not a check');
          at += item.length + 1;
        }
      }
    }
    offset += part.length + 1;
  }
}

function collectComments(c: Collector): void {
  const { doc } = c;
  for (const { node, start } of doc.tree.directives()) {
    c.add('directive-key', start + node.key.start, start + node.key.end, true);
    if (node.name === 'check') collectCheck(c, node.value.text, start + node.value.start);
    else c.add('directive-value', start + node.value.start, start + node.value.end, true);
  }
  doc.tree.forEach((node, start) => {
    if (node.kind !== 'comment') return;
    const line = doc.tree.slice(start + node.span.start, start + node.span.end);
    const match = /^(#\s*)(check)(\s*=\s*)(.*?)\s*$/i.exec(line);
    if (!match) return;
    const keyStart = start + node.span.start + match[1].length;
    c.add('directive-key', keyStart, keyStart + match[2].length, true);
    collectCheck(c, match[4], keyStart + match[2].length + match[3].length);
  });
}

function collectInstruction(c: Collector, s: number, nodeIndex: number, node: InstructionNode, onbuild: boolean): void {
  const { doc } = c;
  const instruction = getInstruction(node.name);
  c.add(onbuild ? 'onbuild-keyword' : 'keyword', s + node.keyword.start, s + node.keyword.end, true, instruction ? undefined : 'unknown instruction');
  if (!instruction) return;
  const reference = (at: number) => doc.model.stageReferences.find((r) => r.nodeIndex === nodeIndex && r.span.start === at);

  for (const flag of node.flags) {
    const fact = getFlag(node.name, flag.name.text);
    c.add('flag', s + flag.start, s + flag.name.end, true, fact ? undefined : 'flag the instruction does not have');
    if (!fact || !flag.value) continue;
    const value = flag.value;
    if (fact.value.kind === 'stage') {
      const ref = reference(s + value.start);
      c.add('stage', s + value.start, s + value.end, false, ref ? undefined : 'no stage reference in the model (ONBUILD)');
    } else if (fact.value.kind === 'mount') {
      const options = flag.mountOptions ?? [];
      const type = getMountType(options.find((o) => o.key.text.toLowerCase() === 'type')?.value?.text ?? 'bind')?.type;
      if (!type) continue;
      for (const option of options) {
        // Keys that change nothing on this type, or that it refuses, say so: every key a mount type knows hovers.
        const meaning = getMountKey(type, option.key.text);
        c.add('mount-key', s + option.key.start, s + option.key.end, true, meaning ? undefined : 'key no mount type has');
        if (!meaning || !option.value) continue;
        const v = option.value;
        const key = meaning.kind === 'option' ? meaning.option : undefined;
        if (key?.key === 'type') c.add('mount-type', s + v.start, s + v.end, true);
        else if (option.key.text.toLowerCase() === 'from') c.add('stage', s + v.start, s + v.end, false, reference(s + v.start) ? undefined : 'no stage reference in the model (ONBUILD)');
        else if (!key || key.value.kind === 'enum' || key.value.kind === 'boolean') c.add('mount-value', s + v.start, s + v.end, true);
      }
    } else {
      c.add('flag-value', s + value.start, s + value.end, true);
    }
  }

  const args = node.argList;
  switch (node.name) {
    case 'FROM': {
      const image = args[0];
      if (image) {
        const ref = reference(s + image.start);
        c.add(ref?.stage ? 'stage' : 'image', s + image.start, s + image.end, false, ref ? undefined : 'no reference in the model');
      }
      if (args[1]?.text.toUpperCase() === 'AS') {
        c.add('from-as', s + args[1].start, s + args[1].end, true);
        const stage = doc.model.stages.find((st) => st.nodeIndex === nodeIndex);
        if (args[2]) c.add('stage', s + args[2].start, s + args[2].end, false, stage?.nameSpan ? undefined : 'no stage name in the model (ONBUILD)');
      }
      break;
    }
    case 'HEALTHCHECK':
      if (node.healthcheckType) c.add('healthcheck', s + node.healthcheckType.start, s + node.healthcheckType.end, true, /^(CMD|NONE)$/i.test(node.healthcheckType.text) ? undefined : 'neither CMD nor NONE');
      break;
    case 'STOPSIGNAL':
      if (args[0]) c.add('signal', s + args[0].start, s + args[0].end, true, getSignal(args[0].text) ? undefined : 'not a signal');
      break;
    case 'EXPOSE':
      for (const arg of args) c.add('expose', s + arg.start, s + arg.end, true, /^\d+(-\d+)?(\/[A-Za-z]*)?$/.test(arg.text) ? undefined : 'a variable, not a port');
      break;
    case 'ARG':
      for (const pair of node.pairs) if (getPredefinedArg(pair.key.text)) c.add('arg-name', s + pair.key.start, s + pair.key.end, true, onbuild ? 'in an ONBUILD trigger: no declaration in the model' : undefined);
      break;
    case 'LABEL':
      for (const pair of node.pairs) if (getLabelKey(pair.key.text)) c.add('label-key', s + pair.key.start, s + pair.key.end, true);
      break;
  }

  for (const ref of node.variables) {
    const use = doc.model.uses.find((u) => u.nameSpan.start === s + ref.nameSpan.start);
    const known = use && (use.declaration !== undefined || use.predefined !== undefined);
    let exclusion: string | undefined;
    if (!use) exclusion = 'not a use the model knows';
    // A name the file does not declare is the shell's own, or unset: the hover says which.
    // In `${A:-$B}`, the mouse on `$B` is on B: A is probed around it.
    const inner = node.variables.filter((other) => other !== ref && other.start >= ref.start && other.end <= ref.end);
    const outside = (offset: number) => !inner.some((other) => s + other.start <= offset && offset <= s + other.end);
    c.add(known ? 'variable' : 'undeclared-variable', s + ref.start, s + ref.end, ref.operator !== undefined, exclusion, outside);
  }
}

function collect(doc: AnalyzedDocument): Collector {
  const c = new Collector(doc);
  collectComments(c);
  doc.tree.forEach((node, start, index) => {
    if (node.kind !== 'instruction') return;
    collectInstruction(c, start, index, node, false);
    if (node.trigger) collectInstruction(c, start, index, node.trigger, true);
  });
  return c;
}

/** The first, middle and last character of a token. */
function probeOffsets(start: number, end: number): number[] {
  return [...new Set([start, Math.floor((start + end - 1) / 2), end - 1])];
}

function checkTarget(file: string, doc: AnalyzedDocument, target: Target, misses: Miss[]): void {
  const token = doc.tree.slice(target.start, target.end);
  for (const offset of target.probes) {
    const position = doc.text.positionAt(offset);
    const miss = (problem: string) => void misses.push({ file, category: target.category, line: position.line + 1, token, problem: `at ${offset - target.start}: ${problem}` });
    const hover = getHover(doc, position, 'markdown');
    if (!hover) return miss('no hover');
    const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    const range = hover.range!;
    const start = doc.text.offsetAt(range.start);
    const end = doc.text.offsetAt(range.end);
    if (start !== target.start || end !== target.end) return miss(`range is ${JSON.stringify(doc.tree.slice(start, end))}`);
    if (value.trim() === '') return miss('empty text');
    if (target.link && !/\]\(https?:\/\/[^)]+\)/.test(value)) return miss(`no reference link: ${JSON.stringify(value.slice(0, 80))}`);
  }
}

interface SweepResult {
  readonly counts: Map<Category, number>;
  readonly exclusions: Map<string, number>;
  readonly misses: Miss[];
}

function sweep(files: readonly string[]): SweepResult {
  const counts = new Map<Category, number>();
  const exclusions = new Map<string, number>();
  const misses: Miss[] = [];
  for (const file of files) {
    const doc = analyze(readFileSync(path.join(FILES_DIR, file), 'utf8'));
    const c = collect(doc);
    for (const [reason, n] of c.exclusions) exclusions.set(reason, (exclusions.get(reason) ?? 0) + n);
    for (const target of c.targets) {
      counts.set(target.category, (counts.get(target.category) ?? 0) + 1);
      checkTarget(file, doc, target, misses);
    }
  }
  return { counts, exclusions, misses };
}

type Quiet = 'shell' | 'comment';

/** Word starts and word middles in [from, to). */
function wordOffsets(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    out.push(m.index);
    const middle = m.index + Math.floor(m[0].length / 2);
    if (middle < to) out.push(middle);
  }
  return out;
}

/** Offsets where nothing is documented: the words of shell commands, and ordinary comments. */
function quietOffsets(doc: AnalyzedDocument): { offset: number; where: Quiet }[] {
  const out: { offset: number; where: Quiet }[] = [];
  const text = doc.tree.slice(0, doc.tree.length);
  doc.tree.forEach((node, start, index) => {
    if (node.kind === 'comment') {
      if (/^\s*(check|hadolint)\b/i.test(node.content)) return;
      for (const offset of wordOffsets(text, start + node.span.start, start + node.span.end)) out.push({ offset, where: 'comment' });
      return;
    }
    if (node.kind !== 'instruction') return;
    for (const span of node.innerComments) for (const offset of wordOffsets(text, start + span.start, start + span.end)) out.push({ offset, where: 'comment' });
    if (!['RUN', 'CMD', 'ENTRYPOINT'].includes(node.name) || !node.args) return;
    // `$NAME` (declared or the shell's own, or kept as written in single quotes) and heredoc markers have hovers of their own.
    const taken = [
      ...doc.model.usesInNode(index).map((u) => u.span),
      ...singleQuotedSpans(doc, node, start, index),
      ...node.heredocs.flatMap((h) => [h.marker, h.terminator].filter((s) => s !== undefined).map((s) => ({ start: start + s.start, end: start + s.end }))),
      ...node.innerComments.map((s) => ({ start: start + s.start, end: start + s.end })),
    ];
    const end = start + (node.heredocs.length > 0 ? Math.max(node.args.end, ...node.heredocs.map((h) => h.body.end)) : node.args.end);
    for (const offset of wordOffsets(text, start + node.args.start, end)) {
      if (!taken.some((s) => s.start <= offset && offset <= s.end)) out.push({ offset, where: 'shell' });
    }
  });
  return out;
}

/** The `$NAME` a POSIX shell-form command keeps in single quotes, which hover explains. */
function singleQuotedSpans(doc: AnalyzedDocument, node: InstructionNode, start: number, index: number): Span[] {
  if (node.json || !node.args || doc.model.shellAt(index)?.kind !== 'posix') return [];
  const logical = logicalLineOf(node, doc.tree.nodeText(index));
  const quoted: LexedReference[] = [];
  scanShellVariables(logical.text, logical.logicalOffset(node.args.start), logical.logicalOffset(node.args.end), { singleQuoted: quoted });
  return quoted.map((r) => ({ start: start + logical.sourceStart(r.start), end: start + logical.sourceEnd(r.end) }));
}

function quietSweep(files: readonly string[], counted: Map<Quiet, number>): Map<Quiet, string[]> {
  const found = new Map<Quiet, string[]>();
  for (const file of files) {
    const doc = analyze(readFileSync(path.join(FILES_DIR, file), 'utf8'));
    for (const { offset, where } of quietOffsets(doc)) {
      const position = doc.text.positionAt(offset);
      counted.set(where, (counted.get(where) ?? 0) + 1);
      const hover = getHover(doc, position, 'markdown');
      if (!hover) continue;
      const range = hover.range!;
      const list = found.get(where) ?? [];
      list.push(`${file}:${position.line + 1}:${position.character} hover on ${JSON.stringify(doc.tree.slice(doc.text.offsetAt(range.start), doc.text.offsetAt(range.end)))}`);
      found.set(where, list);
    }
  }
  return found;
}

const report = (lines: readonly string[]): void => reportTo('HOVER_SWEEP_REPORT', lines);

describe('hover sweep over the real-world corpus', () => {
  const files = listFiles();

  it('answers on every documented token, with exactly its range and its reference link', () => {
    const result = sweep(files);
    report([
      ...[...result.counts].map(([c, n]) => `${c}: ${n} tokens`),
      ...[...result.exclusions].map(([r, n]) => `excluded ${n}\t${r}`),
      ...Object.entries(tally(result.misses, (m) => m.category)).map(([c, n]) => `misses ${n}\t${c}`),
      ...result.misses.map((m) => `${m.category} ${m.file}:${m.line} ${JSON.stringify(m.token)} ${m.problem}`),
    ]);
    expect(result.counts.get('keyword')).toBeGreaterThan(1000);
    expect(tally(result.misses, (m) => m.category)).toEqual({});
  });

  it('answers nothing on the words of shell commands and in ordinary comments', () => {
    const counted = new Map<Quiet, number>();
    const found = quietSweep(files, counted);
    report([
      ...[...counted].map(([where, n]) => `quiet ${where}: ${n} offsets`),
      ...[...found].flatMap(([where, list]) => [`quiet ${where}: ${list.length} hovers`, ...list.map((l) => '  ' + l)]),
    ]);
    expect(counted.get('shell')).toBeGreaterThan(10000);
    expect(counted.get('comment')).toBeGreaterThan(1000);
    expect(Object.fromEntries([...found].map(([where, list]) => [where, list.length]))).toEqual({});
  });
});
