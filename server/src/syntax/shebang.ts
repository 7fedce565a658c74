// What runs a script whose first line is `#!…`. BuildKit writes the body of a RUN that is only a
// heredoc starting with `#!` to a file and executes it (`heredocShebang`), so Linux reads the line:
// the interpreter is its first word, and everything after the blanks that follow it, trailing blanks
// removed, is ONE argument (blanks are spaces and tabs). `#!/bin/bash -eo pipefail` gives bash the
// single argument "-eo pipefail".
//
// When the interpreter is `env`, GNU env reads that one argument as its command line (getopt_long
// with "+C:iS:u:v0" and the isspace characters, which it refuses, so that `#!/usr/bin/env -i bash`
// fails): only `-S`/`--split-string` splits it into words, as in `#!/usr/bin/env -S bash -e`, also
// after other short options in the same word (`-iS bash`, `-vS bash`), or as `--split-string=bash -e`
// (`--split-string bash -e` is one unknown long option, whose name holds the blanks). The words
// `-S` makes are read again as options, then `-`, then NAME=VALUE settings, then the program.
// BusyBox's env (and GNU env before 8.30) has no -S; this reads GNU env's.

/** The path of the script, which the kernel passes after the line's argument. */
const SCRIPT = '\0script';

type ArgKind = 'none' | 'required' | 'optional';

/** GNU env's options that can let a program run, by short letter (long ones map to these). */
const SHORT: Readonly<Record<string, ArgKind>> = { i: 'none', '0': 'none', v: 'none', u: 'required', C: 'required', S: 'required' };

/** GNU env's long options: the argument each takes and its short letter, if any. `--help` and `--version` run no program. */
const LONG: readonly (readonly [name: string, kind: ArgKind, letter: string])[] = [
  ['ignore-environment', 'none', 'i'],
  ['null', 'none', '0'],
  ['unset', 'required', 'u'],
  ['chdir', 'required', 'C'],
  ['default-signal', 'optional', ''],
  ['ignore-signal', 'optional', ''],
  ['block-signal', 'optional', ''],
  ['list-signal-handling', 'none', ''],
  ['debug', 'none', 'v'],
  ['split-string', 'required', 'S'],
  ['help', 'none', '?'],
  ['version', 'none', '?'],
];

/** The signal options, which GNU env has since 8.31: before (8.30 in Debian 10 and Ubuntu 20.04) `--i` and `--de` were not ambiguous. */
const SINCE_8_31: ReadonlySet<string> = new Set(['default-signal', 'ignore-signal', 'block-signal', 'list-signal-handling']);

/**
 * getopt_long's match: the exact name, else the one option it abbreviates; 'older' where the
 * abbreviation is ambiguous only with the options of 8.31, so an older env reads it.
 */
function longOption(name: string): (typeof LONG)[number] | 'older' | undefined {
  const exact = LONG.find(([n]) => n === name);
  if (exact) return exact;
  const prefixed = name === '' ? [] : LONG.filter(([n]) => n.startsWith(name));
  if (prefixed.length === 1) return prefixed[0];
  return prefixed.filter(([n]) => !SINCE_8_31.has(n)).length === 1 ? 'older' : undefined;
}

const IS_SPACE = ' \t\n\v\f\r';

/**
 * GNU env's `-S` splitting: blanks separate words; single and double quotes group them (a backslash
 * in single quotes escapes only `\` and `'`); `\_` separates outside double quotes and is a blank
 * inside them; `#` at the start of a word and `\c` end the string. 'refused' where env stops with an
 * error (an unknown escape, an open quote), 'unknown' where it expands `${NAME}`, whose value is not known here.
 */
