import { describe, expect, it } from 'vitest';
import {
  BOOLEAN_VALUES,
  CHMOD_MODES,
  DURATION_EXAMPLES,
  EXPOSE_PROTOCOLS,
  HEREDOC,
  PLATFORMS,
  SUBSTITUTIONS,
  booleanValues,
  getFlag,
  getSubstitution,
  type ValueFact,
} from './index';

// The tables added for hover and completion follow the rules of the rest of the facts: every
// entry has prose in full sentences, and the values are ones BuildKit accepts.

function expectProse(sentence: string): void {
  expect(sentence.length).toBeGreaterThanOrEqual(12);
  expect(sentence).toMatch(/[.)]$/);
  expect(sentence).not.toMatch(/ {2}|\n/);
}

const valueTables: [string, readonly ValueFact[]][] = [
  ['platforms', PLATFORMS],
  ['chmod modes', CHMOD_MODES],
  ['EXPOSE protocols', EXPOSE_PROTOCOLS],
  ['booleans', BOOLEAN_VALUES],
];

describe('value tables', () => {
  it.each(valueTables)('%s: unique values, each documented', (_name, values) => {
    expect(new Set(values.map((v) => v.value)).size).toBe(values.length);
    for (const value of values) expectProse(value.doc);
  });

  it('platforms are $BUILDPLATFORM or os/arch[/variant]', () => {
    expect(PLATFORMS[0].value).toBe('$BUILDPLATFORM');
    for (const { value } of PLATFORMS.slice(1)) expect(value).toMatch(/^(linux|windows)\/[a-z0-9]+(\/v\d)?$/);
  });

  it('chmod modes are octal, or symbolic since 1.14', () => {
    for (const mode of CHMOD_MODES) {
      if (/^[0-7]{3,4}$/.test(mode.value)) expect(mode.since).toBeUndefined();
      else expect(mode.since).toBe('1.14');
    }
  });

  it('tcp is the only default protocol', () => {
    expect(EXPOSE_PROTOCOLS.filter((p) => p.isDefault).map((p) => p.value)).toEqual(['tcp']);
  });

  it('duration examples are whole numbers with a unit, shortest first', () => {
    const seconds = { ms: 0.001, s: 1, m: 60, h: 3600 } as const;
    const values = DURATION_EXAMPLES.map((d) => {
      const match = /^(\d+)(ms|s|m|h)$/.exec(d);
      expect(match).not.toBeNull();
      return Number(match![1]) * seconds[match![2] as keyof typeof seconds];
    });
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it('a heredoc script is told to fail fast, and an unterminated heredoc is an error (BuildKit dispatchRun, parser)', () => {
    // BuildKit runs a heredoc-only RUN as `<shell> <body>`: no -e, so only the last command's status counts.
    expect(HEREDOC.doc.details).toContain('without `-e`');
    expect(HEREDOC.doc.example!.split('\n')[1]).toBe('set -e');
    // The quotes on the marker do not reach a RUN that is only the heredoc.
    expect(HEREDOC.doc.details).toContain('a `RUN` that is only the heredoc ignores the quotes');
    // A terminator line is compared whole (tabs stripped with <<-): a space before or after it does not end the body.
    expect(HEREDOC.doc.pitfall).toContain('not even spaces before or after it');
    expect(HEREDOC.doc.pitfall).toContain('`unterminated heredoc`');
  });

  it('boolean values say "as if left out" only where leaving the flag out is one of them', () => {
    expect(booleanValues('false').map((v) => [v.value, v.isDefault ?? false, v.doc])).toEqual([
      ['true', false, BOOLEAN_VALUES[0]!.doc],
      ['false', true, 'Turns the option off, as if it were left out.'],
    ]);
    // ADD unpacks a local archive and not a download when --unpack is absent (Dockerfile reference, ADD --unpack).
    const unpack = booleanValues(getFlag('ADD', 'unpack')!.default);
    expect(unpack.some((v) => v.isDefault)).toBe(false);
    expect(unpack.find((v) => v.value === 'false')!.doc).not.toContain('left out.');
    for (const value of unpack) expectProse(value.doc);
  });

  it('heredocs are documented, stable since 1.4, in the labs channel since 1.3', () => {
    expect([HEREDOC.since, HEREDOC.labsSince]).toEqual(['1.4', '1.3']);
    expect(HEREDOC.blankBeforeName).toEqual({ since: '1.16', labsSince: '1.16' });
    for (const sentence of [HEREDOC.doc.summary, HEREDOC.doc.details!, HEREDOC.doc.pitfall!]) expectProse(sentence);
  });
});

describe('substitutions', () => {
  it('reach the labs channel in the same release as the stable one', () => {
    for (const substitution of SUBSTITUTIONS) expect(substitution.labsSince, substitution.operator).toBe(substitution.operator === ':?' ? undefined : substitution.since);
  });

  it('cover the twelve operators once, with the versions of the fact sheet', () => {
    expect(SUBSTITUTIONS.map((s) => [s.operator, s.since])).toEqual([
      [':-', undefined],
      ['-', '1.6'],
      [':+', undefined],
      ['+', '1.6'],
      [':?', undefined],
      ['?', '1.6'],
      ['#', '1.7'],
      ['##', '1.7'],
      ['%', '1.7'],
      ['%%', '1.7'],
      ['/', '1.7'],
      ['//', '1.7'],
    ]);
  });

  it('each form uses its operator after the name, and is documented', () => {
    for (const s of SUBSTITUTIONS) {
      expect(s.form.startsWith(`\${name${s.operator}`)).toBe(true);
      expect(getSubstitution(s.operator)).toBe(s);
      expectProse(s.doc);
    }
    expect(getSubstitution(':')).toBeUndefined();
  });
});
