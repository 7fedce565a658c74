// What accepting a completion item does to the line: the typing sweep (completionTyping.test.ts)
// found these cases in real files. `$0` is the cursor; `accept` applies the item with the given
// label as a client would (snippet placeholders keep their default text) and returns the document.
import { describe, expect, it } from 'vitest';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCompletions } from '../../../server/src/services/completion';
import { analyzedDocument } from '../../../server/src/services/document';
import { SyntaxTree } from '../../../server/src/syntax';
import { parseFixture } from '../../lsp/fixture';
import { snippetDefault } from './snippetText';

interface Options {
  readonly trigger?: string;
  /** `replace`: the client replaces the whole word (InsertReplaceEdit.replace); `insert` by default. */
  readonly mode?: 'insert' | 'replace';
}

function items(source: string, options: Options = {}): { text: TextDocument; items: CompletionItem[] } {
  const fixture = parseFixture(source);
  const text = TextDocument.create('file:///edits/Dockerfile', 'dockerfile', 1, fixture.text);
  const list = getCompletions(analyzedDocument(text, SyntaxTree.parse(fixture.text)), fixture.cursor!, {
    snippets: true,
    format: 'plaintext',
    insertReplace: options.mode === 'replace',
    ...(options.trigger !== undefined ? { triggerCharacter: options.trigger } : {}),
  });
  return { text, items: list.items };
}

function labels(source: string, options: Options = {}): string[] {
  return items(source, options).items.map((i) => i.label);
}

/** The document after accepting the item labelled `label` at `$0`. */
function accept(source: string, label: string, options: Options = {}): string {
  const { text, items: list } = items(source, options);
  const item = list.find((i) => i.label === label);
  if (!item?.textEdit) throw new Error(`no ${label} among ${list.map((i) => i.label).join(', ')}`);
  const edit = item.textEdit;
  const range = 'range' in edit ? edit.range : options.mode === 'replace' ? edit.replace : edit.insert;
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? snippetDefault(edit.newText) : edit.newText;
  const all = text.getText();
  return all.slice(0, text.offsetAt(range.start)) + newText + all.slice(text.offsetAt(range.end));
}

describe('the replace range covers the whole word', () => {
  const replace = { mode: 'replace' } as const;

  it('through the dots of a label key', () => {
    expect(accept('FROM a\nLABEL org.opencon$0tainers.image.version', 'org.opencontainers.image.version', replace)).toBe(
      'FROM a\nLABEL org.opencontainers.image.version=""',
    );
  });

  it('through the slash of a platform and the + of a mode', () => {
    expect(accept('FROM --platform=lin$0ux/amd64 a', 'linux/amd64', replace)).toBe('FROM --platform=linux/amd64 a');
    expect(accept('FROM a\nCOPY --chmod=$0+x a b', '+x', replace)).toBe('FROM a\nCOPY --chmod=+x a b');
  });

  it('through a directive value, the escape character included', () => {
    expect(accept('# syntax=docker/$0dockerfile:1\nFROM a', 'docker/dockerfile:1', replace)).toBe('# syntax=docker/dockerfile:1\nFROM a');
    expect(accept('# escape=$0`\nFROM a', '`', replace)).toBe('# escape=`\nFROM a');
  });

  it('of a variable name only up to the name', () => {
    expect(accept('FROM a\nARG V=1\nRUN echo $V$0-x', 'V', replace)).toBe('FROM a\nARG V=1\nRUN echo $V-x');
    expect(accept('FROM a\nARG VERSION=1\nRUN echo $VE$0RSION.tar', 'VERSION', replace)).toBe('FROM a\nARG VERSION=1\nRUN echo $VERSION.tar');
  });
});

