// The refactoring "Rewrite as a heredoc script": a shell-form RUN whose command is a chain of
// commands joined by `&&` (usually one per continued line) becomes a `RUN <<EOF` script with one
// command per line, which reads better and needs no `&& \` at every line end.
//
// It must build the same thing. A script runs without `-e` (only its last command decides whether
// the step fails, the pitfall of heredocs), so it starts with `set -e`, which stops at the first
// command that fails, as `&&` did. Only chains joined by `&&` alone are rewritten: `||`, `;`, `&`,
// a shell comment (which swallows the rest of the joined line) or `[[ … && … ]]` at the top level
// would change meaning when split, and `set -e` would change what a list inside a subshell or a
// substitution, a `!` command, `eval`, `.` or `source` does: no action is offered for those. Line continuations stay where the
// shell reads them as BuildKit did (outside quotes); inside quotes, and wherever a line break would
// land after a backslash, the lines are joined as BuildKit joined them. Blank lines and comment lines
// inside the instruction, which BuildKit drops, are dropped from the commands (comments are kept,
// as script comments above the command they were in).

import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { HEREDOC, isOlder } from '../facts';
import { pinnedFrontend } from '../rules/frontendPin';
import { runsInPosixShell } from '../rules/practices/shellAt';
import type { InstructionNode } from '../syntax';
import { rangeOf, type AnalyzedDocument } from './document';

export const RUN_AS_HEREDOC_TITLE = 'Rewrite as a heredoc script (RUN <<EOF)';

/** The text after the flags as the shell reads it, with where the author's line breaks were. */
interface LogicalText {
  /** BuildKit's joined command line. */
  readonly text: string;
  /** Offsets into `text` where a continued line ended. */
  readonly breaks: readonly number[];
  /** Comment lines inside the instruction, each with the offset of `text` it stood at. */
  readonly comments: readonly { readonly at: number; readonly text: string }[];
}

/**
 * `raw[from, to)` joined as BuildKit joins a continued instruction: an escape followed only by spaces
 * or tabs ends a line, and the blank and comment lines after it are dropped.
 */
function joinLines(raw: string, from: number, to: number, escape: string): LogicalText {
  let text = '';
  const breaks: number[] = [];
  const comments: { at: number; text: string }[] = [];
  let i = from;
  while (i < to) {
    // Up to the next escape character at once.
    let next = raw.indexOf(escape, i);
    if (next < 0 || next > to) next = to;
    if (next > i) {
      text += raw.slice(i, next);
      i = next;
      continue;
    }
    const c = raw[i];
    if (c === escape) {
      let j = i + 1;
      while (j < to && (raw[j] === ' ' || raw[j] === '\t')) j++;
      const lineEnd = raw[j] === '\r' && raw[j + 1] === '\n' ? j + 2 : raw[j] === '\n' ? j + 1 : -1;
      if (lineEnd >= 0) {
        i = lineEnd;
        // Blank and comment lines inside the instruction are dropped.
        for (;;) {
          let end = raw.indexOf('\n', i);
          if (end < 0 || end > to) end = to;
          const line = raw.slice(i, end).replace(/\r$/, '');
          const trimmed = line.trim();
          if (trimmed !== '' && !trimmed.startsWith('#')) break;
          if (trimmed !== '') comments.push({ at: text.length, text: trimmed });
          if (end >= to) {
            i = to;
            break;
          }
          i = end + 1;
        }
        breaks.push(text.length);
        continue;
      }
    }
    text += c;
    i++;
  }
  return { text, breaks, comments };
}

/**
 * The top-level `&&` of a shell command line, as [start, end) ranges of the commands between them,
 * and which offsets of the line a continuation may end at (outside quotes, not after an escaping
 * backslash). Undefined where splitting at `&&` would change what runs.
 */
