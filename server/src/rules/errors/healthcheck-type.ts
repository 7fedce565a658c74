// HEALTHCHECK is `HEALTHCHECK [OPTIONS] CMD <command>` or `HEALTHCHECK NONE`: another word in
// place of CMD, NONE followed by anything, or CMD with no command is an error.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { fixesFromData, instructionUrl, withFixes } from './common';

export const healthcheckType: InstructionRule = {
  code: 'healthcheck-type',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A HEALTHCHECK whose type is not CMD or NONE, NONE with arguments, or CMD without a command.',
  url: instructionUrl('HEALTHCHECK'),
  check(node, report) {
    const type = node.name === 'HEALTHCHECK' ? node.healthcheckType : undefined;
    if (!type || node.errors.length > 0) return;
    const upper = type.text.toUpperCase();
    const rest = node.argList.slice(1);
    if (upper === 'NONE') {
      if (rest.length === 0) return;
      const start = rest[0].start;
      const end = rest[rest.length - 1].end;
      // The fix also takes the blanks between NONE and the words, and those after them, so no white space is left behind.
      const gap = start - type.end;
      report({
        start,
        end,
        message: 'HEALTHCHECK NONE takes nothing after NONE: it only turns off a health check inherited from the base image.',
        data: withFixes({ title: 'Remove what follows NONE', newText: '', offset: -gap, length: gap + end - start, eatSpace: true }),
      });
      return;
    }
    if (upper === 'CMD') {
      if (rest.length > 0) return;
      report({ start: type.start, end: type.end, message: 'HEALTHCHECK CMD needs a command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.' });
      return;
    }
    const match = suggest(upper, ['CMD', 'NONE']);
    const replace = match && { title: `Change to ${match.value}`, newText: match.value, preferred: match.unique };
    const insert = { title: `Insert CMD before ${type.text}`, newText: `CMD ${type.text}` };
    report({
      start: type.start,
      end: type.end,
      message: `HEALTHCHECK expects CMD or NONE here, not "${type.text}". Write HEALTHCHECK CMD <command> to run a command.`,
      data: withFixes(replace || undefined, match ? undefined : insert),
    });
  },
  fixes: fixesFromData,
};
