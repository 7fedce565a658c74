// The order of diagnostics that start at the same place: by code, as `localeCompare` orders the
// codes, without loading ICU's collation data into the server (services/diagnostics.ts).
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../server/src/rules';
import { compareCodes } from '../../../server/src/services/diagnostics';

// The syntax errors' codes and the invalid `# check=` option's, beside the rules'.
const OTHER_CODES = ['duplicate-directive', 'empty-file', 'invalid-escape', 'json-not-strings', 'line-too-long', 'missing-equals', 'missing-value', 'no-instructions', 'unterminated-heredoc', 'invalid-check-option', 'undefined'];

describe('diagnostic codes order', () => {
  const codes = [...RULES.map((rule) => rule.code), ...OTHER_CODES];

  it('is the order localeCompare gives every pair of codes the server reports', () => {
    expect(codes.length).toBeGreaterThan(80);
    for (const a of codes) for (const b of codes) expect([a, b, Math.sign(compareCodes(a, b))]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
  });

  it('ignores case first, then puts lower case first, and tells only equal codes equal', () => {
    expect(['DL3008', 'dl3007', 'UndefinedVar', 'unknown-flag', 'Dl3008', 'dl3008', 'a-b', 'a1'].sort(compareCodes)).toEqual(['a-b', 'a1', 'dl3007', 'dl3008', 'Dl3008', 'DL3008', 'UndefinedVar', 'unknown-flag']);
    expect(compareCodes('DL3008', 'DL3008')).toBe(0);
  });
});