function splitAndChain(text: string): { commands: [number, number][]; safeBreaks: Uint8Array } | undefined {
  /** 1 at each offset a continuation may end at. */
  const safeBreaks = new Uint8Array(text.length + 1);
  const commands: [number, number][] = [];
  let commandStart = 0;
  let depth = 0;
  let i = 0;
  // A list inside a subshell or a substitution (`(a; b)`, `$(a; b)`): `set -e` would stop it at a failure the chain went past.
  let nestedList = false;
  const atWordStart = (at: number) => at === 0 || /[\s;&|()]/.test(text[at - 1]);
  /** The offset after the quoted or substituted text starting at `at`, or -1 when it never ends. */
  const skip = (at: number): number => {
    const c = text[at];
    if (c === "'") {
      const end = text.indexOf("'", at + 1);
      return end < 0 ? -1 : end + 1;
    }
    if (c === '$' && text[at + 1] === "'") {
      for (let j = at + 2; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === "'") return j + 1;
      }
      return -1;
    }
    if (c === '"' || c === '`') {
      for (let j = at + 1; j < text.length; j++) {
        if (text[j] === '\\') j++;
        else if (text[j] === c) return j + 1;
        else if (c === '`' && text[j] === ';') nestedList = true;
        else if (c === '"' && (text[j] === '`' || (text[j] === '$' && (text[j + 1] === '(' || text[j + 1] === '{')))) {
          const end = skip(j);
          if (end < 0) return -1;
          j = end - 1;
        }
      }
      return -1;
    }
    // `$(…)`, `$((…))` and `${…}`: to the matching bracket, past quotes and nested substitutions.
    const open = text[at + 1];
    const close = open === '(' ? ')' : '}';
    let level = 0;
    for (let j = at + 1; j < text.length; j++) {
      const d = text[j];
      if (d === '\\') j++;
      else if (d === "'" || d === '"' || d === '`' || (d === '$' && (text[j + 1] === '(' || text[j + 1] === '{'))) {
        const end = skip(j);
        if (end < 0) return -1;
        j = end - 1;
      } else if (d === ';' && open === '(') nestedList = true;
      else if (d === open) level++;
      else if (d === close && --level === 0) return j + 1;
    }
    return -1;
  };
  while (i < text.length) {
    safeBreaks[i] = 1;
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"' || c === '`' || (c === '$' && (text[i + 1] === "'" || text[i + 1] === '(' || text[i + 1] === '{'))) {
      const end = skip(i);
      if (end < 0) return undefined;
      i = end;
      continue;
    }
    if (c === '#' && atWordStart(i)) return undefined;
    if (c === '[' && text[i + 1] === '[' && atWordStart(i) && /[\s]/.test(text[i + 2] ?? ' ')) return undefined;
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';') return undefined;
    else if (c === '|') {
      if (text[i + 1] === '|' && depth === 0) return undefined;
      if (text[i + 1] === '|') i++;
    } else if (c === '&') {
      if (text[i + 1] === '&') {
        if (depth === 0) {
          commands.push([commandStart, i]);
          commandStart = i + 2;
        }
        i += 2;
        continue;
      }
      // `&>`, `>&`, `<&` and `|&` redirect or pipe; any other `&` runs a command in the background.
      const before = text[i - 1];
      if (depth === 0 && text[i + 1] !== '>' && before !== '>' && before !== '<' && before !== '|') return undefined;
    }
    i++;
  }
  safeBreaks[text.length] = 1;
  if (depth !== 0 || nestedList) return undefined;
  commands.push([commandStart, text.length]);
  // Commands `set -e` would change: `! cmd` (a negated command never stops a `set -e` script, where
  // it stopped the chain) unless last; `eval`, `.` and `source`, whose text would run under `-e`;
  // a `set +e` that turns it off again.
  for (let c = 0; c < commands.length; c++) {
    const all = text.slice(commands[c][0], commands[c][1]).trim().split(/\s+/);
    // The command's name comes after any `NAME=value` assignments (`X=1 . ./env.sh`).
    const words = all.slice(Math.max(0, all.findIndex((word) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word))));
    if (words[0] === '!' && c < commands.length - 1) return undefined;
    if (['eval', '.', 'source'].includes(words[0])) return undefined;
    if (words[0] === 'set' && words.some((word) => word.startsWith('+'))) return undefined;
  }
  return { commands, safeBreaks };
}

/** A delimiter no line of the script is. */
function delimiterFor(lines: readonly string[]): string {
  for (const word of ['EOF', 'EOT', 'SCRIPT']) if (!lines.some((line) => line.trim() === word)) return word;
  let n = 1;
  while (lines.some((line) => line.trim() === `EOF${n}`)) n++;
  return `EOF${n}`;
}

