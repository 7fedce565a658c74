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

  it('explains a keyword followed by a pasted space that is no blank to BuildKit, and replaces it with a plain one', () => {
    const explained = (written: string, keyword: string, space: string) =>
      `Unknown instruction "${written}": the character after ${keyword} is ${space}, which looks like a space but is none to BuildKit, so the whole run of text is read as one keyword. Replace it with a plain space.`;
    checkErrors('$[FROM\u00a0alpine:3.20$]\n$[run\u202fecho$] hi\n$[ONBUILD\u200bRUN$] make\n$[COPY\u3000a$] b\n', [
      ['unknown-instruction', explained('FROM\u00a0alpine:3.20', 'FROM', 'a no-break space (U+00A0)')],
      ['unknown-instruction', explained('run\u202fecho', 'run', 'a narrow no-break space (U+202F)')],
      ['unknown-instruction', explained('ONBUILD\u200bRUN', 'ONBUILD', 'a zero-width space (U+200B)')],
      ['unknown-instruction', explained('COPY\u3000a', 'COPY', 'an ideographic space (U+3000)')],
    ]);
    // Not after a keyword: the usual advice.
    checkErrors('FROM alpine\n$[curl\u00a0-fsSL$] x\n', [
      [
        'unknown-instruction',
        'Unknown instruction "curl\u00a0-fsSL". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with \\ to continue it.',
      ],
    ]);
    expect(checkFix('FROM alpine\nRUN\u00a0apt-get\u00a0in$0stall -y curl\n', 'unknown-instruction', 'Replace with plain spaces', 'FROM alpine\nRUN apt-get install -y curl\n')).toEqual([
      '*Replace with plain spaces',
    ]);
    expect(checkFix('FROM\u00a0alp$0ine\n', 'unknown-instruction', 'Replace with a plain space', 'FROM alpine\n')).toEqual(['*Replace with a plain space']);
  });

  it('offers no fix without a suggestion', () => {
    expect(fixesAt('FROM alpine\nfoo$0bar x\n', 'unknown-instruction').actions).toEqual([]);
  });
});
