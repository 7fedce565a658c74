// The signature help typing simulation: files of the real-world corpus and tricky lines of our own,
// with the cursor put at every offset of every instruction line, two ways:
//   file   the document as it is, the cursor inside it (words after the cursor count);
//   typed  the document cut at the cursor, as when it is being typed from left to right.
// At each offset an oracle built from the parsed instruction says what must come back: nothing on
// the keyword, in comments, heredoc bodies or past the line's end; else the instruction's forms
// with the form being written active (exec or shell, FROM's AS, COPY's sources and destination,
// HEALTHCHECK NONE or CMD, ENV's legacy form, the ONBUILD trigger's own forms) and the parameter
// under the cursor active; inside a flag's value, the flag, and for `--mount` its type's options
// with the option under the cursor active. Offsets are sampled in the corpus (every thirteenth, and
// every one in every 29th file; fewer typed, as each is parsed afresh) to keep the run short.
// SIGNATURE_TYPING_REPORT=<file> writes the counts and every miss to that file.

import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SignatureHelp } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getInstruction, getMountOption, getMountType } from '../../../server/src/facts';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getSignatureHelp } from '../../../server/src/services/signatureHelp';
import { SyntaxTree, type InstructionNode, type NodeEntry, type Token } from '../../../server/src/syntax';
import { FILES_DIR, listFiles, reportTo, tally } from './corpusFiles';

/** What signature help must answer at an offset; `undefined` where the oracle has no opinion. */
type Expected =
  | { readonly kind: 'none' }
  /** `form`: the active signature's label; `parameters`: the labels any of which may be active. */
  | { readonly kind: 'form'; readonly forms: readonly string[]; readonly form: readonly string[]; readonly parameters: readonly string[] }
  | { readonly kind: 'flag'; readonly label: string; readonly parameters: readonly string[] };

