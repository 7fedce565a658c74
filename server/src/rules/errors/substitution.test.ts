// Tests of bad-substitution, invalid-expose and invalid-stop-signal.
import { describe, it } from 'vitest';
import { badSubstitution } from './bad-substitution';
import { invalidExpose } from './invalid-expose';
import { invalidStopSignal } from './invalid-stop-signal';
import { checkErrors, checkFix } from './testing';

describe('bad-substitution', () => {
  const rules = [badSubstitution];

  it('reports unclosed braces, bad substitutions and unknown modifiers where the builder expands', () => {
    checkErrors('FROM alpine\nENV A=$[${B$]\nWORKDIR /app/$[${$]}\nLABEL x=${A$[:x$]}\nCOPY a $[${DEST$]\n', [
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'Bad substitution: ${ must be followed by a variable name, as in ${NAME} or ${NAME:-default}.'],
      ['bad-substitution', '":x" is not a substitution BuildKit knows; use one of :- :+ :? - + ? # ## % %% / //, as in ${NAME:-default}.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
    ], rules);
  });

  it('reports unclosed quotes, as BuildKit did on its env and escapes test files', () => {
    checkErrors("FROM alpine\nENV name='a\\'b$[']$]\nENV name='a\\'b''\nADD \\conf\\\\$[\"$] /.znc\n", [
      ['bad-substitution', "A ' is never closed. Add the closing ', or escape the character if it is meant literally."],
      ['bad-substitution', 'A " is never closed. Add the closing ", or escape the character if it is meant literally.'],
    ], rules);
  });

  it('does not read shell text, and accepts every modifier BuildKit knows', () => {
    checkErrors(
      'ARG V=1\nFROM alpine:${V:-3}\nRUN echo ${broken\nCMD echo "unclosed\nENV A=${V:-x} B=${V:+y} C=${V-z} D=${V+w} E=${V#*.} F=${V##*/} G=${V%.*} H=${V%%/*} I=${V/a/b} J=${V//a/b} K=${V:?must_be_set}\n',
      [],
      rules,
    );
  });

  it('checks RUN --mount values, ARG defaults, FROM and unquoted COPY heredocs', () => {
    checkErrors('ARG X=$[${Y$]\nFROM alpine:$[${X$]\nRUN --mount=type=cache,target=$[${D$] true\nCOPY <<EOF /a\nvalue $[${unclosed$]\nEOF\nCOPY <<"EOF" /b\nliteral ${unclosed\nEOF\n', [
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
    ], rules);
  });

  it('uses the escape character of the file', () => {
    checkErrors('# escape=`\nFROM alpine\nWORKDIR C:\\app\\\nENV A=\\$[${$] B=`${\n', [['bad-substitution', 'This ${ is never closed: end the variable with }.']], rules);
    checkErrors('FROM alpine\nENV A=\\${\n', [], rules);
  });
});

describe('invalid-expose', () => {
  const rules = [invalidExpose];

  it('accepts ports, ranges, protocols in any case, and the deprecated mapping forms', () => {
    checkErrors('FROM alpine\nEXPOSE 80 443/tcp 53/UDP 9000-9010/sctp 0 65535 8080:80 127.0.0.1:8080:80 [::1]:53:53/udp 3000-3000 $PORT\n', [], rules);
  });

  it('reports bad ports, ranges, protocols and addresses', () => {
    checkErrors('FROM alpine\nEXPOSE $[70000$] $[http$] 80/$[tpc$] $[/tcp$] $[90-80$] 80/$[tcp/udp$] $[300.1.1.1$]:80:80 $[8000-8001:80-82$]\n', [
      ['invalid-expose', 'Invalid port: port 70000 is out of range: ports go from 0 to 65535.'],
      ['invalid-expose', 'Invalid port: "http" is not a port number.'],
      ['invalid-expose', '"tpc" is not a protocol; EXPOSE takes tcp, udp or sctp. Did you mean tcp?'],
      ['invalid-expose', 'A port number is missing before the protocol.'],
      ['invalid-expose', 'Invalid port: the range 90-80 runs backwards; write 80-90.'],
      ['invalid-expose', '"tcp/udp" is not a protocol; EXPOSE takes tcp, udp or sctp.'],
      ['invalid-expose', '"300.1.1.1" is not an IP address.'],
      ['invalid-expose', 'The host ports 8000-8001 and the ports 80-82 are ranges of different sizes.'],
    ], rules);
  });

  it('fixes a misspelt protocol', () => {
    checkFix('FROM alpine\nEXPOSE 80/ud$0o\n', 'invalid-expose', 'Change to udp', 'FROM alpine\nEXPOSE 80/udp\n');
  });
});

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
