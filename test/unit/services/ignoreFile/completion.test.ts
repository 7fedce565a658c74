import { describe, expect, it } from 'vitest';
import { getIgnoreFileCompletions } from '../../../../server/src/services/ignoreFile';
import { COMMON_IGNORE_PATTERNS } from '../../../../server/src/facts/ignorePatterns';
import { parseFixture } from '../../../lsp/fixture';
import { ignoreDocument } from './harness';

function complete(source: string) {
  const { text, cursor } = parseFixture(source);
  return getIgnoreFileCompletions(ignoreDocument(text), cursor!, 'markdown').items;
}

describe('completion in a .dockerignore', () => {
  it('offers the common entries the file does not have yet, in order, replacing the word being typed', () => {
    const items = complete('.git\n**/node_modules\n  no$0de\n');
    expect(items.map((i) => i.label)).toEqual(COMMON_IGNORE_PATTERNS.map((f) => f.pattern).filter((p) => p !== '.git' && p !== '**/node_modules'));
    expect(items[0].textEdit).toEqual({ range: { start: { line: 2, character: 2 }, end: { line: 2, character: 6 } }, newText: '**/.env' });
    expect(items.find((i) => i.label === '**/.env')?.documentation).toEqual({
      kind: 'markdown',
      value: 'Environment files usually hold secrets. Give them to the container when it runs, or to a build step as a secret (`RUN --mount=type=secret`).',
    });
  });

  it('offers the entry a line is being typed as, and every entry on an empty line', () => {
    expect(complete('.gi$0t\n').map((i) => i.label)).toContain('.git');
    expect(complete('$0')).toHaveLength(COMMON_IGNORE_PATTERNS.length);
  });

  it('offers nothing in a comment, after a !, or past the first word', () => {
    expect(complete('# no$0\n')).toEqual([]);
    expect(complete('!sr$0\n')).toEqual([]);
    expect(complete('a b$0\n')).toEqual([]);
  });

  it('has a reason for every entry', () => {
    for (const fact of COMMON_IGNORE_PATTERNS) expect(fact.why.length, fact.pattern).toBeGreaterThan(30);
  });
});
