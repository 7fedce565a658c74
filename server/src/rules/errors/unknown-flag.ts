// A flag the instruction does not have, including any flag on an instruction that takes none.
// Flag names are case-sensitive; the known ones come from the facts table.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getInstruction } from '../../facts';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { fixesFromData, flagsAreChecked, instructionUrl, listWords, withFixes } from './common';

export const unknownFlag: InstructionRule = {
  code: 'unknown-flag',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag the instruction does not accept.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report) {
    if (!flagsAreChecked(node)) return;
    const fact = getInstruction(node.name)!;
    const known = fact.flags.map((f) => f.name);
    for (const flag of node.flags) {
      const name = flag.name.text;
      if (known.includes(name)) continue;
      const match = suggest(name, known);
      const rename = match && {
        title: `Change to --${match.value}`,
        newText: match.value,
        preferred: match.unique,
        offset: flag.name.start - flag.start,
        length: flag.name.end - flag.name.start,
      };
      const remove = { title: `Remove --${name}`, newText: '', eatSpace: true };
      let message: string;
      if (known.length === 0) {
        message =
          `${node.name} takes no flags, so --${name} is an error. ` +
          (node.name === 'CMD' || node.name === 'ENTRYPOINT'
            ? `To pass --${name} to the program, use the JSON form: ${node.name} ["program", "--${name}"].`
            : 'Remove it.');
      } else {
        const options = listWords(known.map((k) => `--${k}`));
        message = match
          ? `Unknown flag --${name} for ${node.name}. Did you mean --${match.value}?`
          : `Unknown flag --${name} for ${node.name}, which accepts ${options}.`;
      }
      report({ start: flag.start, end: flag.end, message, url: instructionUrl(node.name), data: withFixes(rename, remove) });
    }
  },
  fixes: fixesFromData,
};

