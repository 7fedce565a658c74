import { describe, expect, it } from 'vitest';
import { nanosInWords, octalModeInWords } from '../../../server/src/services/hover/plainWords';

describe('durations in words', () => {
  it.each([
    [90e9, '1 minute 30 seconds'],
    [3600e9 + 1e9, '1 hour 1 second'],
    [0, '0 seconds'],
    [1.5e6, '1 millisecond 500 microseconds'],
    [-2e9, 'minus 2 seconds'],
  ])('%d ns in words is %s', (nanos, words) => {
    expect(nanosInWords(nanos)).toBe(words);
  });
});

describe('octal modes in words', () => {
  it.each([
    ['755', 'owner: read, write, run; group: read, run; others: read, run'],
    ['0644', 'owner: read, write; group: read; others: read'],
    ['600', 'owner: read, write; group: nothing; others: nothing'],
    ['4755', 'owner: read, write, run; group: read, run; others: read, run; plus setuid'],
    ['1777', 'owner: read, write, run; group: read, write, run; others: read, write, run; plus sticky'],
  ])('%s', (mode, words) => {
    expect(octalModeInWords(mode)).toBe(words);
  });

  it.each(['+x', 'u=rwX', '789', '75', '07555'])('%s is not an octal mode', (mode) => {
    expect(octalModeInWords(mode)).toBeUndefined();
  });
});
