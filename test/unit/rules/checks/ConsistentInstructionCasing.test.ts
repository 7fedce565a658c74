import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf } from '../harness';

describe('ConsistentInstructionCasing', () => {
  it('flags keywords cased unlike the majority, and mixed-case ones', () => {
    checkDiagnostics('FROM alpine\nRUN true\n$[run$] false\n$[Env$] A=1\n', [
      { code: 'ConsistentInstructionCasing', message: "'run' should be 'RUN': most instructions in this file are uppercase." },
      { code: 'ConsistentInstructionCasing', message: "'Env' should be 'ENV': it mixes upper and lower case." },
    ]);
  });

  it('follows a lowercase majority, and a tie counts as uppercase', () => {
    checkDiagnostics('from alpine\nrun true\n$[RUN$] false\n', [
      { code: 'ConsistentInstructionCasing', message: "'RUN' should be 'run': most instructions in this file are lowercase." },
    ]);
    checkDiagnostics('$[from$] alpine\nRUN true\n', [
      { code: 'ConsistentInstructionCasing', message: "'from' should be 'FROM': most instructions in this file are uppercase." },
    ]);
  });

  it('flags every keyword of a stage written in the minority casing (the list it does not keep per stage)', () => {
    const message = (word: string) => `'${word}' should be '${word.toUpperCase()}': most instructions in this file are uppercase.`;
    checkDiagnostics('FROM alpine AS a\nRUN 1\nRUN 2\nRUN 3\nRUN 4\n$[from$] a\n$[run$] x\n$[Run$] y\nRUN z\n', [
      { code: 'ConsistentInstructionCasing', message: message('from') },
      { code: 'ConsistentInstructionCasing', message: message('run') },
      { code: 'ConsistentInstructionCasing', message: "'Run' should be 'RUN': it mixes upper and lower case." },
    ]);
  });

  it('does not count or check global ARGs before the first FROM', () => {
    checkDiagnostics('arg VERSION=1\narg OTHER=2\nFROM alpine\nRUN true\n', []);
  });

  it('rewrites the keyword in the majority casing', () => {
    checkFix('FROM alpine\nRUN true\nrun false\n', 'ConsistentInstructionCasing', "Write 'RUN'", 'FROM alpine\nRUN true\nRUN false\n');
  });

  it('rewrites the AS of a FROM with it, so that FromAsCasing has nothing to report', () => {
    const before = 'FROM alpine\nRUN true\nfrom alpine as build\nRUN true\n';
    checkFix(before, 'ConsistentInstructionCasing', "Write 'FROM'", 'FROM alpine\nRUN true\nFROM alpine AS build\nRUN true\n');
    checkFix('FROM alpine\nRUN true\nFrom alpine as build\n', 'ConsistentInstructionCasing', "Write 'FROM'", 'FROM alpine\nRUN true\nFROM alpine AS build\n');
    expect(codesOf('FROM alpine\nRUN true\nFROM alpine AS build\nRUN true\n')).toEqual([]);
  });
});
