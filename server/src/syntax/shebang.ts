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

/** getopt_long's match: the exact name, else the one option it abbreviates. */
function longOption(name: string): (typeof LONG)[number] | undefined {
  const exact = LONG.find(([n]) => n === name);
  if (exact) return exact;
  const prefixed = name === '' ? [] : LONG.filter(([n]) => n.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

const IS_SPACE = ' \t\n\v\f\r';

/**
 * GNU env's `-S` splitting: blanks separate words; single and double quotes group them (a backslash
 * in single quotes escapes only `\` and `'`); `\_` separates outside double quotes and is a blank
 * inside them; `#` at the start of a word and `\c` end the string. Undefined where env stops with an
 * error (an unknown escape, an open quote) or expands `${NAME}`, whose value is not known here.
 */
function splitString(text: string): string[] | undefined {
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
      if (next === undefined) return undefined;
      if ('"#$\'\\'.includes(next)) add(next);
      else if (next === '_') {
        if (double) add(' ');
        else separated = true;
      } else if (next === 'c') {
        if (double) return undefined;
        break;
      } else {
        const control = ({ f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' } as Record<string, string>)[next];
        if (control === undefined) return undefined;
        add(control);
      }
    } else if (c === '$' && !single) {
      return undefined;
    } else {
      add(c);
    }
  }
  return single || double ? undefined : words;
}

/**
 * The program GNU env runs, with its arguments, given `args` (what follows `env`; the script's path
 * comes after them), or undefined when env stops with an error, runs nothing, or would run the
 * script itself (no program named: it would start itself again).
 */
function envCommand(args: readonly string[]): string[] | undefined {
  let argv = [...args, SCRIPT];
  let i = 0;
  let nul = false;
  // The value of an option that takes one; the script's path is no value this line means.
  const value = (rest: string): string | undefined => {
    if (rest !== '') return rest;
    const next = argv[i++];
    return next === undefined || next === SCRIPT ? undefined : next;
  };
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
      if (!option) return undefined;
      const [, kind] = option;
      letter = option[2];
      if (kind === 'none' && eq >= 0) return undefined;
      if (kind === 'required') {
        optionValue = value(eq < 0 ? '' : arg.slice(eq + 1));
        if (optionValue === undefined) return undefined;
      }
    } else {
      // A group of short options: each takes no value, until one takes the rest of the word (or the next).
      let j = 1;
      for (;;) {
        letter = arg[j];
        const kind = SHORT[letter];
        if (kind === undefined) return undefined;
        if (kind === 'required') {
          optionValue = value(arg.slice(j + 1));
          if (optionValue === undefined) return undefined;
          break;
        }
        if (letter === '0') nul = true;
        if (++j >= arg.length) continue options;
      }
    }
    if (letter === '?') return undefined;
    if (letter === '0') nul = true;
    if (letter === 'S' && optionValue !== undefined) {
      const words = splitString(optionValue);
      // The words may hold another -S. env has no limit; each split copies the words after it, so this
      // stops at a few more than any line needs.
      if (!words || ++splits > 10) return undefined;
      argv = words.concat(argv.slice(i));
      i = 0;
    }
  }
  if (argv[i] === '-') i++;
  while (i < argv.length && argv[i] !== SCRIPT && argv[i].includes('=')) i++;
  const program = argv[i];
  // With -0 env refuses a program; a name with blanks is one this line did not mean to run (`env python3 -u`).
  if (program === undefined || program === SCRIPT || program === '' || nul || /[ \t\n\v\f\r]/.test(program)) return undefined;
  return argv.slice(i, argv.lastIndexOf(SCRIPT));
}

/** The last part of a path: `/usr/bin/env` is env. */
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
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
  let i = 0;
  while (line[i] === ' ' || line[i] === '\t') i++;
  let end = i;
  while (end < line.length && line[end] !== ' ' && line[end] !== '\t') end++;
  const interpreter = line.slice(i, end);
  if (interpreter === '') return undefined;
  // Trimmed by hand: a regular expression for the trailing blanks would try every run of them.
  let from = end;
  while (line[from] === ' ' || line[from] === '\t') from++;
  let to = line.length;
  while (to > from && (line[to - 1] === ' ' || line[to - 1] === '\t')) to--;
  const argument = line.slice(from, to);
  const args = argument === '' ? [] : [argument];
  return basename(interpreter) === 'env' ? envCommand(args) : [interpreter, ...args];
}

/** The name of the program a `#!` line runs (`bash`, `python3`), or undefined (see `shebangCommand`). */
export function shebangProgram(line: string): string | undefined {
  const command = shebangCommand(line);
  return command && basename(command[0]);
}
