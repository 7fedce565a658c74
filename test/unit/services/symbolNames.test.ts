// Every symbol has a name an editor shows: VS Code rejects a whole outline (and a workspace symbol
// list) when one name is empty or only white space, which half-typed text produces (`ENV =x`,
// `ARG =1`) as well as invisible characters (a byte order mark in the middle of a file).
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { getWorkspaceSymbols } from '../../../server/src/services/workspaceSymbols';

const service = createLanguageService();

function open(text: string) {
  return service.analyze(TextDocument.create('file:///names/Dockerfile', 'dockerfile', 1, text));
}

function names(text: string): unknown[] {
  const shape = (list: DocumentSymbol[]): unknown[] => list.map((s) => (s.children?.length ? [s.name, shape(s.children)] : s.name));
  return shape(service.getDocumentSymbols(open(text)));
}

describe('symbol names', () => {
  it('name a variable with no name yet, and an invisible keyword or name (found by fuzzing: "\\n\\uFEFF alpine\\n")', () => {
    expect(names('ENV =x\n')).toEqual([['ENV', ['(no name)']]]);
    expect(names('ARG =1\n')).toEqual([['ARG', ['(no name)']]]);
    expect(names('\n\uFEFF alpine\n')).toEqual(['U+FEFF']);
    expect(names('ENV \uFEFF=1\n')).toEqual([['ENV', ['U+FEFF']]]);
    expect(names('FROM a AS \uFEFF\n')).toEqual([['U+FEFF', ['FROM']]]);
    expect(names('ARG X=\uFEFF\nFROM ${X}\n')).toEqual([['ARG', ['X']], ['U+FEFF', ['FROM']]]);
  });

  it('leave a variable with no name out of the workspace symbols', () => {
    expect(getWorkspaceSymbols(open('ARG =1\nARG \uFEFF\nARG B\nFROM a AS \uFEFF\n'), '').map((s) => s.name)).toEqual(['U+FEFF', 'U+FEFF', 'B']);
  });

  it('show the flags and arguments on one line as the detail: every run of white space one space, cut at 60 with an ellipsis', () => {
    const details = (text: string) => service.getDocumentSymbols(open(text)).map((s) => s.detail);
    expect(details('RUN --network=none \\\n\t  make   all\t\n')).toEqual(['--network=none make all']);
    // JavaScript's white space, the Unicode spaces included, separates words; other characters do not.
    expect(details('RUN a\u00a0b\u3000c\ufeffd\u200be\n')).toEqual(['a b c d\u200be']);
    expect(details(`RUN ${'x'.repeat(30)} ${'y'.repeat(40)}\n`)).toEqual([`${'x'.repeat(30)} ${'y'.repeat(28)}\u2026`]);
    expect(details(`RUN ${'x'.repeat(30)} ${'y'.repeat(29)}\n`)).toEqual([`${'x'.repeat(30)} ${'y'.repeat(29)}`]);
    expect(details('RUN\n')).toEqual(['']);
  });
});
