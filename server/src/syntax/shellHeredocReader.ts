// Whether a RUN's heredoc is the standard input of a POSIX shell that runs it as its script:
// `RUN sh <<'EOF'`, `RUN <<'EOF' bash -eux`, `RUN bash -s arg <<E`. BuildKit hands such a command
// line with its bodies to the stage's shell, which gives the body to the inner shell on standard
// input; a quoted marker keeps the outer shell from expanding the body, but the inner shell expands
// `$NAME` as it runs the script, from the environment, where ARG and ENV values are. A body that
// `cat`, `tee` or `python3` reads is data, and `sh -c '…' <<E` or `sh script.sh <<E` read their
// script elsewhere. `cat <<'EOF' | sh` hands the body on unchanged, so that shell runs it too. A lenient reading of the command line that answers false whenever it is unsure:
// a miss leaves a use out, a wrong answer would make text that is no variable one.

import type { Heredoc, InstructionNode } from './nodes';
import { logicalLineOf } from './logicalLine';

/**
 * Whether a RUN's whole command is the marker of its one heredoc (`RUN <<EOF`, `RUN --mount=… <<-'EOF'`,
 * `RUN 3<<EOF`): BuildKit then runs the body itself, with the stage's shell (quoted marker or not) or,
 * after a `#!` line, as a program, instead of giving the command line with its bodies to the shell
 * (`RUN <<EOF bash`, `RUN cat <<EOF`). BuildKit decides on the logical line, so a marker that a line
 * continuation splits (`RUN <<\` then `EOF`) still is the whole command; hence spans, not text.
 * `node`: the RUN, or an ONBUILD whose trigger it is; `heredocs`: the node's.
 */
export function runIsOnlyHeredoc(node: Pick<InstructionNode, 'name' | 'args' | 'trigger'>, heredocs: readonly Heredoc[]): boolean {
  const run = node.name === 'ONBUILD' ? node.trigger : node;
  const args = run?.args;
  if (run?.name !== 'RUN' || !args || heredocs.length !== 1) return false;
  return args.start === heredocs[0].marker.start && args.end === heredocs[0].marker.end;
}

/** Shells that run their standard input as a script when given no script otherwise. */
const POSIX_SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);
/** Words before a command that keep its standard input and environment. */
const PREFIXES: ReadonlySet<string> = new Set(['!', '{', 'then', 'do', 'else', 'exec', 'command', 'time']);
/** Long options of bash that take the next word as their value. */
const VALUED_LONG_OPTIONS: ReadonlySet<string> = new Set(['--rcfile', '--init-file']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** A word that is plainly itself: no quotes, escapes or expansions. */
const PLAIN = /^[A-Za-z0-9_./+=:-]+$/;

interface Word {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

interface SimpleCommand {
  readonly words: Word[];
  /** Whether a plain `|` follows it: its standard output is the next command's standard input. */
  readonly pipesIntoNext: boolean;
}

/**
 * The simple commands of `line[from, …)`, as lists of words (with redirections as words of their
 * own when written apart). Separators are `;`, `&`, `|`, parentheses, back quotes and line breaks
 * outside quotes; `>&` and `<&` stay in their redirection.
 */
function simpleCommands(line: string, from: number): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let start = -1;
  const endWord = (end: number): void => {
    if (start >= 0) words.push({ start, end, text: line.slice(start, end) });
    start = -1;
  };
  const endCommand = (pipesIntoNext: boolean): void => {
    if (words.length) commands.push({ words, pipesIntoNext });
    words = [];
  };
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t') {
      endWord(i);
      i++;
      continue;
    }
    const redirection = (c === '&' || c === '|') && i > 0 && (line[i - 1] === '>' || line[i - 1] === '<');
    if (!redirection && (c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '`' || c === '\n' || c === '\r')) {
      endWord(i);
      // `||` and `|&` (bash's pipe of standard error too) are no plain pipe; both characters go.
      const pipe = c === '|' && line[i + 1] !== '|' && line[i + 1] !== '&';
      const operator = (c === '|' || c === '&') && (line[i + 1] === '|' || line[i + 1] === '&') ? 2 : 1;
      endCommand(pipe);
      i += operator;
      continue;
    }
    if (start < 0) start = i;
    if (c === '\\') i += 2;
    else if (c === "'") {
      const close = line.indexOf("'", i + 1);
      i = close < 0 ? line.length : close + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else i++;
  }
  endWord(Math.min(i, line.length));
  endCommand(false);
  return commands;
}

/** A redirection word of its own (`2>&1`, `>log`, `<in`); `apart`: its file is the next word (`> log`). */
function redirection(word: string): { readsStdin: boolean; apart: boolean } | undefined {
  const match = /^(\d*)(<<<|<<-?|<>|<&|>&|>>|>\||<|>)(.*)$/s.exec(word);
  if (!match) return undefined;
  const [, fd, operator, rest] = match;
  const readsStdin = operator.startsWith('<') && (fd === '' || fd === '0');
  return { readsStdin, apart: rest === '' };
}

/**
 * The words of `command` without the heredoc at `[markerStart, markerEnd)` and without
 * redirections; undefined when another redirection takes standard input from the heredoc.
 */
