// textDocument/selectionRange: "expand selection" steps outward from the cursor through the
// structure BuildKit sees: word → part of a token (image tag, variable name, mount option) →
// flag or argument → instruction → stage → whole document. In the text a POSIX shell runs, a
// simple command of a chain (`apt-get install -y curl` in `apt-get update && apt-get install -y curl`)
// comes between its words and the whole command line.
//
// Every syntactic span around the cursor is a candidate; the chain is the candidates from the
// smallest up, each kept only when it contains the one before (so partial overlaps drop out).

import type { Position, SelectionRange } from 'vscode-languageserver-types';
import { parseImageReference } from '../semantics';
import { EMPTY_ENVIRONMENT, lex, logicalLineOf, type InstructionNode, type LexOptions, type Span, type TextReader, type VariableRef } from '../syntax';
import { heredocRunsAsShell, shellCommandSpans } from '../rules/practices/shell';
import { offsetOf, rangeOf, type AnalyzedDocument } from './document';

interface Candidate {
  readonly start: number;
  readonly end: number;
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}

/** The run of `accept` characters touching `offset`, if any. */
function runAround(text: TextReader, offset: number, accept: (c: number) => boolean): Candidate | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && accept(text.charCodeAt(start - 1))) start--;
  while (end < text.length && accept(text.charCodeAt(end))) end++;
  return end > start ? { start, end } : undefined;
}

/** `end` moved back over one line terminator. */
function withoutLineEnd(text: TextReader, end: number): number {
  if (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > 0 && text.charCodeAt(end - 1) === 0x0d) end--;
  return end;
}

/** Spans of an instruction (or an ONBUILD trigger: same relative offsets), made absolute. */
/**
 * `refs`: the node's variable references as the model reads them (in PowerShell or cmd text, `$env:X`
 * and `%X%`, which the syntax alone reads as a POSIX shell's).
 */
function instructionCandidates(node: InstructionNode, base: number, text: TextReader, out: Candidate[], refs: readonly VariableRef[] = node.variables): void {
  const push = (span: Span | undefined): void => {
    if (span && span.end > span.start) out.push({ start: base + span.start, end: base + span.end });
  };
  push(node.keyword);
  for (const flag of node.flags) {
    push(flag);
    push(flag.name);
    push(flag.value);
    for (const option of flag.mountOptions ?? []) {
      push(option);
      push(option.key);
      push(option.value);
    }
  }
  push(node.args);
  node.argList.forEach(push);
  for (const pair of node.pairs) {
    push(pair);
    push(pair.key);
    push(pair.value);
  }
  if (node.json) {
    push(node.json);
    for (const element of node.json.elements) {
      push(element);
      push({ start: element.start + 1, end: element.end - 1 }); // inside the quotes
    }
  }
  push(node.healthcheckType);
  for (const heredoc of node.heredocs) {
    push(heredoc.marker);
    push(heredoc.nameSpan);
    push({ start: heredoc.body.start, end: withoutLineEnd(text, base + heredoc.body.end) - base });
    push(heredoc.terminator);
  }
  for (const ref of refs) {
    push(ref);
    push(ref.nameSpan);
    push(ref.argument);
  }
  if (node.name === 'FROM' && node.argList[0]) imageCandidates(node.argList[0].text, base + node.argList[0].start, base + node.argList[0].end, out);
  if (node.trigger) {
    const trigger = node.trigger;
    const ends = [trigger.keyword.end, trigger.args?.end ?? 0, ...trigger.flags.map((f) => f.end)];
    out.push({ start: base + trigger.keyword.start, end: base + Math.max(...ends) });
    // The ONBUILD node's references are the trigger's.
    instructionCandidates(trigger, base, text, out, []);
  }
}

const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** Shell text and where each part of it is written (node-relative source spans). */
interface ShellText {
  readonly text: string;
  sourceSpan(from: number, to: number): Span;
}

/**
 * The shell text around node-relative `at`: the line of a heredoc body, or a shell-form command
 * as the builder joins its lines. Undefined elsewhere.
 */
