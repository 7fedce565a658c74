// What DL3030 (yum) and DL3038 (dnf) share: an install that will ask for a confirmation no build
// can give, reported from the tool's name to its subcommand, with ` -y` as the fix. The two rules
// differ only in the tools they read.

import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';
import { actionText, addAssumeYes, installsThatAsk, toolName, type PackageManager } from './rpm';
import { runCommands } from './shell';
import { spanOf } from './support';

export function installWithoutYes(code: string, manager: PackageManager, description: string): InstructionRule {
  return {
    ...practiceMeta(code, 'warning', description),
    scope: 'instruction',
    readsPosixShell: true,
    check(node, report, _escape, text, windowsImage) {
      const script = runCommands(node, text, windowsImage);
      if (!script) return;
      for (const command of installsThatAsk(script, manager)) {
        const written = `${toolName(command)} ${actionText(command)}`;
        report({
          ...spanOf(command.name, command.action[command.action.length - 1]),
          message: `${written} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${written} -y.`,
        });
      }
    },
    fixes: addAssumeYes,
  };
}