function wordsBesideHeredoc(command: readonly Word[], markerStart: number, markerEnd: number): Word[] | undefined {
  const words: Word[] = [];
  for (let i = 0; i < command.length; i++) {
    const word = command[i];
    if (word.start >= markerStart && word.end <= markerEnd) continue;
    const redirect = redirection(word.text);
    if (redirect) {
      if (redirect.readsStdin) return undefined;
      if (redirect.apart) i++;
      continue;
    }
    words.push(word);
  }
  return words;
}

/**
 * How many of `words` (as written) are wrappers that run the rest as a command of its own with the
 * same standard input (`sudo -u app`, `env A=1`); 0 when the first word is none.
 */
export type WrapperLength = (words: readonly string[]) => number;

/** Whether a command of `words` (its redirections left out) is a POSIX shell that runs its standard input. */
function runsStdinAsScript(words: readonly Word[], wrapperLength?: WrapperLength): boolean {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i].text) || ASSIGNMENT.test(words[i].text))) i++;
  if (wrapperLength) i += wrapperLength(words.slice(i).map((w) => w.text));
  const program = words[i]?.text ?? '';
  if (!PLAIN.test(program)) return false;
  let name = program.slice(program.lastIndexOf('/') + 1);
  // `busybox sh`: the applet is the shell.
  if (name === 'busybox') {
    i++;
    name = words[i]?.text ?? '';
  }
  if (!POSIX_SHELLS.has(name)) return false;
  let fromStdin = false;
  for (i++; i < words.length; i++) {
    const word = words[i].text;
    // `-` and `--` end the options; only a script's arguments (with `-s`) may follow.
    if (word === '-' || word === '--') return fromStdin || i === words.length - 1;
    if (VALUED_LONG_OPTIONS.has(word)) {
      i++;
      continue;
    }
    if (PLAIN.test(word) && word.startsWith('--')) continue;
    // The first operand: with `-s`, the script's first argument; else the script's file.
    if (!/^[-+][A-Za-z]+$/.test(word)) return fromStdin;
    const letters = word.slice(1);
    // `-c`: the script is a word of the command line; the body is its input.
    if (letters.includes('c')) return false;
    if (word[0] === '-' && letters.includes('s')) fromStdin = true;
    // A cluster such as `-euo pipefail`: each `o` or `O` in it takes one of the following words.
    i += (letters.match(/[oO]/g) ?? []).length;
  }
  return true;
}

/**
 * Whether the heredoc whose marker is `line[markerStart, markerEnd)` (logical offsets; the marker
 * may be two words, `<< EOF`) is the standard input of a POSIX shell that reads its script there:
 * the shell's own (`sh <<EOF`), or through a plain `cat` piped into it (`cat <<EOF | sh`).
 * `from`: where the RUN's command starts in `line`. `wrapperLength`: for a reader that only asks
 * whether a shell runs the body, and not with which environment, the wrappers to look through
 * (`sudo sh <<EOF`: sudo resets the environment, but the body is still a shell's script).
 */
export function shellReadsHeredoc(line: string, from: number, markerStart: number, markerEnd: number, wrapperLength?: WrapperLength): boolean {
  const commands = simpleCommands(line, from);
  const index = commands.findIndex((c) => c.words.some((w) => w.start === markerStart));
  if (index < 0) return false;
  const words = wordsBesideHeredoc(commands[index].words, markerStart, markerEnd);
  if (!words) return false;
  if (runsStdinAsScript(words, wrapperLength)) return true;
  // Only `cat` alone copies its input unchanged to its output: an option (`-n`, `-A`) or a file
  // alters or adds to it, and a redirection sends it elsewhere.
  const others = commands[index].words.filter((w) => w.start < markerStart || w.end > markerEnd);
  if (others.length !== 1 || !/^(?:(?:\/usr)?\/bin\/)?cat$/.test(others[0].text) || !commands[index].pipesIntoNext) return false;
  const next = commands[index + 1];
  // A redirection of the shell's standard input (`<<F`, `</dev/null`) would take the place of the pipe.
  const shell = next && wordsBesideHeredoc(next.words, -1, -1);
  return shell !== undefined && runsStdinAsScript(shell, wrapperLength);
}

/**
 * `shellReadsHeredoc` for heredoc `index` of a RUN node (or of an ONBUILD RUN) whose text is
 * `text`: its body is the script of a shell that reads it on standard input. False for a body that
 * is the whole command (BuildKit runs that itself) and for any other instruction.
 */
export function heredocIsShellInput(node: InstructionNode, index: number, text: string): boolean {
  const run = node.name === 'ONBUILD' ? node.trigger : node;
  const heredoc = node.heredocs[index];
  if (run?.name !== 'RUN' || !run.args || !heredoc || heredoc.fileDescriptor !== 0) return false;
  const logical = logicalLineOf(node, text);
  return shellReadsHeredoc(logical.text, logical.logicalOffset(run.args.start), logical.logicalOffset(heredoc.marker.start), logical.logicalOffset(heredoc.marker.end));
}
