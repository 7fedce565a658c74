// Reading the options of a package manager's command line (apt-get, yum, dnf, zypper): where the
// subcommand is, and whether an option is given, short ones grouped or not.

import type { ShellWord } from './shell';

/**
 * The index of the first word that is no option (the subcommand), skipping the value of each of
 * `valueOptions` (`-c file`); -1 when there is none.
 */
export function firstOperand(args: readonly ShellWord[], valueOptions: ReadonlySet<string>): number {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value.startsWith('-')) {
      if (valueOptions.has(value)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

/** Whether a short option letter is given, alone or in a group (`-y`, `-qy`), before a `--`. */
export function hasShortOption(args: readonly ShellWord[], letter: string, count = 1): boolean {
  for (const word of args) {
    const value = word.value;
    if (value === '--') return false;
    if (!/^-[A-Za-z]+$/.test(value)) continue;
    let seen = 0;
    for (const c of value.slice(1)) if (c === letter) seen++;
    if (seen >= count) return true;
  }
  return false;
}

/** Whether a long option is given (`--yes`, or with a value: `--quiet=2` when `value` is given). */
export function hasLongOption(args: readonly ShellWord[], name: string, value?: string): boolean {
  return args.some((word) => (value === undefined ? word.value === name : word.value === `${name}=${value}`));
}

/**
 * Whether a shell's own options (`sh -e -o pipefail`, `set -euo pipefail`, as plain words) set the
 * option `name`: as `-o name` (the `o` may end a group, `-eo name`), or by its short `letter` alone or
 * in a group (`-e`, `-ex`).
 */
export function setsShellOption(words: readonly string[], name: string, letter?: string): boolean {
  return words.some(
    (word, i) => (/^-[A-Za-z]*o$/.test(word) && words[i + 1] === name) || (letter !== undefined && /^-[A-Za-z]+$/.test(word) && word.slice(1).includes(letter)),
  );
}
