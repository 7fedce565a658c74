import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const only = ['DL3002'];
const message = 'The image runs as root, since this is the last USER. Add a USER with an unprivileged user after the steps that need root.';

describe('DL3002', () => {
  it('flags root as the last USER of the final stage, by name, number or with a group', () => {
    checkDiagnostics('FROM alpine:3\nUSER app\nRUN id\nUSER $[root$]\n', [{ code: 'DL3002', message }], { only });
    checkDiagnostics('FROM alpine:3\nUSER $[0:0$]\n', [{ code: 'DL3002', message }], { only });
    checkDiagnostics('FROM alpine:3\nUSER $[root:wheel$]\n', [{ code: 'DL3002', message }], { only });
  });

  it('follows the final stage to the stage it is built FROM when it sets no USER', () => {
    checkDiagnostics('FROM alpine:3 AS base\nUSER $[root$]\nFROM base\nRUN id\n', [{ code: 'DL3002', message }], { only });
  });

  it('takes the base stage\'s ONBUILD USER, which runs first in the final stage, when that stage has no USER', () => {
    checkDiagnostics('FROM alpine:3 AS base\nUSER root\nONBUILD USER app\nFROM base\nRUN id\n', [], { only });
    checkDiagnostics('FROM alpine:3 AS base\nUSER app\nONBUILD USER $[root$]\nFROM base\nRUN id\n', [{ code: 'DL3002', message }], { only });
    // The final stage's own USER comes after the trigger.
    checkDiagnostics('FROM alpine:3 AS base\nONBUILD USER root\nFROM base\nUSER app\n', [], { only });
  });

  it('ignores a later unprivileged USER, root in builder stages, no USER at all, and look-alikes', () => {
    checkDiagnostics('FROM alpine:3\nUSER root\nRUN apk add curl\nUSER app\n', [], { only });
    checkDiagnostics('FROM alpine:3 AS build\nUSER root\nFROM alpine:3\nCOPY --from=build /a /a\n', [], { only });
    checkDiagnostics('FROM alpine:3\nUSER rootless\nFROM alpine:3\nUSER 1000\n', [], { only });
    checkDiagnostics('FROM alpine:3\nUSER 1000:0\n', [], { only });
  });
});
