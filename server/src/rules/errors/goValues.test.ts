import { describe, expect, it } from 'vitest';
import { chmodProblem, isGoRamSize, parseGoDuration, parseGoInt } from './goValues';
import { platformProblem } from './platform';

describe('Go value syntaxes', () => {
  it('parses durations as time.ParseDuration does', () => {
    expect(parseGoDuration('1h30m')).toEqual({ nanoseconds: 5400e9 });
    expect(parseGoDuration('.5s')).toEqual({ nanoseconds: 0.5e9 });
    expect(parseGoDuration('1µs')).toEqual({ nanoseconds: 1e3 });
    expect(parseGoDuration('-0')).toEqual({ nanoseconds: 0 });
    expect(parseGoDuration('')).toEqual({ error: 'it is empty' });
    expect(parseGoDuration('.s')).toEqual({ error: 'a number is missing' });
    expect(parseGoDuration('1')).toEqual({ error: 'the unit is missing after 1' });
    // Whole nanoseconds, each fraction cut toward zero after a float64 product, as time.ParseDuration computes them.
    expect(parseGoDuration('0.5ns')).toEqual({ nanoseconds: 0 });
    expect(parseGoDuration('-0.9ns')).toEqual({ nanoseconds: 0 });
    expect(parseGoDuration('1.9ns1.9ns')).toEqual({ nanoseconds: 2 });
    expect(parseGoDuration('0.0000009s')).toEqual({ nanoseconds: 900 });
    // The range of an int64: 2^63-1 nanoseconds, and 2^63 when negative.
    expect(parseGoDuration('9223372036854775807ns')).toEqual({ nanoseconds: Number(2n ** 63n - 1n) });
    expect(parseGoDuration('-9223372036854775808ns')).toEqual({ nanoseconds: -Number(2n ** 63n) });
    expect(parseGoDuration('9223372036854775808ns')).toEqual({ error: 'it is too long' });
    expect(parseGoDuration('2562048h')).toEqual({ error: 'it is too long' });
    expect(parseGoDuration('99999999999999999999ns')).toEqual({ error: 'it is too long' });
  });

  it('reads integers as strconv.Atoi does: a sign, digits, 64 bits', () => {
    expect(['+9', '-15', '007', '-9223372036854775808'].map(parseGoInt)).toEqual([9n, -15n, 7n, -(2n ** 63n)]);
    expect(['', '+', '9a', ' 9', '9223372036854775808'].map(parseGoInt)).toEqual(Array(5).fill(undefined));
  });

  it('reads tmpfs sizes as go-units RAMInBytes does', () => {
    expect(['64m', '1.5GiB', '1024', '10 MB', '2kb', '0'].map(isGoRamSize)).toEqual([true, true, true, true, true, true]);
    expect(['', 'm', '64x', '1mbb', '-1m', '1KiBs'].map(isGoRamSize)).toEqual([false, false, false, false, false, false]);
  });

  it('reads chmod values as BuildKit does', () => {
    expect(['755', '0644', '7777', 'u+x', 'a=rwx', 'g=u', 'u+x,g-w', '+x'].map(chmodProblem)).toEqual(Array(8).fill(undefined));
    expect(chmodProblem('10000')).toBe('an octal mode must use the digits 0 to 7 and be at most 7777');
    expect(chmodProblem('u+q')).toBe('"u+q" is not a symbolic mode such as u+x or go=rX');
    // setmode mixes permission letters with classes to copy from after an operator.
    expect(['g=rwu', 'o=ug', 'u+xg', 'go=u-w', 'u=rwx,go=u-w'].map(chmodProblem)).toEqual(Array(5).fill(undefined));
    // An empty clause is a syntax error there.
    expect(['u+x,', ',u+x', 'u+x,,g-w'].map(chmodProblem)).toEqual(Array(3).fill('a comma must separate two clauses such as u+x,g-w'));
  });

  it('reads platforms as containerd does', () => {
    expect(['linux/amd64', 'windows(10.0.17763)/amd64', 'linux/arm64/v8', 'amd64'].map(platformProblem)).toEqual(Array(4).fill(undefined));
    expect(platformProblem('linux/arm/v7/extra')).toBe('it has more than three parts (os/arch/variant)');
    // One word must be a known OS or architecture, in any case and by any of its other names.
    expect(['Linux', 'windows', 'macos', 'AMD64', 'x86_64', 'aarch64', 'armhf', 'i386', 'riscv64', 'windows(10.0.17763)'].map(platformProblem)).toEqual(Array(10).fill(undefined));
    expect(platformProblem('foo')).toBe('"foo" is neither an operating system (linux, windows, …) nor an architecture (amd64, arm64, …) that BuildKit knows');
    expect(platformProblem('linux/amd 64')).toBe('"amd 64" contains characters other than letters, digits, ".", "_" and "-"');
  });
});