describe('an item leaves out what already follows it', () => {
  it('the closing brace of a reference that goes on after the name', () => {
    expect(accept('FROM a\nARG VERSION=1\nRUN echo ${VE$0:-2}', 'VERSION')).toBe('FROM a\nARG VERSION=1\nRUN echo ${VERSION:-2}');
    expect(accept('FROM a\nARG VERSION=1\nRUN echo ${VE$0%%.*}', 'VERSION')).toBe('FROM a\nARG VERSION=1\nRUN echo ${VERSION%%.*}');
    expect(accept('FROM a\nARG VERSION=1\nRUN echo ${VE$0RSION}', 'VERSION', { mode: 'replace' })).toBe('FROM a\nARG VERSION=1\nRUN echo ${VERSION}');
    // A reference that ends at the cursor still gets its brace.
    expect(accept('FROM a\nARG VERSION=1\nRUN echo ${VE$0 x', 'VERSION')).toBe('FROM a\nARG VERSION=1\nRUN echo ${VERSION} x');
  });

  it('the =value of a flag being renamed', () => {
    expect(accept('FROM a\nCOPY --$0=build . .', '--from')).toBe('FROM a\nCOPY --from=build . .');
    expect(accept('FROM a\nRUN --mo$0unt=type=cache,target=/x make', '--mount', { mode: 'replace' })).toBe('FROM a\nRUN --mount=type=cache,target=/x make');
    // Without a value after it, the flag still comes with its `=` and a placeholder.
    expect(items('FROM a\nCOPY --fr$0 . .').items.find((i) => i.label === '--from')?.textEdit?.newText).toBe('--from=${1:build}');
  });

  it('the stages COPY --from= can name, as the choices of its snippet, the nearest first', () => {
    const fromFlag = (text: string) => items(text).items.find((i) => i.label === '--from')?.textEdit?.newText;
    expect(fromFlag('FROM a AS deps\nFROM b AS Build\nFROM c\nFROM d AS app\nCOPY --fr$0 . .\nFROM e AS later\n')).toBe('--from=${1|Build,deps|}');
    // Not the stage itself, nor one that needs it; in a trigger the child build's stages count.
    expect(fromFlag('FROM a AS one\nCOPY --fr$0 . .\n')).toBe('--from=${1:build}');
    expect(fromFlag('FROM a AS deps\nFROM b\nONBUILD COPY --fr$0 . .\n')).toBe('--from=${1:build}');
  });

  it('the =value of a mount option key', () => {
    expect(accept('FROM a\nRUN --mount=ty$0=cache,target=/x make', 'type')).toBe('FROM a\nRUN --mount=type=cache,target=/x make');
    expect(accept('FROM a\nRUN --mount=type=cache,$0=/x make', 'target')).toBe('FROM a\nRUN --mount=type=cache,target=/x make');
  });

  it('the =value of a label key', () => {
    expect(accept('FROM a\nLABEL org.$0="1"', 'org.opencontainers.image.version')).toBe('FROM a\nLABEL org.opencontainers.image.version="1"');
  });

  it('the =value of a directive or check option', () => {
    expect(accept('# sy$0=docker/dockerfile:1\nFROM a', 'syntax')).toBe('# syntax=docker/dockerfile:1\nFROM a');
    expect(accept('# check=sk$0=JSONArgsRecommended\nFROM a', 'skip')).toBe('# check=skip=JSONArgsRecommended\nFROM a');
  });

  it('the stage name after AS, and the command after CMD', () => {
    expect(accept('FROM alpine A$0 build', 'AS')).toBe('FROM alpine AS build');
    expect(accept('FROM a\nHEALTHCHECK C$0 curl -f http://localhost/', 'CMD')).toBe('FROM a\nHEALTHCHECK CMD curl -f http://localhost/');
    // Typed fresh, both still come as snippets.
    expect(accept('FROM alpine A$0', 'AS')).toBe('FROM alpine AS name');
  });
});