/** The script lines of the chain: `set -e`, then each command (its comments above it). */
function scriptLines(logical: LogicalText, split: NonNullable<ReturnType<typeof splitAndChain>>, lineBreak: string): string[] | undefined {
  const { text, breaks, comments } = logical;
  const commands: string[] = [];
  const commentsOf: string[][] = [];
  // Breaks and commands are both in order: one pass over the breaks for all the commands.
  let b = 0;
  for (const [from, to] of split.commands) {
    // The command without the white space around it (a line break there goes with it).
    let start = from;
    let end = to;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start === end) return undefined;
    let command = '';
    let at = start;
    while (b < breaks.length && breaks[b] <= start) b++;
    for (; b < breaks.length && breaks[b] < end; b++) {
      const point = breaks[b];
      if (!split.safeBreaks[point]) continue;
      command += text.slice(at, point) + '\\' + lineBreak;
      at = point;
    }
    commands.push(command + text.slice(at, end));
    commentsOf.push([]);
  }
  // Each comment goes above the command it stood in or before.
  let c = 0;
  for (const comment of comments) {
    while (c < split.commands.length - 1 && comment.at > split.commands[c][1]) c++;
    commentsOf[c].push(comment.text);
  }
  const lines: string[] = [];
  const setsE = /^set\s+-[a-zA-Z]*e/.test(commands[0]);
  if (!setsE) lines.push('set -e');
  commands.forEach((command, index) => {
    if (setsE && index === 0) {
      lines.push(command, ...commentsOf[0]);
      return;
    }
    lines.push(...commentsOf[index], command);
  });
  return lines;
}

/** The edit that rewrites the RUN at node `index` as a heredoc script, or undefined when it cannot be. */
function rewrite(doc: AnalyzedDocument, index: number, node: InstructionNode): { start: number; end: number; text: string } | undefined {
  if (node.name !== 'RUN' || node.json || node.heredocs.length || !node.args || node.errors.length) return undefined;
  const escape = doc.tree.escape;
  // A backtick continues lines in the Dockerfile only: a shell would read it as a substitution.
  if (escape !== '\\') return undefined;
  if (!runsInPosixShell(doc.model, index)) return undefined;
  const pin = pinnedFrontend(doc.tree);
  if (pin && isOlder(pin.version, pin.labs ? HEREDOC.labsSince : HEREDOC.since)) return undefined;
  const raw = doc.tree.nodeText(index);
  // After the flags (or the keyword) to the end of the instruction's last line.
  const last = node.flagTerminator ?? node.flags[node.flags.length - 1] ?? node.keyword;
  const from = last.end;
  const to = raw.replace(/\r?\n$/, '').length;
  const logical = joinLines(raw, from, to, escape);
  // What BuildKit runs must be what was read here.
  if (logical.text.trim() !== node.args.text) return undefined;
  const split = splitAndChain(logical.text);
  if (!split || split.commands.length < 2) return undefined;
  const lineBreak = raw.includes('\r\n') ? '\r\n' : '\n';
  const lines = scriptLines(logical, split, lineBreak);
  if (!lines) return undefined;
  const delimiter = delimiterFor(lines.flatMap((line) => line.split(/\r?\n/)));
  const start = doc.tree.start(index);
  return { start: start + from, end: start + to, text: [` <<${delimiter}`, ...lines, delimiter].join(lineBreak) };
}

/** The refactoring for the RUN at `offset`, if it is a chain of `&&` commands that can be a script. */
export function runAsHeredocAction(doc: AnalyzedDocument, offset: number): CodeAction | undefined {
  const entry = doc.tree.instructionAt(offset);
  if (!entry) return undefined;
  const edit = rewrite(doc, entry.index, entry.node);
  if (!edit) return undefined;
  return {
    title: RUN_AS_HEREDOC_TITLE,
    kind: CodeActionKind.RefactorRewrite,
    edit: { changes: { [doc.uri]: [{ range: rangeOf(doc, edit.start, edit.end), newText: edit.text }] } },
  };
}
