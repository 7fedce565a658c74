// apt-get as the apt rules read it: the subcommand after the options (some of which take a
// value), and the configuration options given with `-o Key=value`.

import { firstOperand } from './options';
import { basename, commandLines, mayHoldOptions, type CommandLine, type ShellScript, type ShellWord } from './shell';

/** apt-get options that take the next word as their value. */
const VALUE_OPTIONS = new Set(['-o', '-c', '-t', '-a', '--option', '--config-file', '--target-release', '--default-release', '--host-architecture']);

export interface AptGetCommand {
  /** `apt-get` (or its path) as written. */
  readonly name: ShellWord;
  /** The subcommand word (`install`). */
  readonly subcommand: ShellWord;
  /** Every word after the name. */
  readonly args: readonly ShellWord[];
}

/** The `apt-get <subcommand>` commands of a script whose subcommand is one of `subcommands`. */
export function* aptGetCommands(script: ShellScript, subcommands: ReadonlySet<string>): Generator<AptGetCommand> {
  for (const line of commandLines(script)) {
    const command = aptGetCommand(line, subcommands);
    if (command) yield command;
  }
}

/** The command line as `apt-get <subcommand>`, if it is one with a subcommand of `subcommands`. */
export function aptGetCommand({ words }: CommandLine, subcommands: ReadonlySet<string>): AptGetCommand | undefined {
  if (words[0].dynamic || basename(words[0].value) !== 'apt-get') return undefined;
  const args = words.slice(1);
  const subcommand = args[firstOperand(args, VALUE_OPTIONS)];
  return subcommand && subcommands.has(subcommand.value) ? { name: words[0], subcommand, args } : undefined;
}

/** The values given to `-o`/`--option` (`APT::Get::Assume-Yes=true`), and the `-o=...` form. */
function aptConfigOptions(args: readonly ShellWord[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if ((value === '-o' || value === '--option') && i + 1 < args.length) out.push(args[++i].value);
    else if (value.startsWith('-o=') || value.startsWith('--option=')) out.push(value.slice(value.indexOf('=') + 1));
    else if (value.startsWith('-o') && value.length > 2 && value.includes('::')) out.push(value.slice(2));
  }
  return out;
}

/**
 * apt-get's quiet level: each `q` of a short option group (`-q`, `-qq`, `-yq`) and each `--quiet`
 * adds one, `-q=N` (`--quiet=N`) sets it, in the order written, before a `--`. Level 2 implies -y.
 */
export function aptQuietLevel(args: readonly ShellWord[]): number {
  let level = 0;
  for (const { value } of args) {
    if (value === '--') break;
    const set = /^(?:-q|--quiet)=(\d+)$/.exec(value);
    if (set) level = Number(set[1]);
    else if (value === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(value)) for (const c of value.slice(1)) if (c === 'q') level++;
  }
  return level;
}

/** Whether a variable among the arguments may hold options (then the rules cannot judge the command). */
export function mayHoldAptOptions(args: readonly ShellWord[]): boolean {
  return mayHoldOptions(args, VALUE_OPTIONS);
}

/** Whether an apt configuration option sets `key` (case-insensitive) to a true value. */
export function setsAptOption(args: readonly ShellWord[], key: string, truth: boolean): boolean {
  const wanted = truth ? /^(1|true|yes|on)$/i : /^(0|false|no|off)$/i;
  return aptConfigOptions(args).some((option) => {
    const eq = option.indexOf('=');
    return eq > 0 && option.slice(0, eq).toLowerCase() === key.toLowerCase() && wanted.test(option.slice(eq + 1).replace(/^["']|["']$/g, ''));
  });
}
