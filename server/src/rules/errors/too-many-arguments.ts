// FROM takes an image, optionally followed by `AS <name>`; anything else between or after is
// an error ("FROM requires either one or three arguments"). The fixes that write AS do so only
// before a valid stage name that ends the line: `FROM build /a /b` is no misspelt `AS`.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { fixesFromData, instructionUrl, withFixes } from './common';
import { isValidStageName } from './invalid-stage-name';

export const tooManyArguments: InstructionRule = {
  code: 'too-many-arguments',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'FROM with words other than an image and an optional AS <name>.',
  url: instructionUrl('FROM'),
  check(node, report) {
    if (node.name !== 'FROM') return;
    const [image, second, third, ...rest] = node.argList;
    if (!second || (second.text.toLowerCase() === 'as' && !third)) return;
    // In FROM's case, or FromAsCasing would report what the fix writes.
    const as = node.keyword.text === node.keyword.text.toLowerCase() ? 'as' : 'AS';
    if (!third) {
      const named = isValidStageName(second.text);
      report({
        start: second.start,
        end: second.end,
        message: named
          ? `FROM takes a single image. To name the stage, write FROM ${image.text} AS ${second.text}.`
          : `FROM takes a single image, or an image, AS and a stage name; "${second.text}" is no stage name.`,
        data: named ? withFixes({ title: `Insert ${as} before ${second.text}`, newText: `${as} ${second.text}` }) : undefined,
      });
      return;
    }
    if (second.text.toLowerCase() !== 'as') {
      report({
        start: second.start,
        end: second.end,
        message: `FROM takes an image, then AS and a stage name; "${second.text}" stands where AS should be.`,
        // With more words after the name, AS in its place would still leave too many.
        data: rest.length === 0 && isValidStageName(third.text) ? withFixes({ title: `Change to ${as}`, newText: as }) : undefined,
      });
      return;
    }
    if (rest.length > 0) {
      // People write `FROM image AS build # the builder`; a comment needs a line of its own.
      const comment = rest[0].text.startsWith('#') ? ' A # starts a comment only at the start of a line.' : '';
      report({
        start: rest[0].start,
        end: rest[rest.length - 1].end,
        message: `FROM ends with the stage name (${third.text}); remove what follows it.${comment}`,
        // Remove from the end of the name, so no space is left behind. Not after a word that is no
        // stage name (`AS # note`): that would only trade this error for invalid-stage-name.
        data: isValidStageName(third.text)
          ? withFixes({ title: 'Remove the extra words', newText: '', offset: third.end - rest[0].start, length: rest[rest.length - 1].end - third.end })
          : undefined,
      });
    }
  },
  fixes: fixesFromData,
};
