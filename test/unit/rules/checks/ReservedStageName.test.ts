import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

describe('ReservedStageName', () => {
  it('flags stages named scratch or context, in any case', () => {
    checkDiagnostics('FROM alpine AS $[scratch$]\nFROM alpine AS $[context$]\n', [
      { code: 'ReservedStageName', message: "'scratch' is a reserved name (it means the empty base image); give the stage another name." },
      { code: 'ReservedStageName', message: "'context' is a reserved name (it means the build context); give the stage another name." },
    ]);
  });

  it('accepts names that only contain a reserved word, and FROM scratch', () => {
    checkDiagnostics('FROM scratch AS scratchpad\nFROM scratch AS build-context\n', []);
  });
});
