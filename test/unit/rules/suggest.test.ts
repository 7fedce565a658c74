import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggest, SuggestionIndex } from '../../../server/src/rules/checks/support/suggest';
import { fcParams } from '../../fuzzing';

describe('did-you-mean', () => {
  it('suggests the closest name within distance 2, and nothing for an exact match', () => {
    expect(suggest('VERSON', ['VERSION', 'PATH'])).toBe('VERSION');
    expect(suggest('GOPATH', ['PATH', 'HOME'])).toBe('PATH');
    expect(suggest('TOTALLY_DIFFERENT', ['PATH'])).toBeUndefined();
    expect(suggest('PATH', ['PAT', 'PATH'])).toBeUndefined();
  });

  it('suggests a name that differs only in case before any other, however far by distance', () => {
    expect(suggest('myvar', ['MYVAR'])).toBe('MYVAR');
    expect(suggest('MYDIR', ['MYDIRS', 'MyDir'])).toBe('MyDir');
    const index = new SuggestionIndex();
    for (const name of ['MYVAR', 'OTHER']) index.add(name);
    expect(index.candidates('myvar')).toEqual(['MYVAR']);
  });

  it('finds through the index what comparing with every name finds', () => {
    const word = fc.string({ unit: fc.constantFrom('A', 'B', 'C', '_'), minLength: 0, maxLength: 7 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), word, (names, query) => {
        const index = new SuggestionIndex();
        for (const name of names) index.add(name);
        expect(suggest(query, index.candidates(query))).toBe(suggest(query, [...new Set(names)]));
      }),
      fcParams(500),
    );
  });
});
