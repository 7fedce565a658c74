// STOPSIGNAL takes a signal name (SIGTERM, TERM, sigterm) or a non-zero number; BuildKit checks
// the name against the Linux signal table when it builds. It judges the word after its shell
// lexer has run (StopSignalCommand.Expand), so `"SIGTERM"` and `SIG\TERM` are SIGTERM too.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EMPTY_ENVIRONMENT, expandWord } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { fixesFromData, hasVariable, instructionUrl, withFixes } from './common';
import { parseGoInt } from './goValues';

/**
 * Linux signal names as moby/sys/signal knows them (signal_linux.go), without the SIG prefix. Its map
 * has no UNUSED (golang.org/x/sys dropped SIGUNUSED), so BuildKit refuses STOPSIGNAL SIGUNUSED.
 */
const NAMES = [
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM',
  'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
];

/** moby/sys/signal.ParseSignal: a non-zero integer (strconv.Atoi), or a name it knows, with or without SIG. */
export function isStopSignal(value: string): boolean {
  const number = parseGoInt(value);
  if (number !== undefined) return number !== 0n;
  return NAMES.includes(value.toUpperCase().replace(/^SIG/, ''));
}

export const invalidStopSignal: InstructionRule = {
  code: 'invalid-stop-signal',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit checks the signal when it converts the stage (dispatchStopSignal), not when it reads the file.
  raisedWhen: 'dispatch',
  description: 'A STOPSIGNAL that is not a signal name or number.',
  url: instructionUrl('STOPSIGNAL'),
  check(node, report, escape) {
    const signal = node.name === 'STOPSIGNAL' ? node.argList[0] : undefined;
    if (!signal || hasVariable(signal.text)) return;
    const word = expandWord(signal.text, EMPTY_ENVIRONMENT, escape);
    if ('error' in word || isStopSignal(word.value)) return; // bad-substitution reports a lexer error
    if (word.value.toUpperCase().replace(/^SIG/, '') === 'UNUSED') {
      report({
        start: signal.start,
        end: signal.end,
        message: `"${word.value}" is not in the Linux signal table BuildKit checks STOPSIGNAL against: the name SIGUNUSED was dropped. It was another name for SIGSYS (31); write SIGSYS.`,
        data: withFixes({ title: 'Change to SIGSYS', newText: 'SIGSYS', preferred: true }),
      });
      return;
    }
    const match = suggest(word.value.toUpperCase(), NAMES.map((n) => `SIG${n}`));
    report({
      start: signal.start,
      end: signal.end,
      message: `"${word.value}" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.${match ? ` Did you mean ${match.value}?` : ''}`,
      data: withFixes(match && { title: `Change to ${match.value}`, newText: match.value, preferred: match.unique }),
    });
  },
  fixes: fixesFromData,
};
