// DL3019: `apk add` without `--no-cache`. apk keeps the package index it fetches (a few
// megabytes of APKINDEX files) in /var/cache/apk, and that directory then stays in the layer;
// with --no-cache apk reads the index into memory and writes nothing there. `apk add --virtual`,
// `apk -U add` and `apk --update add` count too (--update fetches a fresh index into the cache).
// Not flagged: --no-cache anywhere on the command (apk reads options before and after the
// subcommand); --no-network, with which apk fetches nothing (docker-library's images use it to
// mark packages already installed as needed); a cache or tmpfs mount over /var/cache/apk (or
// /var/cache, or /etc/apk/cache), which keeps the cache out of the layer; a RUN that removes the
// cache itself (`rm -rf /var/cache/apk/*`, any rm or `find … -delete` of a path at or under it:
// when in doubt, quiet); a variable among the arguments that may hold the option (`apk add
// $APK_FLAGS curl`); `xx-apk` and other wrappers, which may pass their own options. The fix adds
// ` --no-cache` after `add`.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { cacheMountTargets } from './mounts';
import { basename, commandLines, commandsNamed, mayHoldOptions, runCommands, type RunScript, type ShellWord } from './shell';
import { insertAfterRange, spanOf } from './support';

/** apk options (general and `add`'s) that take the next word as their value. */
const VALUE_OPTIONS = new Set([
  '-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--cache-dir', '--cache-max-age',
  '--keys-dir', '--repositories-file', '--progress-fd', '--wait', '--timeout', '--from',
]);

/** Mount targets that keep apk's cache out of the layer. */
const CACHE_TARGETS = new Set(['/var/cache/apk', '/var/cache', '/etc/apk/cache']);

/** A path whose removal takes the cache with it: all of /var/cache, or /var/cache/apk (/etc/apk/cache) or anything under it. */
const REMOVES_CACHE = /^\/var\/cache(\/\**)?$|^\/var\/cache\/apk([/*].*)?$|^\/etc\/apk\/cache([/*].*)?$/;

interface ApkCommand {
  readonly name: ShellWord;
  readonly subcommand: ShellWord;
  /** Every word after the name, general options included. */
  readonly args: readonly ShellWord[];
}

/** The `apk add` commands of a script. */
function* apkAdds(script: RunScript): Generator<ApkCommand> {
  for (const { words } of commandsNamed(script, 'apk')) {
    const args = words.slice(1);
    for (let i = 0; i < args.length; i++) {
      const value = args[i].value;
      if (value.startsWith('-')) {
        if (VALUE_OPTIONS.has(value)) i++;
        continue;
      }
      if (value === 'add') yield { name: words[0], subcommand: args[i], args };
      break;
    }
  }
}

function removesCache(script: RunScript): boolean {
  for (const { words } of commandLines(script)) {
    if (words[0].dynamic) continue;
    const name = basename(words[0].value);
    if (name === 'rm' && words.some((w) => REMOVES_CACHE.test(w.value))) return true;
    if (name === 'find' && words.some((w) => w.value === '-delete') && words.some((w) => REMOVES_CACHE.test(w.value))) return true;
  }
  return false;
}

function cachesApk(script: RunScript): boolean {
  return cacheMountTargets(script.run).some((target) => CACHE_TARGETS.has(target));
}

export const DL3019: InstructionRule = {
  ...practiceMeta('DL3019', 'info', '`apk add` without `--no-cache`.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    let exempt: boolean | undefined;
    for (const { name, subcommand, args } of apkAdds(script)) {
      if (args.some((w) => w.value === '--no-cache' || w.value === '--no-network') || mayHoldOptions(args, VALUE_OPTIONS)) continue;
      exempt ??= cachesApk(script) || removesCache(script);
      if (exempt) return;
      report({
        ...spanOf(name, subcommand),
        message: `apk add keeps the package index it downloads in /var/cache/apk, which stays in the image for nothing. Add --no-cache: apk add --no-cache (a separate apk update is then not needed).`,
      });
    }
  },
  fixes(diagnostic, doc) {
    return insertAfterRange("Add '--no-cache'", ' --no-cache', 'add', diagnostic, doc);
  },
};
