// The option words of shells and commands the best practices (and hover) read.
import { describe, expect, it } from 'vitest';
import { setsShellOption } from '../../../../server/src/rules/practices/options';

describe('setsShellOption', () => {
  it('finds -o NAME, with the o alone or ending a group', () => {
    expect(setsShellOption(['-o', 'pipefail', '-c'], 'pipefail')).toBe(true);
    expect(setsShellOption(['-euxo', 'pipefail'], 'pipefail')).toBe(true);
    expect(setsShellOption(['-oe', 'pipefail'], 'pipefail')).toBe(false);
    expect(setsShellOption(['-c', 'pipefail'], 'pipefail')).toBe(false);
  });

  it('finds the short letter alone or in a group, only when one is given', () => {
    expect(setsShellOption(['-e', '-c'], 'errexit', 'e')).toBe(true);
    expect(setsShellOption(['-ec'], 'errexit', 'e')).toBe(true);
    expect(setsShellOption(['-o', 'errexit'], 'errexit', 'e')).toBe(true);
    expect(setsShellOption(['-c'], 'errexit', 'e')).toBe(false);
    expect(setsShellOption(['--rcfile', 'x'], 'errexit', 'e')).toBe(false);
    expect(setsShellOption(['-ec'], 'pipefail')).toBe(false);
  });
});
