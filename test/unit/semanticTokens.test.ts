// The semantic token encoding helpers: line starts as LSP counts lines, splitting tokens that span
// lines, the relative encoding, and the prefix/suffix delta.
import { describe, expect, it } from 'vitest';
import { diffTokenData, encodeRelative } from '../../server/src/services/semanticTokens';
import { flatToLineTokens, lineStarts } from '../../server/src/services/semanticTokens/encode';

describe('semantic token encoding', () => {
  it('counts \\n, \\r\\n and a lone \\r as line ends', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual([0, 2, 5, 7]);
  });

  it('splits a token at line ends, without the terminators, and drops blank pieces', () => {
    const text = 'ab \\\r\n   \n  cd\n';
    // One token from `b` to `c` (offsets 1..13): pieces `b \`, `  c` (the blank line is dropped).
    expect(flatToLineTokens(text, [1, 13, 2, 1])).toEqual([0, 1, 3, 2, 1, 2, 0, 3, 2, 1]);
  });

  it('encodes line and character relative to the previous token', () => {
    expect(encodeRelative([0, 4, 3, 1, 0, 0, 10, 2, 0, 0, 2, 1, 5, 3, 1])).toEqual([0, 4, 3, 1, 0, 0, 6, 2, 0, 0, 2, 1, 5, 3, 1]);
  });

  it('diffs by common prefix and suffix', () => {
    expect(diffTokenData([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toEqual([]);
    expect(diffTokenData([1, 2, 3, 4, 5], [1, 2, 9, 9, 4, 5])).toEqual([{ start: 2, deleteCount: 1, data: [9, 9] }]);
    expect(diffTokenData([1, 2, 3], [])).toEqual([{ start: 0, deleteCount: 3, data: [] }]);
    expect(diffTokenData([], [7])).toEqual([{ start: 0, deleteCount: 0, data: [7] }]);
  });
});
