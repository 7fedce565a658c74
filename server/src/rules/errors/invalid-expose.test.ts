import { describe, it } from 'vitest';
import { invalidExpose } from './invalid-expose';
import { checkErrors, checkFix } from './testing';

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

  it('accepts a + sign, as strconv.ParseInt reads the port, in ports, ranges and host ports', () => {
    checkErrors('FROM alpine\nEXPOSE +80 +80-90 80-+90 "+80" +8080:80 +0 +80-80/udp\n', [], rules);
  });

  it('reports a - sign, which splits the word as a range, and signs that do not start a number', () => {
    checkErrors('FROM alpine\nEXPOSE $[-80$] $[80--90$] $[++80$] $[+$] $[8+0$]\n', [
      ['invalid-expose', 'Invalid port: a port number is missing.'],
      ['invalid-expose', 'Invalid port: "-90" is not a port number.'],
      ['invalid-expose', 'Invalid port: "++80" is not a port number.'],
      ['invalid-expose', 'Invalid port: "+" is not a port number.'],
      ['invalid-expose', 'Invalid port: "8+0" is not a port number.'],
    ], rules);
  });

  it('fixes a misspelt protocol', () => {
    checkFix('FROM alpine\nEXPOSE 80/ud$0o\n', 'invalid-expose', 'Change to udp', 'FROM alpine\nEXPOSE 80/udp\n');
  });
});