function splitString(text: string): string[] | 'refused' | 'unknown' {
  const words: string[] = [];
  let separated = true;
  let single = false;
  let double = false;
  const start = () => {
    if (separated) words.push('');
    separated = false;
  };
  const add = (c: string) => {
    start();
    words[words.length - 1] += c;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && !double) {
      single = !single;
      start();
    } else if (c === '"' && !single) {
      double = !double;
      start();
    } else if (IS_SPACE.includes(c) && !single && !double) {
      separated = true;
    } else if (c === '#' && separated && !single && !double) {
      break;
    } else if (c === '\\' && !(single && text[i + 1] !== '\\' && text[i + 1] !== "'")) {
      const next = text[++i];
      if (next === undefined) return 'refused';
      if ('"#$\'\\'.includes(next)) add(next);
      else if (next === '_') {
        if (double) add(' ');
        else separated = true;
      } else if (next === 'c') {
        if (double) return 'refused';
        break;
      } else {
        const control = ({ f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[next];
        if (control === undefined) return 'refused';
        add(control);
      }
    } else if (c === '$' && !single) {
      return 'unknown';
    } else {
      add(c);
    }
  }
  return single || double ? 'refused' : words;
}

/**
 * What env does with a line's arguments: runs a program, given with its arguments (the name may hold
 * blanks or be empty, and is then found nowhere); 'refused': stops with an error; 'itself': names no
 * program but the script's path, so it runs the script, whose `#!` line starts env again, endlessly;
 * 'exits': runs nothing and exits 0 (prints its help, or the environment); 'unknown': depends on what
 * is not known here.
 */
export type EnvOutcome = readonly string[] | 'refused' | 'itself' | 'exits' | 'unknown';

/** What GNU env does given `args` (what follows `env`; the script's path comes after them). */
function envCommand(args: readonly string[]): EnvOutcome {
  let argv = [...args, SCRIPT];
  let i = 0;
  let nul = false;
  let ignoreEnvironment = false;
  // A name env cannot unset (empty or with `=`): env stops with an error once the options are read, unless -i empties the environment instead.
  let badUnset = false;
  // The value of an option that takes one: the rest of the word, else the next argument (the script's path, maybe).
  const value = (rest: string): string | undefined => (rest !== '' ? rest : argv[i++]);
  let splits = 0;
  options: while (i < argv.length) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || arg === SCRIPT) break;
    i++;
    let letter: string;
    let optionValue: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const option = longOption(arg.slice(2, eq < 0 ? undefined : eq));
      if (!option) return 'refused';
      if (option === 'older') return 'unknown';
      const [, kind] = option;
      letter = option[2];
      if (kind === 'none' && eq >= 0) return 'refused';
      // `--split-string=` has the empty value; only `--split-string` takes the next argument.
      if (kind === 'required') optionValue = eq < 0 ? value('') : arg.slice(eq + 1);
    } else {
      // A group of short options: each takes no value, until one takes the rest of the word (or the next).
      let j = 1;
      for (;;) {
        letter = arg[j];
        const kind = SHORT[letter];
        if (kind === undefined) return 'refused';
        if (kind === 'required') {
          optionValue = value(arg.slice(j + 1));
          break;
        }
        if (letter === '0') nul = true;
        if (letter === 'i') ignoreEnvironment = true;
        if (++j >= arg.length) continue options;
      }
    }
    if (letter === '?') return 'exits';
    if (letter === '0') nul = true;
    if (letter === 'i') ignoreEnvironment = true;
    if (letter === 'u' && optionValue !== undefined && optionValue !== SCRIPT && (optionValue === '' || optionValue.includes('='))) badUnset = true;
    // The script's path taken as the option's value: -S runs it, -u and -C leave no program.
    if (optionValue === SCRIPT) return letter === 'S' && !nul ? 'itself' : 'unknown';
    if (letter === 'S' && optionValue !== undefined) {
      const words = splitString(optionValue);
      // The words may hold another -S. env has no limit; each split copies the words after it, so this
      // stops at a few more than any line needs.
      if (typeof words === 'string') return words;
      if (++splits > 10) return 'unknown';
      argv = words.concat(argv.slice(i));
      i = 0;
    }
  }
  if (argv[i] === '-') {
    ignoreEnvironment = true;
    i++;
  }
  if (badUnset && !ignoreEnvironment) return 'refused';
  while (i < argv.length && argv[i] !== SCRIPT && argv[i].includes('=')) i++;
  const program = argv[i];
  if (program === undefined) return 'exits';
  // With -0 env refuses a program.
  if (nul) return 'refused';
  if (program === SCRIPT) return 'itself';
  return argv.slice(i, argv.lastIndexOf(SCRIPT));
}

/**
 * What BusyBox's env does given the one argument a `#!` line gives it, as its getopt reads "+iu:"
 * and the long options ignore-environment and unset; the few outcomes this is sure of, else 'unknown'
 * (a program it runs, an exit without one, or a `-0`, which newer BusyBox may know).
 */
function busyboxEnv(argument: string): 'refused' | 'itself' | 'no-program' | 'unknown' {
  if (argument === '' || argument === '-' || argument === '--') return 'itself';
  if (!argument.startsWith('-')) {
    if (argument.includes('=')) return 'itself';
    return /[ \t]/.test(argument) ? 'no-program' : 'unknown';
  }
  if (argument.startsWith('--')) {
    const eq = argument.indexOf('=');
    const name = argument.slice(2, eq < 0 ? undefined : eq);
    if (name === '' || 'null'.startsWith(name)) return 'unknown';
    // --unset takes the script's path as its value when it has none here.
    if ('unset'.startsWith(name)) return eq < 0 ? 'unknown' : 'itself';
    if ('ignore-environment'.startsWith(name)) return eq < 0 ? 'itself' : 'refused';
    return 'refused';
  }
  for (let j = 1; j < argument.length; j++) {
    const letter = argument[j];
    if (letter === 'i') continue;
    if (letter === 'u') return j + 1 < argument.length ? 'itself' : 'unknown';
    return letter === '0' ? 'unknown' : 'refused';
  }
  return 'itself';
}