describe('variables where the shell reads them', () => {
  const head = 'FROM a\nARG VERSION=1\n';

  it('in a quoted string that runs over several lines', () => {
    expect(labels(`${head}RUN x="$( \\\n    echo $VE$0`)).toContain('VERSION');
    expect(labels(`${head}RUN apk add " \\\n    pkg=\${VE$0}" `)).toContain('VERSION');
  });

  it('not in an instruction keyword continued from an earlier line, which no one-line edit replaces', () => {
    // `RUN\` then `$` is the one word `RUN$`: keywords for it would need an edit over two lines.
    expect(labels('FROM a\nRUN\\\n$$0')).toEqual([]);
    expect(labels('FROM a\nONBUILD R\\\n$$0')).toEqual([]);
    expect(labels('FROM a\nONBUILD\\\n$$0')).toEqual([]);
  });

  it('in a shell test command, which is not the exec form', () => {
    expect(labels(`${head}RUN [ "\${VE$0}" = "1" ] && exit 0`)).toContain('VERSION');
    expect(labels(`${head}RUN [ -n "$VE$0" ]`)).toContain('VERSION');
    // The exec form, written or still being typed, has no shell.
    expect(labels(`${head}RUN ["echo", "$VE$0"]`)).toEqual([]);
    expect(labels(`${head}RUN ["echo", "$VE$0`)).toEqual([]);
    // Unless it runs a shell: its script is shell text, written or being typed.
    expect(labels(`${head}RUN ["sh", "-c", "echo $VE$0"]`)).toContain('VERSION');
    expect(labels(`${head}RUN ["/bin/bash", "-o", "pipefail", "-ec", "echo \${VE$0`)).toContain('VERSION');
    expect(labels(`${head}RUN ["sh", "-c", "echo", "$VE$0`)).toEqual([]);
  });
});

describe('flag values continued from an earlier line', () => {
  // BuildKit joins the lines first: `type=cache,\` then `sharing=` is one option list.
  it('mount keys and values typed on the continuation line', () => {
    expect(accept('FROM a\nRUN --mount=type=cache,\\\nsha$0 true', 'sharing')).toBe('FROM a\nRUN --mount=type=cache,\\\nsharing= true');
    expect(accept('FROM a\nRUN --mount=type=cache,\\\ntarget=/x,$0', 'sharing', { trigger: ',' })).toBe('FROM a\nRUN --mount=type=cache,\\\ntarget=/x,sharing=');
    expect(accept('FROM a\nRUN --mount=type=cache,\\\nsharing=l$0 true', 'locked')).toBe('FROM a\nRUN --mount=type=cache,\\\nsharing=locked true');
    // The keys already given on the earlier line are not offered again.
    expect(labels('FROM a\nRUN --mount=type=cache,target=/x,\\\n$0 true')).not.toContain('target');
    expect(accept('# escape=`\nFROM a\nRUN --mount=type=cache,`\nsharing=$0 true', 'private', { trigger: '=' })).toBe('# escape=`\nFROM a\nRUN --mount=type=cache,`\nsharing=private true');
    expect(accept('FROM b AS src\nFROM a\nRUN --mount=type=bind,\\\nfrom=$0 true', 'src', { trigger: '=' })).toBe('FROM b AS src\nFROM a\nRUN --mount=type=bind,\\\nfrom=src true');
    expect(accept('FROM a\nRUN --network\\\n=$0 true', 'none', { trigger: '=' })).toBe('FROM a\nRUN --network\\\n=none true');
  });

  it('nothing when the part being typed starts on the earlier line, which no one-line edit replaces', () => {
    expect(labels('FROM a\nRUN --mount=type=cache,shar\\\nin$0 true')).toEqual([]);
  });
});

describe('flags given elsewhere on the instruction', () => {
  it('are not offered again, even when written after the cursor', () => {
    expect(labels('FROM a AS b\nFROM c\nCOPY --$0 --from=b . .', { trigger: '-' })).not.toContain('--from');
    expect(labels('FROM a AS b\nFROM c\nCOPY --l$0 --from=b --chmod=755 . .')).toEqual(expect.not.arrayContaining(['--from', '--chmod']));
    expect(labels('FROM a AS b\nFROM c\nCOPY --l$0 --from=b . .')).toContain('--link');
    // Repeatable flags still are.
    expect(labels('FROM a\nRUN --$0 --mount=type=cache,target=/x make', { trigger: '-' })).toContain('--mount');
  });
});

describe('mount options', () => {
  it('read a type that a line continuation follows', () => {
    expect(labels('FROM a\nRUN --mount=$0=/root/.cache,type=cache\\\n    make')).toContain('target');
    expect(labels('FROM a\nRUN --mount=target=/x,$0,type=cache\\\n    make', { trigger: ',' })).toContain('sharing');
  });
});
