import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

describe('DuplicateStageName', () => {
  it('flags a later stage reusing a name, compared in lowercase', () => {
    checkDiagnostics('FROM alpine AS build\nFROM alpine AS $[build$]\n', [
      {
        code: 'DuplicateStageName',
        message: "Stage name 'build' is already used by the stage on line 1; references to it become ambiguous. Give this stage another name.",
      },
    ]);
  });

  it('accepts distinct names and unnamed stages', () => {
    checkDiagnostics('FROM alpine AS build\nFROM alpine AS test\nFROM alpine\nFROM alpine\n', []);
  });
});