function analyze(text: string): AnalyzedDocument {
  return analyzedDocument(TextDocument.create('file:///typing/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
}

const within = (o: number, span: { start: number; end: number }) => span.start <= o && o <= span.end;

/** Index of the word under `o` (touching it), or of the word a new one typed at `o` would be. */
function wordIndex(words: readonly { start: number; end: number }[], o: number): { index: number; total: number } {
  const at = words.findIndex((w) => within(o, w));
  if (at >= 0) return { index: at, total: words.length };
  const before = words.filter((w) => w.end < o).length;
  return { index: before, total: words.length + 1 };
}

function formsOf(name: string, prefix: string): string[] {
  return getInstruction(name)!.forms.map((f) => prefix + f.label);
}

function expectedFor(doc: AnalyzedDocument, offset: number, typed: boolean): Expected | undefined {
  const entry = doc.tree.entryAt(offset) ?? (offset > 0 ? doc.tree.entryAt(offset - 1) : undefined);
  if (!entry) return { kind: 'none' };
  const text = doc.tree.slice(0, doc.tree.length);
  const rel = offset - entry.start;
  const node = entry.node;
  if (node.kind !== 'instruction') {
    // Comments (a `# check=` above an instruction has its own help), blank lines, directives.
    if (node.kind === 'directive') return undefined;
    if (node.kind === 'comment' && /^#\s*(check|syntax|escape)\s*=/i.test(text.slice(entry.start + node.span.start, offset))) return undefined;
    return { kind: 'none' };
  }
  let end = node.length;
  while (end > 0 && /[\r\n]/.test(text[entry.start + end - 1])) end--;
  if (node.heredocs.length > 0) {
    const body = node.heredocs[0].body.start;
    if (rel >= body && text[entry.start + body - 1] === '\n') return { kind: 'none' };
    end = Math.min(end, body);
  }
  // Past the node's own text: the start of the next line, unless the document ends in a continuation.
  if (rel > end) return undefined;
  if (node.innerComments.some((c) => c.start <= rel && rel <= c.end)) return { kind: 'none' };
  // In the indentation of a comment line the cursor is before the comment, in no word: no opinion.
  if (node.innerComments.some((c) => rel < c.start && !/\S/.test(text.slice(entry.start + rel, entry.start + c.start)))) return undefined;
  // Between a continuation's escape and its line break the cursor is in no word; the oracle has no
  // opinion there (the help must match that of the escape's start, checked separately).
  if (node.continuations.some((c) => c.start < rel && rel <= end && !/\S/.test(text.slice(entry.start + c.start + 1, offset)) && rel <= lineEnd(text, entry.start + c.start) - entry.start)) return undefined;
  if (!getInstruction(node.name)) return { kind: 'none' };
  if (rel <= node.keyword.end) return { kind: 'none' };
  let owner: InstructionNode = node;
  let prefix = '';
  if (node.name === 'ONBUILD' && node.trigger) {
    if (rel <= node.trigger.keyword.end) return { kind: 'form', forms: formsOf('ONBUILD', ''), form: ['ONBUILD <instruction>'], parameters: ['<instruction>'] };
    owner = node.trigger;
    prefix = 'ONBUILD ';
    if (!getInstruction(owner.name)) return { kind: 'none' };
  } else if (node.name === 'ONBUILD') {
    return { kind: 'form', forms: formsOf('ONBUILD', ''), form: ['ONBUILD <instruction>'], parameters: ['<instruction>'] };
  }
  return instructionExpectation(doc, text, entry as NodeEntry<InstructionNode>, owner, rel, prefix, typed);
}

/** Whether a double quote is open at the end of `text` (escaped quotes aside). */
function openQuote(text: string): boolean {
  return (text.replace(/\\./g, '').match(/"/g)?.length ?? 0) % 2 === 1;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/**
 * For the oracle: whether the stage of node `index` ends with an exec-form ENTRYPOINT of its own
 * (true), with its own other one or none from anywhere (false); undefined when a base stage may set it.
 */
function entrypointOfStage(doc: AnalyzedDocument, index: number): boolean | undefined {
  const stage = doc.model.stageOfNode(index);
  if (!stage) return false;
  for (let i = stage.lastNodeIndex; i > stage.nodeIndex; i--) {
    const node = doc.tree.node(i);
    if (node.kind === 'instruction' && node.name === 'ENTRYPOINT') return node.json !== undefined && node.json.elements.length > 0;
  }
  return stage.base ? undefined : false;
}

function instructionExpectation(
  doc: AnalyzedDocument,
  text: string,
  entry: NodeEntry<InstructionNode>,
  node: InstructionNode,
  rel: number,
  prefix: string,
  typed: boolean,
): Expected | undefined {
  const fact = getInstruction(node.name)!;
  const forms = formsOf(node.name, prefix);
  const owner = prefix + fact.name;
  const options = fact.forms[0].parameters.find((p) => p.label === '[OPTIONS]' || p.label.startsWith('[--'))?.label;
  // The flags belong to whichever form the arguments are written in.
  const written = node.json ? forms.filter((_, i) => fact.forms[i].kind === 'exec') : [];
  const flagForm = written.length > 0 ? written : typed && node.args?.text.startsWith('[') ? forms : [forms[0]];
  const lastFlagEnd = node.flags.length > 0 ? node.flags[node.flags.length - 1].end : -1;
  for (const flag of node.flags) {
    if (!within(rel, flag)) continue;
    const flagFact = fact.flags.find((f) => f.name === flag.name.text);
    if (flag.equals === undefined || rel <= flag.equals) return options ? { kind: 'form', forms, form: flagForm, parameters: [options] } : undefined;
    if (!flagFact) return undefined;
    if (flagFact.value.kind !== 'mount') return { kind: 'flag', label: `${owner} --${flag.name.text}`, parameters: [] };
    // The type is the whole flag's (in the typed document, what is typed of it).
    const type = flag.mountOptions?.find((o) => o.key.text.toLowerCase() === 'type')?.value?.text.toLowerCase() ?? 'bind';
    if (!getMountType(type)) return undefined;
    const option = flag.mountOptions?.find((o) => within(rel, o));
    const key = option?.key.text.toLowerCase();
    if (!option || !key) return undefined;
    // Half-typed keys match the first option they begin; the oracle asks only about whole keys.
    if (typed && rel <= option.key.end) return undefined;
    const known = key === 'type' ? 'type' : getMountOption(type, key)?.key;
    if (!known) return undefined;
    return { kind: 'flag', label: `${owner} --mount=type=${type},`, parameters: [known] };
  }
  if (rel < lastFlagEnd) return options ? { kind: 'form', forms, form: flagForm, parameters: [options] } : undefined;
  if (options && node.flagTerminator && within(rel, node.flagTerminator)) return { kind: 'form', forms, form: flagForm, parameters: [options] };
  const firstArg = node.argList[0];
  if (options && firstArg && within(rel, firstArg) && firstArg.text.startsWith('-') && !node.flagTerminator) return { kind: 'form', forms, form: flagForm, parameters: [options] };

  const exec = forms.filter((_, i) => fact.forms[i].kind === 'exec');
  const shell = forms.filter((_, i) => fact.forms[i].kind !== 'exec');
  const args = node.argList;
  const argsStart = node.args?.start ?? rel;
  const argsText = node.args ? text.slice(entry.start + node.args.start, entry.start + node.args.end) : '';
  const form = (all: readonly string[], parameters: readonly string[]): Expected => ({ kind: 'form', forms, form: all, parameters });

  if (node.json && exec.length > 0) {
    // Which element the cursor is in or after the comma of.
    const elements = node.json.elements;
    let index = elements.filter((e) => e.end <= rel && text.slice(entry.start + e.end, entry.start + rel).includes(',')).length;
    if (rel <= node.json.start) index = 0;
    if (node.name === 'COPY' || node.name === 'ADD') {
      const last = index >= elements.length - 1 && index > 0;
      return form(exec, [last ? '"<dest>"' : '"<src>", ...']);
    }
    if (node.name === 'VOLUME') return form(exec, ['"<path>", ...']);
    if (node.name === 'CMD' && !prefix) {
      // Default arguments to an exec-form ENTRYPOINT of the stage; one from a base stage: no opinion.
      const feeds = entrypointOfStage(doc, entry.index);
      if (feeds === undefined) return undefined;
      if (feeds) return form([`CMD ["<param>", ...]`], ['"<param>", ...']);
    }
    const params = fact.forms.find((f) => f.kind === 'exec')!.parameters.filter((p) => p.label !== '[OPTIONS]');
    return form(exec, [params[Math.min(index, params.length - 1)].label]);
  }
  // A shell form that starts with `[` is, while being typed, possibly an exec form.
  const ambiguous = typed && argsText.startsWith('[');
  const shellForm = (parameters: readonly string[]): Expected | undefined => (ambiguous ? undefined : form(shell, parameters));

  switch (node.name) {
    case 'FROM': {
      const { index } = wordIndex(args, rel);
      return form(forms, [index === 0 ? '<image>[:<tag>|@<digest>]' : '[AS <name>]']);
    }
    case 'COPY':
    case 'ADD': {
      const { index, total } = wordIndex(args, rel);
      return shellForm([index === total - 1 && index > 0 ? '<dest>' : '<src>...']);
    }
    case 'ENV':
    case 'LABEL': {
      if (typed && openQuote(text.slice(entry.start, entry.start + rel))) return undefined;
      const legacy = node.pairs[0]?.separator === ' ';
      if (legacy && !(typed && node.pairs[0].value === undefined)) {
        const key = node.pairs[0].key;
        return form([`${prefix}${node.name} <key> <value>`], [rel <= key.end ? '<key>' : '<value>']);
      }
      const { index } = wordIndex(
        node.pairs.map((p) => ({ start: p.key.start, end: (p.value ?? p.key).end })),
        rel,
      );
      return form([forms[0]], [index === 0 ? '<key>=<value>' : '[<key>=<value>...]']);
    }
    case 'ARG': {
      if (typed && openQuote(text.slice(entry.start, entry.start + rel))) return undefined;
      const pair = node.pairs.find((p) => within(rel, { start: p.key.start, end: (p.value ?? p.key).end }));
      return form(forms, [pair && rel > pair.key.end ? '[=<default>]' : '<name>']);
    }
    case 'EXPOSE': {
      const word = args.find((a) => within(rel, a));
      const slash = word ? text.indexOf('/', entry.start + word.start) - entry.start : -1;
      return form(forms, [word && slash >= 0 && slash < rel && slash < word.end ? '[/<protocol>]' : '<port>']);
    }
    case 'USER': {
      const first = args[0] as Token | undefined;
      const numeric = first ? /^\d/.test(first.text) : false;
      if (!first) return undefined;
      const colon = text.indexOf(':', entry.start + first.start) - entry.start;
      const group = colon >= 0 && colon < first.end && colon < rel;
      return form([forms[numeric ? 1 : 0]], [group ? (numeric ? '[:<gid>]' : '[:<group>]') : numeric ? '<uid>' : '<user>']);
    }
    case 'HEALTHCHECK': {
      const type = node.healthcheckType;
      if (type && type.text.toUpperCase() === 'NONE' && args.length <= 1) return form([`${prefix}HEALTHCHECK NONE`], []);
      if (!type || rel < type.start) return undefined;
      return form([`${prefix}HEALTHCHECK [OPTIONS] CMD <command>`], ['<command>']);
    }
    case 'VOLUME':
      return shellForm(['<path> ...']);
    default: {
      if (rel < argsStart && node.flags.length > 0) return undefined;
      const shellForms = fact.forms.filter((f) => f.kind !== 'exec');
      if (shellForms.length === 0) return undefined;
      const params = shellForms[0].parameters.filter((p) => p.label !== '[OPTIONS]');
      return shellForm([params[0].label]);
    }
  }
}

function problemOf(help: SignatureHelp | null, expected: Expected): string | undefined {
  if (expected.kind === 'none') return help ? `help ${JSON.stringify(help.signatures[help.activeSignature ?? 0]?.label)} where none belongs` : undefined;
  if (!help) return 'no help';
  const signature = help.signatures[help.activeSignature ?? 0];
  if (!signature) return `active signature ${help.activeSignature} of ${help.signatures.length}`;
  const parameters = signature.parameters ?? [];
  const active = help.activeParameter;
  if (signature.activeParameter !== undefined && signature.activeParameter !== active) return `signature says ${signature.activeParameter}, help says ${active}`;
  const activeLabel = active === null || active === undefined ? undefined : parameters[active]?.label;
  if (expected.kind === 'flag') {
    if (!signature.label.startsWith(expected.label)) return `signature ${JSON.stringify(signature.label)}, want ${JSON.stringify(expected.label)}…`;
    if (expected.parameters.length === 0) return undefined;
    const key = typeof activeLabel === 'string' ? activeLabel.split(/[=[]/)[0] : undefined;
    return expected.parameters.includes(key ?? '') ? undefined : `parameter ${JSON.stringify(activeLabel)}, want ${expected.parameters.join(' or ')}`;
  }
  const labels = help.signatures.map((s) => s.label);
  if (JSON.stringify(labels) !== JSON.stringify(expected.forms)) return `signatures ${JSON.stringify(labels)}`;
  if (!expected.form.includes(signature.label)) return `form ${JSON.stringify(signature.label)}, want ${expected.form.map((f) => JSON.stringify(f)).join(' or ')}`;
  if (expected.parameters.length === 0) return active === 0 || active === null ? undefined : `parameter ${active} of none`;
  return typeof activeLabel === 'string' && expected.parameters.includes(activeLabel) ? undefined : `parameter ${JSON.stringify(activeLabel)}, want ${expected.parameters.join(' or ')}`;
}

interface Miss {
  readonly where: string;
  readonly mode: 'file' | 'typed';
  readonly problem: string;
}

/** The offsets of instruction, comment and heredoc lines, every `step`-th. */
function offsetsOf(doc: AnalyzedDocument, step: number): number[] {
  const out: number[] = [];
  doc.tree.forEach((node, start) => {
    if (node.kind === 'blank') return;
    for (let o = start; o <= start + node.length; o += step) out.push(o);
  });
  return out;
}

function simulate(name: string, text: string, step: number, typedStep: number, misses: Miss[]): number {
  const doc = analyze(text);
  let probes = 0;
  const where = (d: AnalyzedDocument, offset: number) => {
    const t = d.tree.slice(0, d.tree.length);
    const position = d.text.positionAt(offset);
    const lineStart = t.lastIndexOf('\n', offset - 1) + 1;
    return `${name}:${position.line + 1} ${JSON.stringify(t.slice(lineStart, offset))}|${JSON.stringify(t.slice(offset, lineEnd(t, offset)))}`;
  };
  const probe = (d: AnalyzedDocument, offset: number, mode: 'file' | 'typed') => {
    // Between CR and LF is no position a client can send.
    if (offset > 0 && d.tree.slice(offset - 1, offset + 1) === '\r\n') return;
    const expected = expectedFor(d, offset, mode === 'typed');
    probes++;
    let help: SignatureHelp | null;
    try {
      help = getSignatureHelp(d, d.text.positionAt(offset), { format: 'plaintext' });
    } catch (error) {
      misses.push({ where: where(d, offset), mode, problem: `throws ${String(error)}` });
      return;
    }
    if (!expected) return;
    const problem = problemOf(help, expected);
    if (problem) misses.push({ where: where(d, offset), mode, problem });
  };
  for (const offset of offsetsOf(doc, step)) probe(doc, offset, 'file');
  for (const offset of offsetsOf(doc, typedStep)) {
    // Typed up to the cursor, the rest of the document not yet there.
    probe(analyze(text.slice(0, offset)), offset, 'typed');
  }
  return probes;
}

const report = (lines: readonly string[]): void => reportTo('SIGNATURE_TYPING_REPORT', lines);

function run(cases: readonly { name: string; text: string; step: number; typedStep: number }[]): { probes: number; misses: Miss[] } {
  const misses: Miss[] = [];
  let probes = 0;
  for (const c of cases) probes += simulate(c.name, c.text, c.step, c.typedStep, misses);
  report([`probes ${probes}`, ...Object.entries(tally(misses, (m) => `${m.mode} ${m.problem.replace(/".*$/, '')}`)).map(([k, n]) => `misses ${n}\t${k}`), ...misses.map((m) => `${m.mode} ${m.where}: ${m.problem}`)]);
  return { probes, misses };
}

/** Lines that are hard to get right, each typed at every offset. */
const TRICKY: readonly string[] = [
  'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN echo',
  'FROM alpine\nCOPY --from=build --chmod=755 a b c /dest/\n',
  'FROM alpine\nCOPY a  b\n',
  'FROM alpine\nADD --checksum=sha256:abc https://example.com/x.tgz /x\n',
  'FROM alpine\nCOPY ["a b", "c", "/d/"]\n',
  'FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\n',
  'FROM alpine\nCOPY <<A <<B /dir/\na\nA\nb\nB\n',
  'FROM alpine\nRUN --mount=type=cache,target=/root/.cache,sharing=locked pip install x\n',
  'FROM alpine\nRUN --mount=target=/x,type=cache,id=pip true\n',
  'FROM alpine\nRUN --mount=type=secret,id=tok,dst=/run/t,required cat /run/t\n',
  'FROM alpine\nRUN --network=none --mount=type=bind,from=build,source=/a,target=/b,rw ls\n',
  'FROM alpine\nRUN ["sh", "-c", "echo hi"]\n',
  'FROM alpine\nRUN [ -f /etc/os-release ] && cat /etc/os-release\n',
  'FROM alpine\nRUN [ "$A" = "b" ] || true\n',
  'FROM alpine\nCMD ["nginx", "-g", "daemon off;"]\n',
  'FROM alpine\nENTRYPOINT exec nginx\n',
  'FROM alpine\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1\n',
  'FROM alpine\nHEALTHCHECK NONE\n',
  'FROM alpine\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
  'FROM alpine\nONBUILD COPY --chown=app a /b\n',
  'FROM alpine\nONBUILD RUN ["make"]\n',
  'FROM alpine\nENV A=1 B="two words" C=3\n',
  'FROM alpine\nENV PATH /usr/local/bin:$PATH\n',
  'FROM alpine\nENV GREETING hello world\n',
  'FROM alpine\nLABEL a=b c="d e"\n',
  'FROM alpine\nLABEL maintainer Jane Doe\n',
  'FROM alpine\nENTRYPOINT ["nginx"]\nCMD ["-g", "daemon off;"]\n',
  'FROM alpine\nCMD ["-g", "daemon off;"]\nENTRYPOINT ["nginx"]\n',
  'ARG VERSION=1.0 OTHER\nFROM alpine:${VERSION}\nARG A B=2\n',
  'FROM alpine\nEXPOSE 80/tcp 443 53/udp\n',
  'FROM alpine\nUSER app:staff\nUSER 1000:1000\n',
  'FROM alpine\nVOLUME ["/data", "/logs"]\nVOLUME /a /b\n',
  'FROM alpine\nSTOPSIGNAL SIGTERM\nWORKDIR /app\nSHELL ["/bin/bash", "-c"]\n',
  'FROM alpine\nCOPY a \\\n  b \\\n  # a comment\n  /dest/\n',
  'FROM alpine\nRUN --mount=type=cache,\\\n    target=/x \\\n    make\n',
  '# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY C:\\a `\n  C:\\b\\\nRUN --mount=type=cache,target=C:\\x `\n  dir\n',
  '# escape=`\r\nFROM alpine\r\nCOPY a `\r\n  b\r\n',
  'FROM alpine\r\nCOPY --chown=a:b x y\r\nRUN ["a", "b"]\r\n',
  'FROM alpine\n# COPY a b\nRUN echo\n',
];

describe('signature help while typing', () => {
  it('tricky lines: every offset, in the file and typed up to it', () => {
    const { probes, misses } = run(TRICKY.map((text, i) => ({ name: `tricky${i}`, text, step: 1, typedStep: 1 })));
    expect(probes).toBeGreaterThan(3000);
    expect(misses.map((m) => `${m.mode} ${m.where}: ${m.problem}`)).toEqual([]);
  });

  it('real-world corpus: sampled offsets, in the file and typed up to them', () => {
    const files = listFiles();
    const cases = files.map((file, i) => ({ name: file, text: readFileSync(path.join(FILES_DIR, file), 'utf8'), step: i % 29 === 0 ? 1 : 13, typedStep: i % 29 === 0 ? 11 : 89 }));
    const { probes, misses } = run(cases);
    expect(probes).toBeGreaterThan(90000);
    expect(tally(misses, (m) => `${m.mode} ${m.problem.replace(/".*$/, '')}`)).toEqual({});
  }, 120_000);
});
