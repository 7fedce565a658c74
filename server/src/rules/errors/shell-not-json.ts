// SHELL only has a JSON form: `SHELL ["/bin/bash", "-c"]`. Offers the conversion.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { fixesFromData, instructionUrl, lenientStringArray, withFixes } from './common';

/** The words the user most likely meant: an array that is almost JSON, or words split at spaces. */
function intendedWords(text: string): string[] | undefined {
  if (text.startsWith('[')) return lenientStringArray(text);
  return text.split(/\s+/).filter((w) => w !== '');
}

export const shellNotJson: InstructionRule = {
  code: 'shell-not-json',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'SHELL written in shell form; it takes a JSON array.',
  url: instructionUrl('SHELL'),
  check(node, report) {
    if (node.name !== 'SHELL' || node.json || !node.args || node.errors.length > 0) return;
    const words = intendedWords(node.args.text);
    const json = words && words.length > 0 ? `[${words.map((w) => JSON.stringify(w)).join(', ')}]` : undefined;
    report({
      start: node.args.start,
      end: node.args.end,
      message: `SHELL needs a JSON array of strings in double quotes, such as ${json ?? '["/bin/bash", "-c"]'}.`,
      data: withFixes(json ? { title: `Change to ${json}`, newText: json, preferred: true } : undefined),
    });
  },
  fixes: fixesFromData,
};
