// The editor's own Enter rules (language-configuration.json), applied the way VS Code applies
// onEnterRules: the first rule whose beforeText matches the text before the cursor and whose
// previousLineText (if any) matches the line above gives the indentation of the new line.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

interface EnterRule {
  readonly beforeText: string;
  readonly previousLineText?: string;
  readonly action: { readonly indent: string };
}

const config = JSON.parse(readFileSync(path.resolve(__dirname, '../../../language-configuration.json'), 'utf8')) as {
  comments: { lineComment?: string; blockComment?: [string, string] };
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  onEnterRules: EnterRule[];
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
};

/** The word VS Code takes at `column` (double-click, word highlight, completion prefix): the match of the word pattern around it. */
function wordAt(line: string, column: number): string | undefined {
  for (const match of line.matchAll(new RegExp(config.wordPattern, 'g'))) {
    if (match.index <= column && column < match.index + match[0].length) return match[0];
  }
  return undefined;
}

/** `previousLine` is '' on the first line, as VS Code passes it. */
function onEnter(before: string, previousLine: string): string {
  for (const rule of config.onEnterRules) {
    if (!new RegExp(rule.beforeText).test(before)) continue;
    if (rule.previousLineText !== undefined && !new RegExp(rule.previousLineText).test(previousLine)) continue;
    return rule.action.indent;
  }
  return 'default';
}

describe('Enter rules of the language configuration', () => {
  it('indent after the first continued line, keep the indent inside, outdent after the last', () => {
    expect(onEnter('RUN apt-get update \\', '')).toBe('indent');
    expect(onEnter('    && apt-get install -y curl \\', 'RUN apt-get update \\')).toBe('none');
    expect(onEnter('    && rm -rf /var/lib/apt/lists/*', '    && apt-get install -y curl \\')).toBe('outdent');
  });

  it('a comment above the instruction ends no continuation (found by review)', () => {
    expect(onEnter('LABEL a=b \\', '# labels')).toBe('indent');
  });

  it('an indented comment inside a continuation is no last line to outdent after (found by review)', () => {
    expect(onEnter('    # pinned below', 'RUN apt-get update \\')).toBe('default');
    expect(onEnter('    && echo done \\', '    # pinned below')).toBe('none');
  });

  it('a continuation on the first line, with spaces after the backslash, or with a backtick escape indents', () => {
    expect(onEnter('FROM alpine \\', '')).toBe('indent');
    expect(onEnter('RUN make \\  ', 'FROM alpine')).toBe('indent');
    expect(onEnter('ENV A=1 `', '# escape=`')).toBe('indent');
    expect(onEnter('    B=2 `', 'ENV A=1 `')).toBe('none');
    expect(onEnter('    C=3', '    B=2 `')).toBe('outdent');
  });

  it('a comment line ending in a backslash continues nothing, as in BuildKit', () => {
    expect(onEnter('# build with make \\', 'FROM alpine')).toBe('default');
    expect(onEnter('    # apt-get clean \\', 'RUN apt-get update \\')).toBe('default');
  });

  it('Enter in the middle of a continued line is no continuation', () => {
    expect(onEnter('RUN apt-get', '')).toBe('default');
  });

  it('defines indentation rules that match nothing, so no other configuration of the language leaks in', () => {
    for (const pattern of Object.values(config.indentationRules)) {
      for (const line of ['FROM node:', 'RUN a -', 'RUN (', '{', 'ENV A=1 \\', '']) expect(new RegExp(pattern).test(line)).toBe(false);
    }
  });
});

describe('words, comments and pairs of the language configuration', () => {
  it('a version, an image tag, a flag, a package name and a variable are one word each (found by review: 20.11.1 was 20.11 and .1)', () => {
    const cases: [line: string, at: string, word: string][] = [
      ['ARG NODE_VERSION=20.11.1', '1.1', '20.11.1'],
      ['ARG NODE_VERSION=20.11.1', 'NODE', 'NODE_VERSION'],
      ['FROM node:20-alpine3.19 AS build', '20', '20-alpine3.19'],
      ['FROM node:20-alpine3.19 AS build', 'node', 'node'],
      ['FROM python:3.12-slim@sha256:abc', 'slim', '3.12-slim'],
      ['COPY --from=build /app/dist ./dist', 'from', '--from'],
      ['COPY --from=build /app/dist ./dist', 'build', 'build'],
      ['COPY package.json .', 'json', 'package.json'],
      ['ENV PATH=$HOME/bin:${PATH}', 'HOME', 'HOME'],
      ['ENV PATH=$HOME/bin:${PATH}', 'PATH}', 'PATH'],
      ['FROM ${BASE_IMAGE:-debian}', 'BASE', 'BASE_IMAGE'],
      ['EXPOSE 8080/tcp', '80', '8080'],
    ];
    for (const [line, at, word] of cases) expect([line, at, wordAt(line, line.indexOf(at))]).toEqual([line, at, word]);
  });

  it('toggles line comments with #, and has no block comments (Dockerfiles have none)', () => {
    expect(config.comments).toEqual({ lineComment: '#' });
  });

  it('closes brackets and quotes, but no backtick: outside shell code, where these rules apply, a backtick is the escape character of `# escape=`` files (found by review)', () => {
    // A closing backtick typed at the end of a continued line would be carried onto the next line by Enter.
    expect(config.autoClosingPairs.map((pair) => pair.open + pair.close)).toEqual(['{}', '[]', '()', '""', "''"]);
    // Quotes do not pair up inside strings and comments, where an apostrophe is usually a word's.
    for (const pair of config.autoClosingPairs.filter((p) => p.open === '"' || p.open === "'")) expect(pair.notIn).toEqual(['string', 'comment']);
    expect(config.surroundingPairs.map((pair) => pair.join(''))).toEqual(['{}', '[]', '()', '""', "''", '``']);
  });
});
