// DL4005: `ln` that puts a link at /bin/sh (`ln -sf /bin/bash /bin/sh`), to make the RUNs of the
// Dockerfile run with another shell. That changes the shell of every program and script in the
// image that calls /bin/sh, at run time too, not only of the build, and nothing in the Dockerfile
// says so where the RUNs are; the SHELL instruction changes the shell of RUN (and of shell-form CMD
// and ENTRYPOINT) and nothing else.
// Flagged: exactly two operands whose second is /bin/sh, so the link is /bin/sh itself (`ln -s
// /bin/sh /usr/local/bin/sh` links to it; with `-t DIR` or more operands the last one is a
// directory). No quick fix: SHELL is not the same change (programs that run /bin/sh keep the old
// shell), so the author has to decide.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { basename, commandsNamed, runCommands, type ShellWord } from './shell';
import { spanOf } from './support';

/** ln options that take the next word as their value. */
const VALUE_OPTIONS = new Set(['-S', '--suffix']);

/** The two operands of an `ln` command (options and their values left out), or undefined when it has not exactly two or names a target directory. */
function operands(args: readonly ShellWord[]): readonly ShellWord[] | undefined {
  const out: ShellWord[] = [];
  let options = true;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (options && word.value === '--') options = false;
    else if (options && word.value.startsWith('-') && word.value.length > 1) {
      // `-t DIR` / `--target-directory=DIR`: every operand is a link target, none is the link.
      if (/^-[A-Za-z]*t/.test(word.value) || word.value.startsWith('--target-directory')) return undefined;
      if (VALUE_OPTIONS.has(word.value)) i++;
    } else out.push(word);
  }
  return out.length === 2 ? out : undefined;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'zsh', 'ksh', 'mksh']);

/** The shell the link points to, as an absolute path for the suggestion (a relative target is resolved in /bin); bash when it is no plain shell path. */
function shellPath(target: ShellWord): string {
  const value = target.value;
  if (target.dynamic || !/^[A-Za-z0-9._/-]+$/.test(value) || !SHELLS.has(basename(value))) return '/bin/bash';
  return value.startsWith('/') ? value : `/bin/${value}`;
}

export const DL4005: InstructionRule = {
  ...practiceMeta('DL4005', 'warning', '`ln` replaces `/bin/sh`, where the SHELL instruction should be used.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const { words } of commandsNamed(script, 'ln')) {
      const pair = operands(words.slice(1));
      if (!pair || pair[1].dynamic || pair[1].value !== '/bin/sh') continue;
      report({
        ...spanOf(words[0], pair[1]),
        message: `Linking /bin/sh to another shell changes it for every program in the image, not only for the build. To run the RUN instructions with it, use SHELL instead: SHELL ["${shellPath(pair[0])}", "-c"].`,
      });
    }
  },
};
