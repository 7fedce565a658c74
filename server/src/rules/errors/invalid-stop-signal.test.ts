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

  it('reports SIGUNUSED, which the Linux signal map BuildKit reads (moby/sys/signal) does not have', () => {
    checkErrors('FROM alpine\nSTOPSIGNAL $[SIGUNUSED$]\nSTOPSIGNAL $[unused$]\nSTOPSIGNAL SIGSYS\nSTOPSIGNAL 31\n', [
      ['invalid-stop-signal', '"SIGUNUSED" is not in the Linux signal table BuildKit checks STOPSIGNAL against: the name SIGUNUSED was dropped. It was another name for SIGSYS (31); write SIGSYS.'],
      ['invalid-stop-signal', '"unused" is not in the Linux signal table BuildKit checks STOPSIGNAL against: the name SIGUNUSED was dropped. It was another name for SIGSYS (31); write SIGSYS.'],
    ], rules);
  });

  it('fixes SIGUNUSED to SIGSYS, the signal it named', () => {
    checkFix('FROM alpine\nSTOPSIGNAL SIGUN$0USED\n', 'invalid-stop-signal', 'Change to SIGSYS', 'FROM alpine\nSTOPSIGNAL SIGSYS\n');
  });

  it('fixes a misspelt name', () => {
    checkFix('FROM alpine\nSTOPSIGNAL SIGTR$0EM\n', 'invalid-stop-signal', 'Change to SIGTERM', 'FROM alpine\nSTOPSIGNAL SIGTERM\n');
  });
});
