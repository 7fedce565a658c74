// A flag written without the value it needs: `--from` instead of `--from=build`, or a boolean
// flag with an empty value (`--link=`). The fix that joins the next word as the value does so only
// when BuildKit takes that word as the flag's value (`ADD --checksum FROM …` gets no fix).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { checkedFlags, fixesFromData, hasVariable, spanInToken, withFixes } from './common';
import { flagValueProblem } from './invalid-flag-value';
import { minimumArguments } from './missing-arguments';

export const missingFlagValue: InstructionRule = {
  code: 'missing-flag-value',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag without the value it needs.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report, escape) {
    for (const { flag, fact } of checkedFlags(node)) {
      const url = fact.referenceUrl;
      if (fact.value.kind === 'boolean') {
        if (flag.equals === undefined || flag.value?.text !== '') continue;
        report({
          start: flag.start,
          end: flag.end,
          message: `--${fact.name}= has no value. Write --${fact.name} (or --${fact.name}=true) to turn it on, or --${fact.name}=false.`,
          url,
          data: withFixes({ title: `Change to --${fact.name}`, newText: `--${fact.name}`, preferred: true }),
        });
        continue;
      }
      if (flag.equals !== undefined) continue;
      // `--from build` (a space for the equals sign) leaves the value as the first argument.
      const next = flag === node.flags[node.flags.length - 1] && !node.flagTerminator ? node.argList[0] : undefined;
      const word = next && !next.text.startsWith('[') ? /^\S+/.exec(next.text)?.[0] : undefined;
      const wordSpan = next && word && spanInToken(node, next, 0, word.length);
      // Only when the arguments left are enough: `ADD --checksum a b` lacks the checksum, not an equals sign.
      const left = node.argList.length - (word === next?.text ? 1 : 0);
      // Judged with the arguments the join leaves; a value the builder expands is known only when it builds.
      const takes = (value: string) => (hasVariable(value) && fact.expandsVariables) || !flagValueProblem(node, fact, value, word === next?.text ? node.argList.slice(1) : node.argList, escape);
      const join = word && wordSpan && wordSpan.end - wordSpan.start === word.length && left >= minimumArguments(node.name) && takes(word) && {
        title: `Change to --${fact.name}=${word}`,
        newText: `--${fact.name}=${word}`,
        offset: 0,
        length: wordSpan.end - flag.start,
      };
      report({
        start: flag.start,
        end: flag.end,
        message: `--${fact.name} needs a value, written with an equals sign: --${fact.name}=${fact.placeholder}.`,
        url,
        data: withFixes(join || undefined),
      });
    }
  },
  fixes: fixesFromData,
};
