// The lexer options that read shell text for editor features: quoted strings' spans, and `$` left
// to the shell.
import { describe, expect, it } from 'vitest';
import { EMPTY_ENVIRONMENT, lex } from '../../../server/src/syntax';

describe('shell lexer options', () => {
  it('quoteSpans: each quoted string with its quotes; none without the option', () => {
    const text = `echo "a b" x'c d'\\ e`;
    const result = lex(text, EMPTY_ENVIRONMENT, { escape: '\\', rawQuotes: true, rawEscapes: true, quoteSpans: true });
    expect(result.quotes?.map((q) => text.slice(q.start, q.end))).toEqual(['"a b"', "'c d'"]);
    expect(result.wordSpans.map((w) => text.slice(w.start, w.end))).toEqual(['echo', '"a b"', "x'c d'\\ e"]);
    expect(lex(text, EMPTY_ENVIRONMENT, { escape: '\\' }).quotes).toBeUndefined();
  });

  it('literalDollar: substitutions BuildKit rejects are plain text', () => {
    const text = 'echo ${V:0:2} "${x,,} y"';
    expect(lex(text, EMPTY_ENVIRONMENT, { escape: '\\', skipUnsetEnv: true }).error?.message).toBe('unsupported modifier (:0) in substitution');
    const result = lex(text, EMPTY_ENVIRONMENT, { escape: '\\', rawQuotes: true, literalDollar: true });
    expect(result.error).toBeUndefined();
    expect(result.words).toEqual(['echo', '${V:0:2}', '"${x,,} y"']);
    expect(result.references).toEqual([]);
  });
});