function shellTextAt(node: InstructionNode, nodeText: string, at: number): ShellText | undefined {
  const body = node.heredocs.find((h) => h.body.start <= at && at <= h.body.end)?.body;
  if (body) {
    const lineStart = Math.max(body.start, nodeText.lastIndexOf('\n', at - 1) + 1);
    let lineEnd = nodeText.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd > body.end) lineEnd = body.end;
    if (lineEnd > lineStart && nodeText.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
    return { text: nodeText.slice(lineStart, lineEnd), sourceSpan: (from, to) => ({ start: lineStart + from, end: lineStart + to }) };
  }
  const target = node.name === 'ONBUILD' ? node.trigger : node;
  if (!target || target.json || !SHELL_FORM.has(target.name)) return undefined;
  const command = target.name === 'HEALTHCHECK' ? target.argList[1] : target.args;
  if (!command || at < command.start || at > command.end) return undefined;
  const line = logicalLineOf(node, nodeText);
  const from = line.logicalOffset(command.start);
  const to = line.logicalOffset(command.end);
  return { text: line.text.slice(from, to), sourceSpan: (start, end) => line.span(from + start, from + end) };
}

// Words as the shell splits them: quotes and backslash escapes hold blanks. `$` is left to the
// shell: its forms need not be BuildKit's.
const SHELL_WORDS: LexOptions = { escape: '\\', rawQuotes: true, rawEscapes: true, literalDollar: true, quoteSpans: true };

/**
 * The shell word around `offset`, and the quoted strings in it that hold `offset`, each with and
 * without its quotes. Text that does not lex (an open quote) splits at blanks.
 */
function shellWordCandidates(shell: ShellText, base: number, text: TextReader, offset: number, out: Candidate[]): void {
  const lexed = lex(shell.text, EMPTY_ENVIRONMENT, SHELL_WORDS);
  if (lexed.error) {
    const nonBlank = runAround(text, offset, (c) => !isBlank(c));
    if (nonBlank) out.push(nonBlank);
    return;
  }
  const holding = (span: Span): Candidate | undefined => {
    const source = shell.sourceSpan(span.start, span.end);
    const candidate = { start: base + source.start, end: base + source.end };
    return candidate.start <= offset && offset <= candidate.end ? candidate : undefined;
  };
  for (const span of lexed.wordSpans) {
    const word = holding(span);
    if (word) {
      out.push(word);
      break;
    }
  }
  for (const span of lexed.quotes ?? []) {
    const quoted = holding(span);
    if (!quoted) continue;
    out.push(quoted);
    if (quoted.end - quoted.start > 2) out.push({ start: quoted.start + 1, end: quoted.end - 1 });
  }
}

/**
 * Whether the shell text at node-relative `at` is commands a POSIX shell runs: a shell-form command
 * line (in a stage whose shell is not cmd or PowerShell), or a line of a RUN heredoc body that the
 * shell runs (not a COPY heredoc, which is a file's text, nor a `#!/usr/bin/env python3` script).
 */
function runsPosixCommands(doc: AnalyzedDocument, node: InstructionNode, index: number, at: number): boolean {
  const kind = doc.model.shellAt(index)?.kind;
  if (kind !== undefined && kind !== 'posix') return false;
  const heredoc = node.heredocs.find((h) => h.body.start <= at && at <= h.body.end);
  return !heredoc || heredocRunsAsShell(node, heredoc, doc.tree.nodeText(index), doc.model.stageOfNode(index)?.windows ?? false);
}

/**
 * The simple commands around `offset`, e.g. one command of an `&&` chain. The shell words from
 * `out[words]` on are cut to the innermost one: they are split at blanks only, and the word of
 * `curl;` or `/app&&make` would otherwise go past the command and leave it out of the chain.
 */
function shellCommandCandidates(shell: ShellText, base: number, offset: number, out: Candidate[], words: number): void {
  let innermost: Candidate | undefined;
  for (const span of shellCommandSpans(shell.text)) {
    const source = shell.sourceSpan(span.start, span.end);
    const command = { start: base + source.start, end: base + source.end };
    if (command.start > offset || offset > command.end) continue;
    out.push(command);
    if (!innermost || command.end - command.start < innermost.end - innermost.start) innermost = command;
  }
  if (!innermost) return;
  for (let i = words; i < out.length; i++) out[i] = { start: Math.max(out[i].start, innermost.start), end: Math.min(out[i].end, innermost.end) };
}

