import { describe, expect, it } from 'vitest';
import { convertResult, fromUtf16, negotiateEncoding, toUtf16 } from '../../../server/src/server/positionEncoding';

describe('position encodings', () => {
  it('prefers UTF-16 and falls back to what the client offers', () => {
    expect(negotiateEncoding(undefined)).toBe('utf-16');
    expect(negotiateEncoding(['utf-8', 'utf-16'])).toBe('utf-16');
    expect(negotiateEncoding(['utf-8'])).toBe('utf-8');
    expect(negotiateEncoding(['utf-32', 'utf-8'])).toBe('utf-32');
    expect(negotiateEncoding(['latin-1'])).toBe('utf-16');
  });

  const line = 'RUN echo "é😀x"';
  const lines = () => line;
  // Offsets of x: UTF-16 13 (😀 is two units), UTF-8 16 (é two bytes, 😀 four), UTF-32 12.
  it('converts to and from UTF-8 and UTF-32', () => {
    expect(fromUtf16({ line: 0, character: 13 }, 'utf-8', lines)).toEqual({ line: 0, character: 16 });
    expect(fromUtf16({ line: 0, character: 13 }, 'utf-32', lines)).toEqual({ line: 0, character: 12 });
    expect(toUtf16({ line: 0, character: 16 }, 'utf-8', lines)).toEqual({ line: 0, character: 13 });
    expect(toUtf16({ line: 0, character: 12 }, 'utf-32', lines)).toEqual({ line: 0, character: 13 });
    expect(toUtf16({ line: 0, character: 3 }, 'utf-8', lines)).toEqual({ line: 0, character: 3 });
  });

  it('converts every position in a result but leaves data alone', () => {
    const result = [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 14 } }, data: { line: 0, character: 13 } }];
    expect(convertResult(result, 'utf-8', lines)).toEqual([{ range: { start: { line: 0, character: 16 }, end: { line: 0, character: 17 } }, data: { line: 0, character: 13 } }]);
    expect(convertResult(result, 'utf-16', lines)).toBe(result);
  });
});
