// The order of diagnostics that start at the same place: by code, as `localeCompare` orders the
// codes, without loading ICU's collation data into the server (services/diagnostics.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../server/src/rules';
import { compareCodes, INVALID_CHECK_OPTION } from '../../../server/src/services/diagnostics';
import { fcParams } from '../../fuzzing';

// The syntax errors' codes and the invalid `# check=` option's, beside the rules'.
const OTHER_CODES = ['duplicate-directive', 'empty-file', 'invalid-escape', 'json-not-strings', 'line-too-long', 'missing-equals', 'missing-value', 'no-instructions', 'unterminated-heredoc', INVALID_CHECK_OPTION, 'undefined'];

describe('diagnostic codes order', () => {
  const codes = [...RULES.map((rule) => rule.code), ...OTHER_CODES];

  it('is the order localeCompare gives every pair of codes the server reports', () => {
    expect(codes.length).toBeGreaterThan(80);
    for (const a of codes) for (const b of codes) expect([a, b, Math.sign(compareCodes(a, b))]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
  });

  it('is the order localeCompare gives any two words of letters, digits and `-`, as codes are written', () => {
    const word = fc.array(fc.constantFrom(...'aAbBzZ019-'), { maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(word, word, (a, b) => Math.sign(compareCodes(a, b)) === Math.sign(a.localeCompare(b))),
      fcParams(2000),
    );
  });

  it('ignores case first, then puts lower case first, and tells only equal codes equal', () => {
    expect(['DL3008', 'dl3007', 'UndefinedVar', 'unknown-flag', 'Dl3008', 'dl3008', 'a-b', 'a1'].sort(compareCodes)).toEqual(['a-b', 'a1', 'dl3007', 'dl3008', 'Dl3008', 'DL3008', 'UndefinedVar', 'unknown-flag']);
    expect(compareCodes('DL3008', 'DL3008')).toBe(0);
  });
});
