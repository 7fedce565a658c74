// DL3034: zypper install, remove, patch or source-install (and their short forms in, rm, si)
// without `-y` (`--no-confirm`) or the global `-n` (`--non-interactive`) before the subcommand.
// zypper asks before it changes anything, and with no terminal to answer it stops with "Cannot
// read input": the RUN fails. (`-n` after the subcommand is `--name`.) Not flagged (unlike
// hadolint): a variable among the arguments, which may hold the option; a command fed answers
// through a pipe or a here-document. The fix adds ` -y` after the subcommand, or for
// source-install, which has no `-y`, ` --non-interactive` after `zypper`.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { hasLongOption, hasShortOption } from './options';
import { actionText, addAssumeYes, lastWordOf, packageCommands, readsAnswers, toolName, ZYPPER } from './rpm';
import { mayHoldOptions, runCommands } from './shell';
import { insertInShellRun, spanOf } from './support';

const ASKING = new Set(['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch']);
/** Subcommands without a `-y` of their own: only the global option answers for them. */
const GLOBAL_ONLY = new Set(['source-install', 'si']);

export const DL3034: InstructionRule = {
  ...practiceMeta('DL3034', 'warning', '`zypper install` (or remove, patch, source-install) without `-y` or `--non-interactive`.'),
  scope: 'instruction',
  readsPosixShell: true,
  check(node, report, _escape, text, windowsImage) {
    const script = runCommands(node, text, windowsImage);
    if (!script) return;
    for (const command of packageCommands(script, ZYPPER)) {
      const action = actionText(command);
      if (!ASKING.has(action)) continue;
      const { args, globalOptions } = command;
      const answered = hasShortOption(globalOptions, 'n') || hasLongOption(args, '--non-interactive') || hasShortOption(args, 'y') || hasLongOption(args, '--no-confirm');
      if (answered || mayHoldOptions(args, ZYPPER.valueOptions) || readsAnswers(script, command.line)) continue;
      const tool = toolName(command);
      const fix = GLOBAL_ONLY.has(action) ? `Add --non-interactive: ${tool} --non-interactive ${action}.` : `Add -y: ${tool} ${action} -y.`;
      report({
        ...spanOf(command.name, command.action[0]),
        message: `${tool} ${action} asks for confirmation, which a build cannot give, so the RUN fails. ${fix}`,
      });
    }
  },
  fixes(diagnostic, doc) {
    if (!GLOBAL_ONLY.has(lastWordOf(diagnostic, doc))) return addAssumeYes(diagnostic, doc);
    const start = doc.text.offsetAt(diagnostic.range.start);
    const name = /^\S+/.exec(doc.text.getText(diagnostic.range))?.[0] ?? '';
    return name ? insertInShellRun("Add '--non-interactive'", ' --non-interactive', start + name.length, diagnostic, doc) : [];
  },
};
