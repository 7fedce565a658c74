// RUN, CMD or ENTRYPOINT written as an array that is not valid JSON: `RUN ['echo', 'hi']`,
// `CMD ["a" "b"]`. BuildKit does not refuse it: invalid JSON silently means the shell form, so
// the whole text, brackets and all, goes to the shell (`/bin/sh -c`, `cmd /S /C` in a Windows
// stage, or what a SHELL set) and fails when it runs (a RUN fails the build; a CMD or ENTRYPOINT
// fails when the container starts). A warning, with the JSON the writer meant as the fix. A stage
// rule, to name that shell: the model's shell at the instruction (`DockerfileModel.shellAt`).
//
// Only text that starts with `[` directly followed by a quote (or a typographic one, `[“node”]`, pasted
// from a word processor) counts: a shell test such as `[ -f x ]` or `[ "$A" = b ]` needs a space after its `[`.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../semantics';
import type { InstructionNode, SyntaxTree } from '../../syntax';
import type { FileProblem, StageRule } from '../types';
import { TYPOGRAPHIC_QUOTES, TYPOGRAPHIC_QUOTE_CLOSERS, anyOf } from '../pasted';
import { fixesFromData, instructionUrl, lenientStringArray, withFixes } from './common';

const HAS_TYPOGRAPHIC_QUOTE = anyOf(TYPOGRAPHIC_QUOTES.keys());

const COMMANDS: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/** What is wrong with an array that is not JSON, in the words a reader can act on. */
function reason(text: string): string {
  // Curly quotes from a word processor or web page first: they explain the rest.
  if (HAS_TYPOGRAPHIC_QUOTE.test(text)) return 'it has typographic quotes, such as “ ” or ‘ ’, where JSON takes straight double quotes';
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return 'a string has no closing double quote';
  if (!text.trimEnd().endsWith(']')) return 'the closing ] is missing';
  if (text.includes("'")) return 'JSON strings take double quotes';
  return 'JSON needs a comma between strings and none after the last';
}

/** Where the JSON array at the start of `text` closes (after its `]`), skipping brackets inside strings; -1 if it does not. */
function endOfLeadingArray(text: string): number {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return i + 1;
  }
  return -1;
}

/** The shell's first word of `text`, raw (quotes kept): up to the first blank outside quotes. */
function firstShellWord(text: string): string {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"') i++;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '\\') i++;
    else if (c === ' ' || c === '\t') return text.slice(0, i);
  }
  return text;
}

/**
 * A valid JSON array of strings with more text after it, as in `RUN ["echo", "hi"]more`: not the exec form
 * either. Said only when the shell's first word has no `]`, so it is a command named `[…` that cannot exist;
 * a first word such as `['x']` or `["a"]b` is a glob that may match a file, and is left alone.
 */
function arrayWithTextAfter(text: string): boolean {
  const end = endOfLeadingArray(text);
  if (end < 0 || end >= text.trimEnd().length || firstShellWord(text).includes(']')) return false;
  try {
    const value: unknown = JSON.parse(text.slice(0, end));
    return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string');
  } catch {
    return false;
  }
}

/** The shell the shell form of the node at `index` runs under, as the message names it. */
function shellOf(model: DockerfileModel, index: number): string {
  const shell = model.shellAt(index);
  if (shell?.command?.length) return `'${shell.command[0]}' (set by SHELL)`;
  return shell?.kind === 'cmd' ? "'cmd /S /C'" : "'/bin/sh -c'";
}

/** `node` (an instruction, or an ONBUILD's trigger) at `start`; `index` is the node index of the instruction. */
function checkCommand(node: InstructionNode, start: number, index: number, model: DockerfileModel, report: (problem: FileProblem) => void): void {
  if (!COMMANDS.has(node.name) || node.json || !node.args || node.heredocs.length || node.errors.length) return;
  const text = node.args.text;
  if (!text.startsWith('[') || !(text[1] === '"' || text[1] === "'" || TYPOGRAPHIC_QUOTE_CLOSERS.has(text[1]))) return;
  const shell = shellOf(model, index);
  if (arrayWithTextAfter(text)) {
    report({
      nodeIndex: index,
      start: start + node.args.start,
      end: start + node.args.end,
      message: `This is not the exec form (text follows the closing ] of the JSON array): BuildKit hands the whole text, brackets included, to ${shell}, where it fails. Put every word inside the array, or write the command without brackets.`,
    });
    return;
  }
  // An array, or one whose closing bracket is missing; not `['x'] && y`, which is something else.
  if (!text.trimEnd().endsWith(']') && text.includes(']')) return;
  // `["" -f x ]` is the shell's test command: the empty quotes leave the word `[`.
  if (/^\[(""|'')[ \t]/.test(text)) return;
  const words = lenientStringArray(text);
  const json = words?.length ? `[${words.map((w) => JSON.stringify(w)).join(', ')}]` : undefined;
  const why = reason(text);
  report({
    nodeIndex: index,
    start: start + node.args.start,
    end: start + node.args.end,
    message: `This is not valid JSON (${why}), so it is not the exec form: BuildKit hands the whole text, brackets included, to ${shell}, where it fails.${json ? ` Write ${json}.` : ''}`,
    data: withFixes(json && node.args.end - node.args.start === text.length ? { title: `Change to ${json}`, newText: json, preferred: true } : undefined),
  });
}

/** Checks the instructions (and their ONBUILD triggers) of nodes [first, last]. */
function checkNodes(tree: SyntaxTree, model: DockerfileModel, first: number, last: number, report: (problem: FileProblem) => void): void {
  tree.forEach((node, start, index) => {
    if (index > last) return false;
    if (node.kind !== 'instruction') return;
    checkCommand(node, start, index, model, report);
    // A trigger's offsets are relative to its ONBUILD, as the instruction's own are.
    if (node.trigger) checkCommand(node.trigger, start, index, model, report);
  }, first);
}

export const execFormNotJson: StageRule = {
  code: 'exec-form-not-json',
  kind: 'error',
  scope: 'stage',
  // BuildKit builds it; the command fails when it runs.
  defaultSeverity: DiagnosticSeverity.Warning,
  description: 'RUN, CMD or ENTRYPOINT written as an array that is not valid JSON, which runs as a shell command.',
  url: instructionUrl('RUN'),
  check({ tree, model, stage, report }) {
    // The first stage also takes what comes before the first FROM.
    checkNodes(tree, model, stage.index === 0 ? 0 : stage.nodeIndex, stage.lastNodeIndex, report);
  },
  // A file without FROM (BuildKit refuses it, instruction-before-from says why) still gets the JSON it meant.
  checkWithoutStages({ tree, model, report }) {
    checkNodes(tree, model, 0, tree.nodeCount - 1, report);
  },
  fixes: fixesFromData,
};
