// What fills and empties the caches of yum, dnf and zypper (DL3032, DL3036, DL3040): the repository
// metadata (and, with keepcache, the packages) that every command reading the repositories
// downloads under /var/cache, and what removes it or keeps it out of the layer.

import type { InstructionNode } from '../../syntax';
import { cacheMountTargets } from './mounts';
import { hasLongOption, hasShortOption } from './options';
import { actionText, canonicalAction, DNF, MICRODNF, packageCommand, YUM, YUM_DNF_VALUE_OPTIONS, ZYPPER, type PackageCommand, type PackageManager } from './rpm';
import { basename, commandLines, type CommandLine, type RunScript, type ShellScript, type ShellWord } from './shell';

/** yum and dnf actions that download repository metadata (and packages), read through canonicalAction; older names too (`upgrade-to`, `localupdate`). */
const YUM_DNF_FILLS = new Set([
  'install', 'localinstall', 'groupinstall', 'reinstall', 'update', 'upgrade', 'upgrade-to', 'update-to', 'localupdate', 'update-minimal',
  'upgrade-minimal', 'makecache', 'downgrade', 'distro-sync', 'distrosync', 'distribution-synchronization', 'builddep', 'swap',
  'group install', 'groups install', 'group update', 'group upgrade',
]);
/** zypper subcommands (and their short forms) that download repository metadata (and packages). */
const ZYPPER_FILLS = new Set([
  'install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si', 'refresh', 'ref', 'install-new-recommends', 'inr',
]);

/** Every name of the yum/dnf family: they share their caches (yum is dnf on RHEL 8 and later). */
const YUM_DNF_FAMILY: PackageManager = {
  names: new Set([...YUM.names, ...DNF.names, ...MICRODNF.names]),
  valueOptions: YUM_DNF_VALUE_OPTIONS,
};

/**
 * /var/cache itself or all it holds, or the cache of yum (microdnf's too), dnf or dnf 5, or what
 * they hold: removing it leaves nothing.
 */
const YUM_DNF_CACHE = /^\/var\/cache(\/\**)?\/?$|^\/var\/cache\/(yum|dnf|libdnf5)(\*|\/.*)?$/;
const ZYPPER_CACHE = /^\/var\/cache(\/\**)?\/?$|^\/var\/cache\/zypp(\*|\/.*)?$/;

/** Whether a cache or tmpfs mount of the RUN covers a cache `cache` matches: nothing is left in the layer. */
function mountsCache(run: InstructionNode, cache: RegExp): boolean {
  return cacheMountTargets(run).some((target) => cache.test(target));
}

/** `rm` of a path `cache` matches, or `find <it> … -delete`. */
function removes(words: readonly ShellWord[], cache: RegExp): boolean {
  if (words[0].dynamic) return false;
  const name = basename(words[0].value);
  if (name === 'rm') return words.some((w) => cache.test(w.value));
  return name === 'find' && words.some((w) => w.value === '-delete') && words.some((w) => cache.test(w.value));
}

/** `yum clean all` (or dnf's, microdnf's), or removing their cache. */
function emptiesYumDnfCache(line: CommandLine): boolean {
  const command = packageCommand(line, YUM_DNF_FAMILY);
  if (command?.action[0].value === 'clean') return command.args.slice(command.globalOptions.length + 1).some((w) => w.value === 'all');
  return removes(line.words, YUM_DNF_CACHE);
}

/** `zypper clean` or `zypper cc` (with any options), or removing its cache. */
function emptiesZypperCache(line: CommandLine): boolean {
  const command = packageCommand(line, ZYPPER);
  if (command) return command.action[0].value === 'clean' || command.action[0].value === 'cc';
  return removes(line.words, ZYPPER_CACHE);
}

/**
 * The first command that fills a cache after the last command that empties it, in the order the
 * script is written: what the RUN leaves in its layer. Undefined when the cache ends up empty.
 */
function fillLeftBehind(
  script: ShellScript,
  fills: (line: CommandLine) => PackageCommand | undefined,
  empties: (line: CommandLine) => boolean,
): PackageCommand | undefined {
  let pending: PackageCommand | undefined;
  for (const line of commandLines(script)) {
    if (empties(line)) pending = undefined;
    else pending ??= fills(line);
  }
  return pending;
}

/** `line` as a command of one of `managers` whose action is among `fills`. */
function fillOf(line: CommandLine, managers: readonly PackageManager[], fills: ReadonlySet<string>): PackageCommand | undefined {
  for (const manager of managers) {
    const command = packageCommand(line, manager);
    // dnf's aliases are not zypper's (`zypper up` is its update, not dnf's upgrade).
    if (command) return fills.has(manager === ZYPPER ? actionText(command) : canonicalAction(command)) ? command : undefined;
  }
  return undefined;
}

const ENABLES_REPOSITORY = /^--(enablerepo|enable-repo|repo|repoid)(=|$)/;

/**
 * Whether a yum/dnf command downloads nothing: `-C` (`--cacheonly`), or every repository disabled
 * (`--disablerepo=*`) and none enabled, as for installing a local package.
 */
function readsNoRepository(command: PackageCommand): boolean {
  const { args } = command;
  if (hasShortOption(args, 'C') || hasLongOption(args, '--cacheonly')) return true;
  const disablesAll = args.some((w, i) => /^--disable-?repo=\*$/.test(w.value) || (/^--disable-?repo$/.test(w.value) && args[i + 1]?.value === '*'));
  return disablesAll && !args.some((w) => ENABLES_REPOSITORY.test(w.value));
}

/**
 * The command of one of `managers` (yum, dnf, microdnf) whose downloads the RUN leaves in its layer:
 * the first after the last `clean all` of any of them or removal of their cache; none when a cache
 * or tmpfs mount keeps the cache out of the layer.
 */
export function yumDnfCacheLeftBy(script: RunScript, managers: readonly PackageManager[]): PackageCommand | undefined {
  if (mountsCache(script.run, YUM_DNF_CACHE)) return undefined;
  const fills = (line: CommandLine): PackageCommand | undefined => {
    const command = fillOf(line, managers, YUM_DNF_FILLS);
    return command && !readsNoRepository(command) ? command : undefined;
  };
  return fillLeftBehind(script, fills, emptiesYumDnfCache);
}

/** The same for zypper: the first command that fills its cache after the last `zypper clean` or removal of /var/cache/zypp. */
export function zypperCacheLeftBy(script: RunScript): PackageCommand | undefined {
  if (mountsCache(script.run, ZYPPER_CACHE)) return undefined;
  return fillLeftBehind(script, (line) => fillOf(line, [ZYPPER], ZYPPER_FILLS), emptiesZypperCache);
}
