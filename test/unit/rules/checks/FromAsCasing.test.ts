import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

describe('FromAsCasing', () => {
  it('flags a lowercase `as` after an uppercase FROM', () => {
    checkDiagnostics('FROM alpine $[as$] build\nRUN true\n', [{ code: 'FromAsCasing', message: "'as' is cased differently from 'FROM'; write 'AS'." }]);
  });

  it('flags an uppercase `AS` after a lowercase from', () => {
    checkDiagnostics('from alpine $[AS$] build\nrun true\n', [{ code: 'FromAsCasing', message: "'AS' is cased differently from 'from'; write 'as'." }]);
  });

  it('leaves matching casing alone, and a mixed-case From to ConsistentInstructionCasing', () => {
    checkDiagnostics('FROM alpine AS build\n$[From$] alpine as other\n', [
      { code: 'ConsistentInstructionCasing', message: "'From' should be 'FROM': it mixes upper and lower case." },
    ]);
  });

  it('rewrites the keyword', () => {
    checkFix('FROM alpine as build\n', 'FromAsCasing', "Write 'AS'", 'FROM alpine AS build\n');
  });

  it('offers no rewrite of a word that is not AS, which BuildKit also compares (found by the code action audit)', () => {
    // "Write 'BS'" would keep the error; too-many-arguments offers "Change to AS".
    expect(fixTitles('FROM alpine bs build\n', 'FromAsCasing')).toEqual(['Skip FromAsCasing for this instruction', 'Skip FromAsCasing in this file']);
    expect(fixTitles('from alpine As build\n', 'FromAsCasing')[0]).toBe("Write 'as' (preferred)");
  });
});
