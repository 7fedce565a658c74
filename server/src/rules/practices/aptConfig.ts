// What the Dockerfile itself writes into APT's configuration, for the rules that depend on it (DL3015:
// APT::Install-Recommends; DL3014: APT::Get::Assume-Yes). Only what the file shows: a RUN that writes text into a file under
// /etc/apt/apt.conf.d/ (or /etc/apt/apt.conf) with echo or printf (redirected, or piped into tee) or
// from a here-document (`cat <<EOF > file`, `tee file <<EOF`), a COPY or ADD of a here-document there,
// and `rm` of such files. A file copied from the build context, or text made by a variable, is not
// known: it sets nothing as far as the rules can tell.
// `forEachAptCommand` walks a stage in run order with the configuration written so far.

import type { DockerfileModel, Stage } from '../../semantics';
import type { Heredoc, InstructionNode, SyntaxTree } from '../../syntax';
import { alongBases, forEachInRunOrder, type ChainMemo } from '../checks/support/chain';
import { aptGetCommand, type AptGetCommand } from './apt';
import { basename, commandLines, runCommands, type CommandLine, type RunScript, type ShellWord } from './shell';

const CONF_DIR = '/etc/apt/apt.conf.d';
const CONF_FILE = '/etc/apt/apt.conf';

/** The settings the rules read, as one configuration file sets them (undefined: it sets none, or it is not known). */
interface AptSettings {
  readonly recommends: boolean | undefined;
  readonly assumeYes: boolean | undefined;
}

type AptKey = keyof AptSettings;

const UNKNOWN: AptSettings = { recommends: undefined, assumeYes: undefined };

/** The APT configuration files the Dockerfile wrote, by absolute path, each with the settings it makes. */
export type AptConfigFiles = ReadonlyMap<string, AptSettings>;

export const NO_APT_CONFIG: AptConfigFiles = new Map();

// APT's own reading of a boolean (StringToBool): these words, or a number (0 is false).
const TRUE_WORDS = new Set(['yes', 'true', 'with', 'on', 'enable']);
const FALSE_WORDS = new Set(['no', 'false', 'without', 'off', 'disable']);

function aptBoolean(text: string): boolean | undefined {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return /^\d+$/.test(word) ? Number(word) !== 0 : undefined;
}

// `APT::Install-Recommends "false";` (keys are case-insensitive, the quotes optional), or the same key
// inside an `APT { … }` scope; `APT::Get::Assume-Yes "true";`, or inside a `Get { … }` scope
// (`APT { Get { Assume-Yes "true"; }; };`, `APT::Get { … }`). The last one in a file wins.
const SETTINGS: Readonly<Record<AptKey, RegExp>> = {
  recommends: /APT::Install-Recommends\s*"?([A-Za-z0-9]+)"?|\bAPT\s*\{[^}]*?\bInstall-Recommends\s*"?([A-Za-z0-9]+)"?/gi,
  assumeYes: /APT::Get::Assume-Yes\s*"?([A-Za-z0-9]+)"?|\bGet\s*\{[^}]*?\bAssume-Yes\s*"?([A-Za-z0-9]+)"?/gi,
};

/** The value of `key` configuration text sets, if any. */
function settingIn(text: string, key: AptKey): boolean | undefined {
  let value: boolean | undefined;
  for (const match of text.matchAll(SETTINGS[key])) value = aptBoolean(match[1] ?? match[2]) ?? value;
  return value;
}

/** Whether a path is one APT reads its configuration from. */
function isConfigPath(path: string): boolean {
  return path === CONF_FILE || (path.startsWith(`${CONF_DIR}/`) && path.length > CONF_DIR.length + 1 && !path.slice(CONF_DIR.length + 1).includes('/'));
}

/**
 * The value APT ends with for `key`, reading the files as it does: those of apt.conf.d in name order,
 * then apt.conf, a later value overriding an earlier one.
 */
function settingOf(files: AptConfigFiles, key: AptKey): boolean | undefined {
  let value: boolean | undefined;
  const order = [...files.keys()].sort((a, b) => (a === CONF_FILE ? 1 : b === CONF_FILE ? -1 : a < b ? -1 : a > b ? 1 : 0));
  for (const path of order) value = files.get(path)?.[key] ?? value;
  return value;
}

