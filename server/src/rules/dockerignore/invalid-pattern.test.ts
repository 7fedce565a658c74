import { describe, it } from 'vitest';
import { checkIgnoreFile } from '../../../../test/unit/services/ignoreFile/harness';

const only = ['invalid-dockerignore'];
const SYNTAX = '(BuildKit: "syntax error in pattern")';
const AT_ONCE = 'Every build that reads this file fails as the context is sent, before any instruction runs.';
const WHEN_MATCHED = 'A build that reads this file fails as soon as BuildKit matches a path of the context against this pattern (any path the lines above leave in).';

describe('invalid-dockerignore in the .dockerignore itself', () => {
  it('reports every refused line, on its trimmed text, not only the first a build stops at', () => {
    checkIgnoreFile(
      '# logs\n  $[logs/[0-9$]  \n$[!$]\nsrc\n\t$[!/$]\n$[[]a]$]\n',
      [
        { code: 'invalid-dockerignore', message: `'logs/[0-9' opens a character class with \`[\` and never closes it with \`]\` ${SYNTAX}. ${AT_ONCE}`, severity: 'error' },
        { code: 'invalid-dockerignore', message: `'!' excludes nothing: an exclusion needs a pattern after its \`!\` (BuildKit: "illegal exclusion pattern"). ${AT_ONCE}`, severity: 'error' },
        { code: 'invalid-dockerignore', message: `'!/' excludes nothing: an exclusion needs a pattern after its \`!\` (BuildKit: "illegal exclusion pattern"). ${AT_ONCE}`, severity: 'error' },
        {
          code: 'invalid-dockerignore',
          message: `'[]a]' has a character class that Go's patterns cannot read: it is empty, or a \`-\` or \`]\` stands where a character should ${SYNTAX}. ${AT_ONCE}`,
          severity: 'error',
        },
      ],
      { only },
    );
  });

  it('says when a pattern fails only once a path is matched against it', () => {
    checkIgnoreFile(
      'node_modules\n$[logs/[z-a].log$]\n',
      [{ code: 'invalid-dockerignore', message: `'logs/[z-a].log' has a character range that runs backwards, \`z-a\`, which Go's regular expressions refuse ${SYNTAX}. ${WHEN_MATCHED}`, severity: 'error' }],
      { only },
    );
  });

  it('leaves out a late failure no path can reach, below a pattern that excludes everything', () => {
    checkIgnoreFile('**\n[z-a]\n', [], { only });
    checkIgnoreFile('*\n!src\n[[:foo:]]\n', [], { only });
  });

  it('says nothing for the patterns BuildKit takes, or a backslash, whose reading depends on the machine', () => {
    checkIgnoreFile('*.log\n!keep.log\n**/[a-z]*.tmp\n[^0-9]x\n[!a]\n!.\n# [\n\\[literal\nx]\n\\[z-a]\n', [], { only });
  });

  it('counts offsets past a byte order mark and CRLF line ends', () => {
    checkIgnoreFile('\uFEFFa\r\n$[[$]\r\n', [{ code: 'invalid-dockerignore', message: `'[' opens a character class with \`[\` and never closes it with \`]\` ${SYNTAX}. ${AT_ONCE}`, severity: 'error' }], {
      only,
    });
  });
});
