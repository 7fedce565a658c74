// The JSON the services keep for large answers (services/keptJson.ts).
import { describe, expect, it } from 'vitest';
import { keptJsonArray, keptJsonText } from '../../../server/src/services/keptJson';
import { storedOneByte } from '../keptJson';

describe('kept JSON', () => {
  it("is JSON.stringify's text where that is ASCII", () => {
    const value = { name: 'build', detail: 'alpine:3.20 --platform=linux/amd64', range: { start: { line: 1, character: 0 } } };
    expect(keptJsonText(value)).toBe(JSON.stringify(value));
  });

  it('writes every character beyond ASCII as an escape, so the same value is read back', () => {
    const value = { detail: 'alpine · stage 1', message: 'cut…', emoji: '😀', nbsp: 'a\u00a0b' };
    const text = keptJsonText(value);
    expect(text).toBe('{"detail":"alpine \\u00b7 stage 1","message":"cut\\u2026","emoji":"\\ud83d\\ude00","nbsp":"a\\u00a0b"}');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is stored at one byte a character, also when the value had characters past U+00FF', () => {
    // JSON.stringify writes the whole text at two bytes a character once one is past U+00FF.
    expect(storedOneByte(JSON.stringify({ message: 'cut…' }))).toBe(false);
    expect(storedOneByte(JSON.stringify({ message: 'caf\u00e9 \u00b7' }))).toBe(true);
    for (const value of [{ message: 'cut…' }, { emoji: '😀', pad: 'x'.repeat(100) }, { detail: 'alpine · stage 1' }, { big: `${'y'.repeat(2_000_000)}…` }]) {
      const text = keptJsonText(value);
      expect(storedOneByte(text)).toBe(true);
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it('keeps each item’s text with the item and joins them as an array', () => {
    const items = [{ a: 'é' }, { b: 2 }];
    const kept = new WeakMap<object, string>();
    expect(keptJsonArray(items, kept).join('')).toBe('[{"a":"\\u00e9"},{"b":2}]');
    expect(kept.get(items[0])).toBe('{"a":"\\u00e9"}');
    expect(keptJsonArray(items, kept)[1]).toBe(kept.get(items[0]));
  });
});
