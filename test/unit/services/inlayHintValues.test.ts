import { describe, expect, it } from 'vitest';
import { displayValue } from '../../../server/src/services/inlayHints';

describe('a value as an inlay hint shows it', () => {
  it('as written, backslashes included, when it has no control character', () => {
    expect(displayValue('C:\\app')).toBe('C:\\app');
    expect(displayValue('a "quoted" word')).toBe('a "quoted" word');
  });

  it('on one line, each control character as its picture, so nothing else needs escaping', () => {
    expect(displayValue('a\nb\\c')).toBe('a␊b\\c');
    expect(displayValue('x\r\n\ty')).toBe('x␍␊␉y');
    expect(displayValue('\u001b[0m\u007f')).toBe('␛[0m␡');
    // A backslash and a t stay apart from a tab.
    expect(displayValue('C:\\t')).toBe('C:\\t');
    expect(displayValue('C:\t')).toBe('"C:␉"');
  });

  it('quoted when empty or padded, and cut to 30 characters', () => {
    expect(displayValue('')).toBe('""');
    expect(displayValue(' x')).toBe('" x"');
    expect(displayValue('0123456789'.repeat(4))).toBe(`${'0123456789'.repeat(2)}012345678…`);
  });
});
