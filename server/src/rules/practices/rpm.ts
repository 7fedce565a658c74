// yum, dnf and zypper as the RPM-family rules read them (DL3030, DL3032, DL3034, DL3036, DL3038,
// DL3040): each tool's command names and the global options that take a value, the action a
// command asks for (`install`, `group install`), and whether it will ask for a confirmation
// (rpmCache.ts has what fills and empties their caches).

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import { firstOperand, hasLongOption, hasShortOption } from './options';
import { basename, commandLines, mayHoldOptions, type CommandLine, type ShellScript, type ShellWord } from './shell';
import { insertAfterRange } from './support';

export interface PackageManager {
  /** The command names, as the last component of the path. */
  readonly names: ReadonlySet<string>;
  /** Options that take the next word as their value (`-c file`, `--enablerepo epel`). */
  readonly valueOptions: ReadonlySet<string>;
}

export const YUM_DNF_VALUE_OPTIONS = new Set([
  '-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '-R', '--randomwait', '-x', '--exclude', '--installroot',
  '--releasever', '--setopt', '--setvar', '--enablerepo', '--disablerepo', '--enable-repo', '--disable-repo', '--repo', '--repoid',
  '--repofrompath', '--disableexcludes', '--disableexcludepkgs', '--color', '--downloaddir', '--destdir', '--comment',
  '--rpmverbosity', '--enableplugin', '--disableplugin', '--enable-plugin', '--disable-plugin', '--forcearch',
]);

export const YUM: PackageManager = { names: new Set(['yum']), valueOptions: YUM_DNF_VALUE_OPTIONS };
/** dnf 4 (also installed as dnf-3 and, beside dnf 5, dnf4) and dnf 5. */
export const DNF: PackageManager = { names: new Set(['dnf', 'dnf-3', 'dnf4', 'dnf5']), valueOptions: YUM_DNF_VALUE_OPTIONS };
/** microdnf never asks for confirmation (its -y does nothing), but it fills the same caches. */
export const MICRODNF: PackageManager = { names: new Set(['microdnf']), valueOptions: YUM_DNF_VALUE_OPTIONS };
export const ZYPPER: PackageManager = {
  names: new Set(['zypper']),
  valueOptions: new Set([
    '-c', '--config', '-D', '--reposd-dir', '-C', '--cache-dir', '-R', '--root', '-s', '--table-style', '-p', '--plus-repo',
    '--userdata', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir', '--releasever', '--installroot', '--plus-content',
  ]),
};

export interface PackageCommand {
  readonly line: CommandLine;
  /** The command name as written (`/usr/bin/dnf`). */
  readonly name: ShellWord;
  /** What it is asked to do: the subcommand, with the next operand after `group`/`groups`/`grp` (`group install`). */
  readonly action: readonly ShellWord[];
  /** The options before the subcommand: the tool's global options. */
  readonly globalOptions: readonly ShellWord[];
  /** Every word after the name. */
  readonly args: readonly ShellWord[];
}

/** `line` read as a command of `manager`, when it is one and has a subcommand. */
export function packageCommand(line: CommandLine, manager: PackageManager): PackageCommand | undefined {
  const { words } = line;
  if (words[0].dynamic || !manager.names.has(basename(words[0].value))) return undefined;
  const args = words.slice(1);
  const sub = firstOperand(args, manager.valueOptions);
  if (sub < 0) return undefined;
  const action = [args[sub]];
  if (args[sub].value === 'group' || args[sub].value === 'groups' || args[sub].value === 'grp') {
    const rest = args.slice(sub + 1);
    const next = firstOperand(rest, manager.valueOptions);
    if (next >= 0) action.push(rest[next]);
  }
  return { line, name: words[0], action, globalOptions: args.slice(0, sub), args };
}

/** The commands of a script that are commands of `manager`. */
export function* packageCommands(script: ShellScript, manager: PackageManager): Generator<PackageCommand> {
  for (const line of commandLines(script)) {
    const command = packageCommand(line, manager);
    if (command) yield command;
  }
}

