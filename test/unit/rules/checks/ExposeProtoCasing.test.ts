import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

describe('ExposeProtoCasing', () => {
  it('flags each port whose protocol is not lowercase, after expansion', () => {
    checkDiagnostics('FROM alpine\nENV PROTO=UDP\nEXPOSE 80 $[443/TCP$] 53/udp $[53/$PROTO$]\n', [
      { code: 'ExposeProtoCasing', message: "Write the protocol of '443/TCP' in lowercase: 'tcp'." },
      { code: 'ExposeProtoCasing', message: "Write the protocol of '53/UDP' in lowercase: 'udp'." },
    ]);
  });

  it('accepts lowercase protocols and ports without one', () => {
    checkDiagnostics('FROM alpine\nEXPOSE 80 443/tcp 53/udp 9000-9010/sctp\n', []);
  });

  it('lowercases a protocol written literally', () => {
    checkFix('FROM alpine\nEXPOSE 80/TCP\n', 'ExposeProtoCasing', "Write 'tcp'", 'FROM alpine\nEXPOSE 80/tcp\n');
  });
});
