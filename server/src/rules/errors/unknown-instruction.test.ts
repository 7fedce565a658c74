import { describe, expect, it } from 'vitest';
import { checkErrors, checkFix, fixesAt } from './testing';

describe('unknown-instruction', () => {
  it('suggests the closest instruction, in the case the file uses', () => {
    checkErrors('FROM alpine\n$[RUNN$] echo hi\n$[form$] x\n', [
      ['unknown-instruction', 'Unknown instruction "RUNN". Did you mean RUN?'],
      ['unknown-instruction', 'Unknown instruction "form". Did you mean FROM?'],
    ]);
  });

  it('explains a lost line continuation when nothing is close', () => {
    checkErrors('FROM alpine\nRUN apt-get update &&\n$[apt-get$] install -y curl\n', [
      [
        'unknown-instruction',
        'Unknown instruction "apt-get". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with \\ to continue it.',
      ],
    ]);
  });

  it('names the escape character the file uses', () => {
    checkErrors('# escape=`\nFROM alpine\n$[curl$] -fsSL x\n', [
      [
        'unknown-instruction',
        'Unknown instruction "curl". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with ` to continue it.',
      ],
    ]);
  });

  it('accepts every instruction in any case', () => {
    checkErrors('from alpine\nRun echo\nCOPY a b\nonbuild run x\n', []);
  });

  it("fixes the keyword in the case of the file's other keywords", () => {
    expect(checkFix('from alpine\nru$0nn echo hi\n', 'unknown-instruction', 'Change to run', 'from alpine\nrun echo hi\n')).toEqual(['*Change to run']);
    expect(checkFix('FROM alpine\nRUN true\nru$0nn echo hi\n', 'unknown-instruction', 'Change to RUN', 'FROM alpine\nRUN true\nRUN echo hi\n')).toEqual(['*Change to RUN']);
    expect(checkFix('from alpine\nrun true\nRU$0NN echo hi\n', 'unknown-instruction', 'Change to run', 'from alpine\nrun true\nrun echo hi\n')).toEqual(['*Change to run']);
  });

  it('offers no fix without a suggestion', () => {
    expect(fixesAt('FROM alpine\nfoo$0bar x\n', 'unknown-instruction').actions).toEqual([]);
  });
});
