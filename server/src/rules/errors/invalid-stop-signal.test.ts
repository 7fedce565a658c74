import { describe, it } from 'vitest';
import { invalidStopSignal } from './invalid-stop-signal';
import { checkErrors, checkFix } from './testing';

describe('invalid-stop-signal', () => {
  const rules = [invalidStopSignal];

  it('accepts names with or without SIG in any case, numbers and variables', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL SIGTERM\nSTOPSIGNAL quit\nSTOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL 9\nSTOPSIGNAL $SIGNAL\n', [], rules);
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
