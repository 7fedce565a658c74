// DL3027: `apt` as a command in RUN. apt is meant for people at a terminal: its output and
// behaviour may change between releases and it warns that its interface is not stable for
// scripts; apt-get is. The fix renames it for the subcommands apt-get has with the same meaning.

import type { InstructionRule } from '../types';
import { quickFix } from '../checks/support/fixes';
import { practiceMeta } from './meta';
import { commandsNamed, runCommands } from './shell';

/** Subcommands apt-get has and that do the same there (`upgrade` does not: apt's may install new packages). */
const SAME_IN_APT_GET = new Set(['install', 'remove', 'purge', 'update', 'autoremove', 'clean', 'autoclean', 'source', 'build-dep', 'download', 'changelog', 'satisfy']);

export const DL3027: InstructionRule = {
  ...practiceMeta('DL3027', 'warning', '`apt` is used instead of `apt-get`.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const { words } of commandsNamed(script, 'apt')) {
      const name = words[0];
      const subcommand = words.slice(1).find((w) => !w.value.startsWith('-'));
      const fixable = name.value === 'apt' && subcommand !== undefined && SAME_IN_APT_GET.has(subcommand.value);
      report({
        start: name.start,
        end: name.end,
        message: `apt is meant for interactive use and its command-line interface is not stable. Use apt-get (or apt-cache) in scripts.`,
        ...(fixable ? { data: { fixable: true } } : {}),
      });
    }
  },
  fixes(diagnostic, doc) {
    if (!(diagnostic.data as { fixable?: boolean } | undefined)?.fixable) return [];
    const start = doc.text.offsetAt(diagnostic.range.start);
    const end = doc.text.offsetAt(diagnostic.range.end);
    if (doc.tree.slice(start, end) !== 'apt') return [];
    return [quickFix("Use 'apt-get'", doc, diagnostic, [{ start, end, text: 'apt-get' }], true)];
  },
};
