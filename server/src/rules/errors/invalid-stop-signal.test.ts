import { describe, it } from 'vitest';
import { invalidStopSignal } from './invalid-stop-signal';
import { checkErrors, checkFix } from './testing';

describe('invalid-stop-signal', () => {
  const rules = [invalidStopSignal];

  it('accepts names with or without SIG in any case, numbers and variables', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL quit\nSTOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL 9\nSTOPSIGNAL $SIGNAL\n', [], rules);
  });

  it('judges the word as BuildKit lexes it: quotes and escapes removed', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL "SIGTERM"\nSTOPSIGNAL \'SIGQUIT\'\nSTOPSIGNAL "9"\nSTOPSIGNAL SIG\\TERM\nSTOPSIGNAL +9\n', [], rules);
    checkErrors('FROM alpine\nSTOPSIGNAL $["SIGTREM"$]\nSTOPSIGNAL $[\'0\'$]\nSTOPSIGNAL $[""$]\n', [
      ['invalid-stop-signal', '"SIGTREM" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number. Did you mean SIGTERM?'],
      ['invalid-stop-signal', '"0" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.'],
      ['invalid-stop-signal', '"" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.'],
    ], rules);
  });

  it('reads numbers as Go does: a sign is allowed, past 64 bits is no number', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL -15\nSTOPSIGNAL 9223372036854775807\nSTOPSIGNAL $[9223372036854775808$]\n', [
      ['invalid-stop-signal', '"9223372036854775808" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.'],
    ], rules);
  });

  it('leaves a lexer error to bad-substitution', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL "SIGTERM\n', [], rules);
  });

  it('reports other words and 0', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL $[SIGTREM$]\nSTOPSIGNAL $[0$]\nSTOPSIGNAL $[graceful$]\n', [
      ['invalid-stop-signal', '"SIGTREM" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number. Did you mean SIGTERM?'],
      ['invalid-stop-signal', '"0" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.'],
      ['invalid-stop-signal', '"graceful" is not a signal. Use a name such as SIGTERM, SIGINT or SIGQUIT, or a signal number.'],
    ], rules);
  });

  it('fixes a misspelt name', () => {
    checkFix('FROM alpine\nSTOPSIGNAL SIGTR$0EM\n', 'invalid-stop-signal', 'Change to SIGTERM', 'FROM alpine\nSTOPSIGNAL SIGTERM\n');
  });
});
