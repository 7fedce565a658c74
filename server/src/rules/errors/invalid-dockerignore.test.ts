import { describe, expect, it } from 'vitest';
import { checkDiagnostics } from '../../../../test/unit/rules/harness';
import { readIgnoreFile } from '../checks/support/dockerignore';

const only = ['invalid-dockerignore'];
const SYNTAX = '(BuildKit: "syntax error in pattern")';
const unclosed = (what: string, line: number, written: string) =>
  `With this folder as the build context, BuildKit cannot send the context ${what} reads: line ${line} of .dockerignore, '${written}', opens a character class with \`[\` and never closes it with \`]\` ${SYNTAX}.`;
const bang = (what: string, line: number, written: string) =>
  `With this folder as the build context, BuildKit cannot send the context ${what} reads: line ${line} of .dockerignore, '${written}', excludes nothing: an exclusion needs a pattern after its \`!\` (BuildKit: "illegal exclusion pattern").`;
const malformed = `has a character class that Go's patterns cannot read: it is empty, or a \`-\` or \`]\` stands where a character should ${SYNTAX}`;

describe('invalid-dockerignore', () => {
  it('reports a refused pattern where each stage first reads the build context', () => {
    checkDiagnostics(
      'FROM alpine AS deps\nCOPY --from=busybox /bin/true /x\nCOPY <<EOF /note\nhi\nEOF\nCOPY $[package.json$] yarn.lock ./\nCOPY src ./src\n' +
        'FROM alpine\nADD https://example.com/a.tgz /a\nRUN --mount=type=cache,target=/c --mount=$[type=bind,target=/src$] make\nCOPY --from=deps /x /x\n',
      [
        { code: 'invalid-dockerignore', message: unclosed('this COPY source', 2, 'logs/[0-9'), severity: 'warning' },
        { code: 'invalid-dockerignore', message: unclosed('this bind mount', 2, 'logs/[0-9'), severity: 'warning' },
      ],
      { only, dockerignore: '# logs\nlogs/[0-9\n![\n' },
    );
  });

  it('reads a bare ! (or !/, which cleans to it) as BuildKit does, on the line it is on', () => {
    checkDiagnostics('FROM alpine\nCOPY $[.$] /app\n', [{ code: 'invalid-dockerignore', message: bang('this COPY source', 3, '!'), severity: 'warning' }], {
      only,
      dockerignore: 'node_modules\r\n\r\n  !   \r\n[\r\n',
    });
    checkDiagnostics('FROM alpine\nADD $["app.tgz"$] /app\nADD ["app.tgz", "/b"]\nFROM alpine\nADD ["$[app.tgz$]", "/app"]\n', [
      { code: 'invalid-dockerignore', message: bang('this ADD source', 1, '!/'), severity: 'warning' },
      { code: 'invalid-dockerignore', message: bang('this ADD source', 1, '!/'), severity: 'warning' },
    ], {
      only,
      dockerignore: '!/\n',
    });
  });

  it('is reported in a stage a plain build does not reach too (--target), and not where the context is not read', () => {
    checkDiagnostics(
      'FROM alpine AS tools\nCOPY $[tools$] /tools\nFROM alpine AS base\nFROM base\nRUN --mount=type=bind,from=base,target=/t ls /t\nCOPY --from=base /x /x\nADD git@github.com:moby/buildkit.git /src\nADD $SRC /src\n',
      [
        {
          code: 'invalid-dockerignore',
          message: unclosed('this COPY source', 1, '['),
          severity: 'warning',
        },
      ],
      { only, dockerignore: '[\n' },
    );
  });

  it('says nothing for the patterns BuildKit takes', () => {
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { only, dockerignore: '*.log\n!keep.log\n**/[a-z]*.tmp\n[^0-9]x\n[!a]\n!.\n# [\n\\[literal\nx]\n' });
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { only });
    // `!` and a U+FEFF that Go does not trim: an exclusion of that character.
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { only, dockerignore: 'node_modules\n!\uFEFF\n' });
  });

  it('reports a class Go\'s regexp cannot compile where a read path is matched against it, past the patterns above it', () => {
    const backwards = (what: string, line: number, written: string, range: string) =>
      `With this folder as the build context, BuildKit cannot send the context ${what} reads: line ${line} of .dockerignore, '${written}', has a character range that runs backwards, \`${range}\`, which Go's regular expressions refuse ${SYNTAX}.`;
    // `src` is excluded by the pattern above, so only the second stage's read and the bind mount of the whole context reach `[z-a]`.
    checkDiagnostics(
      'FROM alpine\nCOPY src /src\nCOPY $[go.mod$] /m\nFROM alpine\nRUN --mount=type=bind,source=src/a,target=/a --mount=$[type=bind,target=/all$] ls\n',
      [
        { code: 'invalid-dockerignore', message: backwards('this COPY source', 2, 'logs/[z-a]*', 'z-a'), severity: 'warning' },
        { code: 'invalid-dockerignore', message: backwards('this bind mount', 2, 'logs/[z-a]*', 'z-a'), severity: 'warning' },
      ],
      { only, dockerignore: 'src\nlogs/[z-a]*\n' },
    );
    // Sources read as BuildKit reads them: quoted, or in a variable, `src` is still excluded above.
    checkDiagnostics('FROM alpine\nARG DIR=src\nCOPY "src" /a\nCOPY ${DIR}/x /b\nCOPY ["src/y", "/c"]\n', [], { only, dockerignore: 'src\nlogs/[z-a]*\n' });
    // Every path is excluded above it; and after an exclusion, whether a path reaches it is not decided.
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { only, dockerignore: '*\n[z-a]\n' });
    checkDiagnostics('FROM alpine\nCOPY . /app\n', [], { only, dockerignore: 'a\n!a/b\n[z-a]\n' });
    // A pattern New refuses wins, even below: New reads every pattern before any is matched.
    expect(readIgnoreFile('[z-a]\n[\n').refused).toMatchObject({ line: 1, written: '[' });
  });

  it('reads classes as Go\'s regexp package reads them: ranges by code point, escaped characters, POSIX names', () => {
    const reasonOf = (pattern: string) => readIgnoreFile(`${pattern}\n`).refused?.reason;
    const backwards = (range: string) => `has a character range that runs backwards, \`${range}\`, which Go's regular expressions refuse ${SYNTAX}`;
    expect(['[z-a]', '[^z-a]', 'x/[ab-Aa]', '[a-.]', '[é-e]', '[a-z][9-0]'].map(reasonOf)).toEqual([
      backwards('z-a'),
      backwards('z-a'),
      backwards('b-A'),
      backwards('a-.'),
      backwards('é-e'),
      backwards('9-0'),
    ]);
    expect(['[[:foo:]]', '[a[:^digits:]]'].map(reasonOf)).toEqual([
      `names a character class Go does not have, \`[:foo:]\` ${SYNTAX}`,
      `names a character class Go does not have, \`[:^digits:]\` ${SYNTAX}`,
    ]);
    // Valid: an ordered range, a known or negated POSIX class, `[:` without its `:]`, and `!` (not excluded before).
    expect(['[a-a]', '[.-a]', '[[:alpha:]]', '[[:^space:]x]', '[[:a]', '[-]', '[!z-a]'].map(reasonOf)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      malformed,
      backwards('z-a'),
    ]);
  });

  it('finds the class errors Go reports, and leaves backslashes, which depend on the client machine', () => {
    const reasonOf = (pattern: string) => readIgnoreFile(`${pattern}\n`).refused?.reason;
    expect(['[]a]', '[]', '[^]', '[-a]', '[a-]', '[a-b-c]', 'a[z-]b']).toEqual(['[]a]', '[]', '[^]', '[-a]', '[a-]', '[a-b-c]', 'a[z-]b'].filter((p) => reasonOf(p) === malformed));
    expect(['[', 'a[b', '[a-', '[^', '[ab'].filter((p) => reasonOf(p)?.startsWith('opens'))).toEqual(['[', 'a[b', '[a-', '[^', '[ab']);
    expect(['[a]', '[a-z]', '[^a-z0-9]', '[!]', 'x]y', '[\\]]', 'dir\\[', '[a\\-b]'].map(reasonOf)).toEqual(Array(8).fill(undefined));
    // Lines are trimmed as Go's strings.TrimSpace trims: a U+FEFF after the start of the file is no space
    // there (so `!` then U+FEFF excludes that character), and U+0085 is.
    expect(['!\uFEFF', 'a\n\uFEFF!', '!\u3000[a]'].map(reasonOf)).toEqual([undefined, undefined, undefined]);
    expect(readIgnoreFile('\uFEFF!\n').refused).toMatchObject({ line: 0, written: '!' });
    expect(readIgnoreFile('a\n!\u0085\n').refused).toMatchObject({ line: 1, written: '!' });
    // The first refused pattern counts, as patternmatcher.New stops there.
    expect(readIgnoreFile('ok\n[\n!\n').refused).toMatchObject({ line: 1, written: '[' });
  });
});
