import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

describe('ExposeInvalidFormat', () => {
  it('flags host ports and addresses', () => {
    checkDiagnostics('FROM alpine\nEXPOSE $[8080:80$] $[127.0.0.1:80:80/tcp$]\n', [
      {
        code: 'ExposeInvalidFormat',
        message: "EXPOSE takes container ports only; '8080:80' also names a host port. Publish host ports with 'docker run -p'. This form will become an error.",
      },
      {
        code: 'ExposeInvalidFormat',
        message:
          "EXPOSE takes container ports only; '127.0.0.1:80:80/tcp' also names a host address. Publish host ports with 'docker run -p'. This form will become an error.",
      },
    ]);
  });

  it('accepts container ports and ranges', () => {
    checkDiagnostics('FROM alpine\nEXPOSE 80 8000-8010/udp\n', []);
  });
});