/** Registry, repository, tag and digest of a FROM image written on one line. */
function imageCandidates(image: string, start: number, end: number, out: Candidate[]): void {
  if (end - start !== image.length || image.includes('$')) return;
  const parsed = parseImageReference(image);
  if (!parsed.ok) return;
  const { domain, path, tag, digest } = parsed.reference.spans;
  for (const span of [domain, path, tag, digest]) if (span) out.push({ start: start + span.start, end: start + span.end });
  // The name without tag or digest.
  out.push({ start: start + (domain?.start ?? path.start), end: start + path.end });
}

function candidatesAt(doc: AnalyzedDocument, text: TextReader, offset: number): Candidate[] {
  const out: Candidate[] = [];
  const word = runAround(text, offset, isWordChar);
  if (word) out.push(word);
  const entry = doc.tree.entryAt(offset);
  if (entry) {
    const { node, start } = entry;
    const lineEnd = withoutLineEnd(text, start + node.length);
    if (node.kind === 'instruction') {
      // In shell text, a shell word, e.g. `apt-get` or `"a b"`.
      const shell = shellTextAt(node, doc.tree.nodeText(entry.index), offset - start);
      if (shell) {
        const words = out.length;
        shellWordCandidates(shell, start, text, offset, out);
        if (runsPosixCommands(doc, node, entry.index, offset - start)) shellCommandCandidates(shell, start, offset, out, words);
      }
      instructionCandidates(node, start, text, out, doc.model.useFactsInNode(entry.index).map((use) => use.ref));
      const logicalEnd = node.heredocs.length ? withoutLineEnd(text, start + node.heredocs[0].body.start) : lineEnd;
      out.push({ start: start + node.keyword.start, end: logicalEnd });
      out.push({ start: start + node.keyword.start, end: lineEnd });
    } else if (node.kind === 'comment') {
      out.push({ start: start + node.span.start, end: start + node.span.end });
      out.push(commentBlock(doc, text, entry.index));
    } else if (node.kind === 'directive') {
      out.push({ start: start + node.key.start, end: start + node.key.end });
      out.push({ start: start + node.value.start, end: start + node.value.end });
      out.push({ start: start + Math.max(0, doc.tree.nodeText(entry.index).lastIndexOf('#', node.key.start)), end: lineEnd });
    }
  }
  const stage = doc.model.stageAt(offset);
  if (stage) {
    let last = stage.nodeIndex;
    for (let i = stage.lastNodeIndex; i > stage.nodeIndex; i--) {
      if (doc.tree.node(i).kind === 'instruction') {
        last = i;
        break;
      }
    }
    out.push({ start: stage.start + stage.from.keyword.start, end: withoutLineEnd(text, doc.tree.end(last)) });
  }
  out.push({ start: 0, end: text.length });
  return out;
}

/** The consecutive comment lines around comment node `index`. */
function commentBlock(doc: AnalyzedDocument, text: TextReader, index: number): Candidate {
  const isComment = (i: number) => i >= 0 && i < doc.tree.nodeCount && doc.tree.node(i).kind === 'comment';
  let first = index;
  let last = index;
  while (isComment(first - 1)) first--;
  while (isComment(last + 1)) last++;
  const firstNode = doc.tree.node(first);
  const hash = firstNode.kind === 'comment' ? firstNode.span.start : 0;
  return { start: doc.tree.start(first) + hash, end: withoutLineEnd(text, doc.tree.end(last)) };
}

function selectionAt(doc: AnalyzedDocument, text: TextReader, position: Position): SelectionRange {
  const offset = offsetOf(doc, position);
  const candidates = candidatesAt(doc, text, offset)
    .filter((c) => c.start <= offset && offset <= c.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  const chain: Candidate[] = [];
  for (const candidate of candidates) {
    const inner = chain[chain.length - 1];
    if (!inner) chain.push(candidate);
    else if (candidate.start <= inner.start && candidate.end >= inner.end && (candidate.start < inner.start || candidate.end > inner.end)) chain.push(candidate);
  }
  let result: SelectionRange | undefined;
  for (let i = chain.length - 1; i >= 0; i--) result = { range: rangeOf(doc, chain[i].start, chain[i].end), parent: result };
  return result ?? { range: rangeOf(doc, offset, offset) };
}

export function getSelectionRanges(doc: AnalyzedDocument, positions: readonly Position[]): SelectionRange[] {
  // Characters are read from the tree: the whole text is never joined for a selection.
  const text = doc.tree.reader();
  return positions.map((position) => selectionAt(doc, text, position));
}