/** Whether the files turn Install-Recommends off. */
export function recommendsOff(files: AptConfigFiles): boolean {
  return settingOf(files, 'recommends') === false;
}

/** Whether the files turn Assume-Yes on, so that apt-get asks no question. */
export function assumesYes(files: AptConfigFiles): boolean {
  return settingOf(files, 'assumeYes') === true;
}

/** A change to the files: a file written (what it then sets, given what it set before) or files removed. */
type Change = { readonly path: string; readonly sets: (before: AptSettings | undefined) => AptSettings } | { readonly removes: (path: string) => boolean };

/** `files` with the changes made, the same object when there are none. */
function applied(files: AptConfigFiles, changes: readonly Change[]): AptConfigFiles {
  if (changes.length === 0) return files;
  const next = new Map(files);
  for (const change of changes) {
    if ('removes' in change) {
      for (const path of [...next.keys()]) if (change.removes(path)) next.delete(path);
    } else next.set(change.path, change.sets(next.get(change.path)));
  }
  return next;
}

/** A write of `text` (undefined: not known) to a file, replacing it or added at its end. */
function write(path: string, text: string | undefined, append: boolean): Change {
  if (text === undefined) return { path, sets: () => UNKNOWN };
  const written: AptSettings = { recommends: settingIn(text, 'recommends'), assumeYes: settingIn(text, 'assumeYes') };
  if (!append) return { path, sets: () => written };
  // Text added at the end overrides the file's values only where it sets them itself.
  return {
    path,
    sets: (before) => ({ recommends: written.recommends ?? before?.recommends, assumeYes: written.assumeYes ?? before?.assumeYes }),
  };
}

/** The text a command prints: echo's and printf's arguments; undefined when a variable makes it. */
function printed(words: readonly ShellWord[]): string | undefined {
  const name = basename(words[0].value);
  if (name !== 'echo' && name !== 'printf') return undefined;
  const args = words.slice(1);
  if (args.some((w) => w.dynamic)) return undefined;
  return args.map((w) => w.value).join(' ');
}

/** What a RUN's command line writes: the text it prints into its redirected output, or that `tee` copies. */
export function runChanges(files: AptConfigFiles, line: CommandLine, script: RunScript, previous: CommandLine | undefined): AptConfigFiles {
  const { words, command } = line;
  if (words[0].dynamic) return files;
  // Only a command that names a path under /etc/apt (to write, copy to or remove) changes anything.
  if (!words.some((w) => w.value.includes('/etc/apt')) && !command.outputs.some((o) => o.file.value.includes('/etc/apt'))) return files;
  const name = basename(words[0].value);
  const changes: Change[] = [];
  if (name === 'rm') {
    const patterns = words.slice(1).filter((w) => !w.dynamic && !w.value.startsWith('-')).map((w) => removalPattern(w.value));
    if (patterns.length > 0) changes.push({ removes: (path) => patterns.some((p) => p.test(path)) });
  }
  const input = heredocText(line, script) ?? (previous && pipedInto(script, previous, line) ? printed(previous.words) ?? heredocText(previous, script) : undefined);
  const text = printed(words) ?? (name === 'cat' ? heredocText(line, script) : undefined);
  const output = command.outputs[command.outputs.length - 1];
  if (output && !output.file.dynamic && isConfigPath(output.file.value)) {
    changes.push(write(output.file.value, name === 'tee' ? input : text, output.append));
  }
  if (name === 'tee') {
    const append = words.some((w) => /^-[a-z]*a[a-z]*$/.test(w.value) || w.value === '--append');
    for (const file of words.slice(1)) {
      if (!file.dynamic && !file.value.startsWith('-') && isConfigPath(file.value)) changes.push(write(file.value, input, append));
    }
  }
  return applied(files, changes);
}