/** A program name env finds nowhere: empty, or with a blank (`env python3 -u` looks for "python3 -u"). */
function namesNoProgram(name: string): boolean {
  return name === '' || /[ \t\n\v\f\r]/.test(name);
}

/** The last part of a path: `/usr/bin/env` is env. */
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** A `#!` line's interpreter and its one argument, as Linux splits the line. */
function splitLine(line: string): { interpreter: string; argument: string; argumentStart: number } {
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let end = i;
  while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
  const interpreter = line.slice(i, end);
  // Trimmed by hand: a regular expression for the trailing blanks would try every run of them.
  let from = end;
  while (line[from] === ' ' || line[from] === '\t') from++;
  let to = line.length;
  while (to > from && (line[to - 1] === ' ' || line[to - 1] === '\t')) to--;
  return { interpreter, argument: line.slice(from, to), argumentStart: from };
}

/**
 * The command that runs a script whose first line is `#!line` (`line`: the text after `#!`, without
 * the line break): the program and the arguments it gets before the script's path, as Linux and GNU
 * env read the line (see above). `#!/usr/bin/env -S bash -euo pipefail` is `bash -euo pipefail`,
 * `#!/bin/sh -e` is `/bin/sh -e`. Undefined when the line runs nothing: no interpreter, or an env
 * that stops with an error (`#!/usr/bin/env bash -e` looks for a program called "bash -e").
 */
export function shebangCommand(line: string): readonly string[] | undefined {
  if (line.includes('\0')) return undefined;
  const { interpreter, argument } = splitLine(line);
  if (interpreter === '') return undefined;
  const args = argument === '' ? [] : [argument];
  if (basename(interpreter) !== 'env') return [interpreter, ...args];
  const command = envCommand(args);
  return typeof command === 'string' || namesNoProgram(command[0]) ? undefined : command;
}

/** What an env that runs no program does: refuses its arguments, runs the script itself without end, or finds no program of the name. */
export type EnvFailure = { readonly kind: 'refused' | 'itself' } | { readonly kind: 'no-program'; readonly name: string };

/** A `#!` line whose env runs nothing on any Linux image (see `shebangFailure`). */
export interface ShebangFailure {
  /** The interpreter as written (`/usr/bin/env`) and its one argument, which starts at `argumentStart` in the line. */
  readonly interpreter: string;
  readonly argument: string;
  readonly argumentStart: number;
  readonly gnu: EnvFailure;
  readonly busybox: EnvFailure;
}

/** Lines Linux reads whole: before 5.1 it reads the first 128 bytes of the script, truncating a longer line. */
const SHEBANG_BYTES = 127;

/**
 * Why a script whose first line is `#!line`, run as BuildKit runs a RUN heredoc (`/bin/sh -c <script>`),
 * certainly runs nothing on Linux, with either env an image may have, GNU's or BusyBox's: both envs
 * refuse the argument, find no program of its name, or run the script itself again, endlessly
 * (`#!/usr/bin/env bash -e`, `#!/usr/bin/env`). Undefined where the line names no interpreter (the
 * kernel refuses the script, and the shell that runs it reads it as a shell script), runs a program (or may: a
 * line one env reads and the other does not, `-S` aside, which only GNU env has), exits without one
 * (`env -u`, `env --help`), holds a NUL or is too long to be read whole. The script's path must hold
 * no `=`, blank or quote, as env would read those.
 */
export function shebangFailure(line: string): ShebangFailure | undefined {
  if (line.includes('\0') || new TextEncoder().encode(`#!${line}`).length > SHEBANG_BYTES) return undefined;
  const { interpreter, argument, argumentStart } = splitLine(line);
  if (basename(interpreter) !== 'env') return undefined;
  const gnuOutcome = envCommand(argument === '' ? [] : [argument]);
  let gnu: EnvFailure;
  if (gnuOutcome === 'refused' || gnuOutcome === 'itself') gnu = { kind: gnuOutcome };
  else if (typeof gnuOutcome !== 'string' && namesNoProgram(gnuOutcome[0])) gnu = { kind: 'no-program', name: gnuOutcome[0] };
  else return undefined;
  const busyboxOutcome = busyboxEnv(argument);
  if (busyboxOutcome === 'unknown') return undefined;
  const busybox: EnvFailure = busyboxOutcome === 'no-program' ? { kind: 'no-program', name: argument } : { kind: busyboxOutcome };
  return { interpreter, argument, argumentStart, gnu, busybox };
}

/** The name of the program a `#!` line runs (`bash`, `python3`), or undefined (see `shebangCommand`). */
export function shebangProgram(line: string): string | undefined {
  const command = shebangCommand(line);
  return command && basename(command[0]);
}
