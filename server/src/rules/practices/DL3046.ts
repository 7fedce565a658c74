// DL3046: `useradd` with a large UID and without `-l` (`--no-log-init`). useradd writes the new
// user's record into /var/log/lastlog and /var/log/faillog at an offset that grows with the UID.
// On disk these are sparse files, but an image layer stores every byte up to that offset: UID
// 100000 adds about 29 MB of zeros to the image. `-l` leaves the user out of both files. As
// hadolint does, a UID of six digits or more counts as large; a UID given by a variable is left
// alone. The fix adds ` -l` after `useradd` (in a shell-form RUN).

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { commandsNamed, runCommands, type ShellWord } from './shell';
import { insertInShellRun } from './support';

/** useradd's short options that take a value (the rest of a group, or the next word). */
const SHORT_VALUE = new Set(['b', 'c', 'd', 'e', 'f', 'g', 'G', 'k', 'K', 'p', 'P', 'R', 's', 'u', 'Z']);
/** Its long options that take a value as the next word when not written `--name=value`. */
const LONG_VALUE = new Set(['--base-dir', '--comment', '--home-dir', '--expiredate', '--inactive', '--gid', '--groups', '--skel', '--key', '--password', '--root', '--prefix', '--shell', '--uid', '--selinux-user', '--selinux-range']);
/** hadolint's large UID: six digits. */
const LARGE_UID = 100_000;
/** The size of one record of /var/log/lastlog on 64-bit Linux (struct lastlog). */
const LASTLOG_RECORD = 292;

/** What useradd's options say: whether `-l` is given, and the UID as written. */
function readOptions(args: readonly ShellWord[]): { noLogInit: boolean; uid?: ShellWord & { text: string } } {
  let noLogInit = false;
  let uid: (ShellWord & { text: string }) | undefined;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if (value === '--') break;
    if (value.startsWith('--')) {
      const [name, inline] = value.split(/=(.*)/s, 2);
      if (name === '--no-log-init') noLogInit = true;
      else if (LONG_VALUE.has(name)) {
        const given = inline ?? args[i + 1]?.value;
        const word = inline === undefined ? args[++i] : args[i];
        if (name === '--uid' && word && given !== undefined) uid = { ...word, text: given };
      }
      continue;
    }
    if (!value.startsWith('-') || value.length < 2) continue;
    // A group of short options; one that takes a value takes the rest of the group or the next word.
    for (let c = 1; c < value.length; c++) {
      const letter = value[c];
      if (letter === 'l') noLogInit = true;
      if (!SHORT_VALUE.has(letter)) continue;
      const rest = value.slice(c + 1);
      const word = rest ? args[i] : args[++i];
      const given = rest || word?.value;
      if (letter === 'u' && word && given !== undefined) uid = { ...word, text: given };
      break;
    }
  }
  return { noLogInit, ...(uid ? { uid } : {}) };
}

export const DL3046: InstructionRule = {
  ...practiceMeta('DL3046', 'warning', 'useradd with a large UID and without -l, which fills the image with the zeros of a sparse lastlog file.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const { words } of commandsNamed(script, 'useradd')) {
      const name = words[0];
      const { noLogInit, uid } = readOptions(words.slice(1));
      if (noLogInit || !uid || uid.dynamic || !/^\d+$/.test(uid.text) || Number(uid.text) < LARGE_UID) continue;
      const megabytes = Math.round((Number(uid.text) * LASTLOG_RECORD) / 1e6);
      report({
        start: name.start,
        end: name.end,
        message:
          `useradd with UID ${uid.text} writes the user into /var/log/lastlog and faillog at an offset that grows with the UID. ` +
          `The files are sparse on disk, but the image layer stores every byte: about ${megabytes} MB of zeros here. Add -l (--no-log-init) to leave the user out of them.`,
        data: { fixable: true },
      });
    }
  },
  fixes(diagnostic, doc) {
    const start = doc.text.offsetAt(diagnostic.range.start);
    const end = doc.text.offsetAt(diagnostic.range.end);
    if (!doc.tree.slice(start, end).endsWith('useradd')) return [];
    return insertInShellRun("Add '-l' (--no-log-init)", ' -l', end, diagnostic, doc);
  },
};