/** What a command does, as written: `install`, `group install`. */
export function actionText(command: PackageCommand): string {
  return command.action.map((w) => w.value).join(' ');
}

/** dnf's short command aliases, by the command each stands for. */
const DNF_ALIASES: Readonly<Record<string, string>> = {
  in: 'install',
  rei: 'reinstall',
  up: 'upgrade',
  'up-min': 'upgrade-minimal',
  dsync: 'distro-sync',
  dg: 'downgrade',
  mc: 'makecache',
  grp: 'group',
};

/** The action with dnf's aliases spelt out (`dnf in` is `install`, `dnf grp install` is `group install`), for the rules' tables. */
export function canonicalAction(command: PackageCommand): string {
  return command.action.map((w) => (Object.hasOwn(DNF_ALIASES, w.value) ? DNF_ALIASES[w.value] : w.value)).join(' ');
}

/** The tool as the user calls it, without its path: `dnf` for `/usr/bin/dnf`. */
export function toolName(command: PackageCommand): string {
  return basename(command.name.value);
}

/**
 * Whether the command's standard input is a pipe (`yes | yum install x`) or a here-document: then
 * its author answers the question, and the rules cannot tell whether the answers suffice.
 */
export function readsAnswers(script: ShellScript, line: CommandLine): boolean {
  if (line.command.heredocs.length > 0) return true;
  const start = line.command.words[0].start;
  return script.pipes.some(
    (pipe) => pipe.end <= start && !script.commands.some((other) => other.words[0].start >= pipe.end && other.words[0].start < start),
  );
}

/** Whether the words set a yum/dnf configuration option to true (`--setopt=assumeyes=1`, `--setopt assumeyes=True`). */
function setsDnfOption(args: readonly ShellWord[], key: string): boolean {
  const truthy = new RegExp(`^${key}=(1|true|yes|on)$`, 'i');
  return args.some((word, i) => {
    if (word.value.startsWith('--setopt=')) return truthy.test(word.value.slice('--setopt='.length));
    return word.value === '--setopt' && truthy.test(args[i + 1]?.value ?? '');
  });
}

/** yum and dnf actions that ask for confirmation before they change anything (read through canonicalAction). */
const YUM_DNF_INSTALLS = new Set(['install', 'localinstall', 'groupinstall', 'reinstall', 'group install', 'groups install']);

/**
 * The yum or dnf installs of a script that will ask for confirmation: without `-y` (alone or in a
 * group), `--assumeyes` or `--setopt=assumeyes=1` (nor `--assumeno`, which answers no), no
 * variable among the arguments that may hold such an option, and no input that answers for them.
 */
export function* installsThatAsk(script: ShellScript, manager: PackageManager): Generator<PackageCommand> {
  for (const command of packageCommands(script, manager)) {
    if (!YUM_DNF_INSTALLS.has(canonicalAction(command))) continue;
    const { args } = command;
    if (hasShortOption(args, 'y') || hasLongOption(args, '--assumeyes') || hasLongOption(args, '--assumeno') || setsDnfOption(args, 'assumeyes')) continue;
    if (mayHoldOptions(args, manager.valueOptions) || readsAnswers(script, command.line)) continue;
    yield command;
  }
}

/** The last word of a diagnostic's range in the current text (the action it ends with: `install`). */
export function lastWordOf(diagnostic: Diagnostic, doc: AnalyzedDocument): string {
  const words = doc.text.getText(diagnostic.range).split(/[\s\\`]+/).filter(Boolean);
  return words[words.length - 1] ?? '';
}

/** The fix of the confirmation rules: ` -y` after the action the diagnostic ends with. */
export function addAssumeYes(diagnostic: Diagnostic, doc: AnalyzedDocument): CodeAction[] {
  const action = lastWordOf(diagnostic, doc);
  return action ? insertAfterRange("Add '-y'", ' -y', action, diagnostic, doc) : [];
}
