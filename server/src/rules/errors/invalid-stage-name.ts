// A stage name (`FROM image AS <name>`) must start with a letter and contain only letters,
// digits, `-`, `_` and `.`; BuildKit compares names in lower case.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { instructionUrl } from './common';

const VALID = /^[a-z][a-z0-9_.-]*$/;

/** Whether BuildKit takes `name` as a stage name (it compares names in lower case). */
export function isValidStageName(name: string): boolean {
  return VALID.test(name.toLowerCase());
}

export const invalidStageName: InstructionRule = {
  code: 'invalid-stage-name',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A stage name that does not start with a letter or contains other symbols than - _ and .',
  url: instructionUrl('FROM'),
  check(node, report) {
    if (node.name !== 'FROM' || node.argList.length !== 3 || node.argList[1].text.toLowerCase() !== 'as') return;
    const name = node.argList[2];
    if (isValidStageName(name.text)) return;
    const why = /^[a-z]/i.test(name.text) ? 'it may contain only the letters a to z, digits, "-", "_" and "."' : 'it must start with a letter from a to z';
    report({ start: name.start, end: name.end, message: `"${name.text}" is not a valid stage name: ${why}.` });
  },
};