/** `rm` of a path: the path itself, what a glob in it matches, and everything under it. */
function removalPattern(path: string): RegExp {
  const glob = path.replace(/\/+$/, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${glob}(/.*)?$`);
}

/** Whether a pipe joins `from`'s output to `to`'s input: it lies between the two commands. */
function pipedInto(script: RunScript, from: CommandLine, to: CommandLine): boolean {
  const end = from.words[from.words.length - 1].end;
  const start = to.command.words[0].start;
  return script.pipes.some((pipe) => pipe.start >= end && pipe.end <= start);
}

/** The body of the here-document a command of the RUN's command line reads, when it reads one. */
function heredocText({ command }: CommandLine, script: RunScript): string | undefined {
  const name = command.heredocs[0];
  if (name === undefined) return undefined;
  // Only the RUN's own heredocs have their bodies at hand: those after the command that reads them.
  return script.heredocs.find((h) => h.name === name && h.body.start >= command.words[0].end)?.content;
}

/**
 * What a COPY or ADD writes: its here-documents at their destination; anything else copied there is
 * not known. `heredocs`: those of the node, or of the ONBUILD node `node` is the trigger of.
 */
export function copyChanges(files: AptConfigFiles, node: InstructionNode, heredocs: readonly Heredoc[] = node.heredocs): AptConfigFiles {
  if ((node.name !== 'COPY' && node.name !== 'ADD') || node.argList.length < 2) return files;
  const sources = node.argList.slice(0, -1);
  const destination = node.argList[node.argList.length - 1].text;
  // Every configuration path is under /etc/apt; most COPYs go elsewhere and cost nothing more.
  if (!destination.startsWith('/etc/apt')) return files;
  const intoDirectory = destination.endsWith('/') || sources.length > 1;
  const changes: Change[] = [];
  for (const source of sources) {
    const heredoc = heredocs.find((h) => h.marker.start === source.start);
    const path = intoDirectory ? `${destination.replace(/\/+$/, '')}/${heredoc?.name ?? basename(source.text)}` : destination;
    if (isConfigPath(path)) changes.push(write(path, heredoc?.content, false));
  }
  return applied(files, changes);
}

/** Per stage, the APT configuration a stage built FROM it starts with. */
const configForChildren: ChainMemo<AptConfigFiles> = new WeakMap();

/** Sees an `apt-get` command of one of the walked subcommands, at node `index`, with the configuration written before it. */
export type AptCommandVisit = (command: AptGetCommand, index: number, files: AptConfigFiles) => void;

/**
 * Walks a stage in order, with the APT configuration written so far (by its bases first, and their
 * ONBUILD triggers); `visit` sees each `apt-get` command whose subcommand is one of `subcommands`
 * with the configuration at that point. Returns what a stage built FROM this one starts with: the
 * configuration at its end, with its own ONBUILD RUN, COPY and ADD triggers run on it. Those run only
 * there (BuildKit runs a base's triggers first in each stage built FROM it, and nowhere else), after
 * the whole of this stage, so a command in a trigger is checked against that configuration, not
 * against this stage's at its line.
 */
export function forEachAptCommand(
  tree: SyntaxTree,
  model: DockerfileModel,
  stage: Stage,
  subcommands?: ReadonlySet<string>,
  visit?: AptCommandVisit,
): AptConfigFiles {
  let files = stage.base ? alongBases(configForChildren, model, stage.base, (s) => forEachAptCommand(tree, model, s)) : NO_APT_CONFIG;
  forEachInRunOrder(model, stage, (node, index) => {
    if (node.kind === 'instruction') files = step(tree, node, index, stage.windows, files, subcommands, visit);
  });
  return files;
}

/** The configuration after instruction `node` (a RUN, COPY or ADD, or such an ONBUILD trigger), visiting its commands on the way. */
function step(
  tree: SyntaxTree,
  node: InstructionNode,
  index: number,
  windowsImage: boolean,
  files: AptConfigFiles,
  subcommands: ReadonlySet<string> | undefined,
  visit: AptCommandVisit | undefined,
): AptConfigFiles {
  // A trigger's here-documents belong to its ONBUILD node.
  const instruction = node.name === 'ONBUILD' ? node.trigger : node;
  if (!instruction) return files;
  files = copyChanges(files, instruction, node.heredocs);
  // A RUN that never says "apt" neither runs apt-get nor writes APT's configuration.
  const text = tree.nodeText(index);
  if (!text.includes('apt')) return files;
  const script = runCommands(node, text, windowsImage);
  if (!script) return files;
  let previous: CommandLine | undefined;
  for (const line of commandLines(script)) {
    const command = visit && subcommands && aptGetCommand(line, subcommands);
    if (command) visit(command, index, files);
    files = runChanges(files, line, script, previous);
    previous = line;
  }
  return files;
}
