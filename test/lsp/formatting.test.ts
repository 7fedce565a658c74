import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FormattingOptions, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { cursorOf, parseFixture, range } from './fixture';

const SPACES: FormattingOptions = { tabSize: 4, insertSpaces: true };

let counter = 0;

/** Opens `text` and waits until its settings are resolved (diagnostics follow them). */
async function open(client: LspTestClient, text: string): Promise<string> {
  const uri = `file:///formatting/${++counter}/Dockerfile`;
  await client.open(uri, text);
  await client.diagnosticsFor(uri, 1);
  return uri;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

async function formatted(client: LspTestClient, text: string, options: FormattingOptions = SPACES): Promise<string> {
  const uri = await open(client, text);
  const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
  return apply(text, edits);
}

/** Formats `before` and expects exactly `after`, then formats `after` and expects no edits. */
async function checkFormat(client: LspTestClient, before: string, after: string, options: FormattingOptions = SPACES): Promise<void> {
  expect(await formatted(client, before, options)).toBe(after);
  const uri = await open(client, after);
  expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options })).toEqual([]);
}

describe('formatting over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('advertises document, range and on-type formatting', () => {
    const caps = client.initializeResult.capabilities;
    expect(caps.documentFormattingProvider).toBe(true);
    expect(caps.documentRangeFormattingProvider).toBe(true);
    expect(caps.documentOnTypeFormattingProvider).toEqual({ firstTriggerCharacter: '\n' });
  });

  it('returns minimal edits: only where the text changes', async () => {
    const uri = await open(client, 'from alpine\nRUN  echo hi \n');
    expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: SPACES })).toEqual([
      { range: range(0, 0, 0, 4), newText: 'FROM' },
      { range: range(1, 3, 1, 5), newText: ' ' },
      { range: range(1, 12, 1, 13), newText: '' },
    ]);
  });

  it('cases keywords, spaces the keyword, strips leading and trailing white space, normalises JSON', async () => {
    await checkFormat(
      client,
      ['from   alpine:3.20   as   base  ', '  run apk add --no-cache curl   &&  \\', '        rm -rf /var/cache/apk/*', '    COPY    . /app', 'workdir /app\t', 'CMD   [ "sh","-c" ,  "echo hello" ]', ''].join('\n'),
      ['FROM alpine:3.20 AS base', 'RUN apk add --no-cache curl   &&  \\', '        rm -rf /var/cache/apk/*', 'COPY . /app', 'WORKDIR /app', 'CMD ["sh", "-c", "echo hello"]', ''].join('\n'),
    );
  });

  it('indents shallow continuation lines by one unit and keeps deeper indentation the user chose', async () => {
    await checkFormat(
      client,
      ['FROM debian', 'RUN apt-get update \\', '&& apt-get install -y \\', '  curl \\', '        git \\', '      wget', ''].join('\n'),
      ['FROM debian', 'RUN apt-get update \\', '    && apt-get install -y \\', '    curl \\', '        git \\', '      wget', ''].join('\n'),
    );
  });

  it('uses a tab when the editor indents with tabs', async () => {
    await checkFormat(client, 'FROM debian\nRUN a \\\n  b\n', 'FROM debian\nRUN a \\\n\tb\n', { tabSize: 4, insertSpaces: false });
  });

  it('never changes meaning: quotes, words joined across lines, text taken whole', async () => {
    const text = [
      'FROM debian',
      // Inside quotes the leading white space is part of the string.
      'RUN echo "one \\',
      'two"',
      // No white space at the join: the two lines make one word.
      'RUN echo con\\',
      'catenated',
      // WORKDIR takes its argument as one text.
      'WORKDIR /a \\',
      'b',
      // Legacy `ENV key value`: the value is the rest of the line.
      'ENV GREETING hello \\',
      'world',
      '',
    ].join('\n');
    await checkFormat(client, text, text);
  });

  it('never touches heredoc bodies or terminators (ADD included), nor comment lines inside continuations', async () => {
    const text = [
      'FROM alpine',
      'ADD <<-EOT /etc/motd',
      '\t  indented body   ',
      '\tEOT',
      'COPY <<EOF /x',
      '  two spaces  ',
      'EOF',
      'RUN echo a \\',
      '# a comment that stays where it is',
      '    && echo b',
      '',
    ].join('\n');
    await checkFormat(client, text, text);
  });

  it('removes trailing white space after a line-continuing escape and on empty continuation lines', async () => {
    await checkFormat(client, 'FROM alpine\nRUN a \\  \n   \n    b\n', 'FROM alpine\nRUN a \\\n\n    b\n');
  });

  it('keeps CRLF line endings', async () => {
    await checkFormat(client, 'from alpine  \r\nRUN a \\\r\nb\r\n', 'FROM alpine\r\nRUN a \\\r\n    b\r\n');
  });

  it('formats the ONBUILD trigger, HEALTHCHECK CMD and a BOM-prefixed first line', async () => {
    await checkFormat(
      client,
      '\uFEFF  from alpine\nonbuild   run   echo hi\nhealthcheck --interval=5s cmd ["curl","-f","http://localhost/"]\n',
      '\uFEFFFROM alpine\nONBUILD RUN echo hi\nHEALTHCHECK --interval=5s CMD ["curl", "-f", "http://localhost/"]\n',
    );
  });

  it('formats only the instructions a range touches, each as a whole', async () => {
    const text = 'from a\nrun x \\\ny\nrun  z\n';
    const uri = await open(client, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: range(2, 0, 2, 1), options: SPACES });
    expect(apply(text, edits)).toBe('from a\nRUN x \\\n    y\nrun  z\n');
  });

  it('indents the new line typed after a line-continuing escape', async () => {
    const fixture = parseFixture('FROM alpine\nRUN apk add \\\n$0\n');
    const uri = await open(client, fixture.text);
    const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: cursorOf(fixture), ch: '\n', options: SPACES });
    expect(edits).toEqual([{ range: range(2, 0, 2, 0), newText: '    ' }]);
  });

  it('does not indent a new line typed inside an open quote, after a line without escape, or in a heredoc', async () => {
    for (const source of ['FROM alpine\nRUN echo "a \\\n$0\n', 'FROM alpine\nRUN apk add\n$0\n', 'FROM alpine\nRUN <<EOF\nx \\\n$0\nEOF\n']) {
      const fixture = parseFixture(source);
      const uri = await open(client, fixture.text);
      const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: cursorOf(fixture), ch: '\n', options: SPACES });
      expect(edits, source).toEqual([]);
    }
  });
});

describe('formatting after an escaped blank', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  // BuildKit drops only the final escape, so `a\ ` and the next line make one word (`a b`).
  const sources = ['FROM alpine\nENV A=a\\ \\\n$0b\n', 'FROM alpine\nRUN echo a\\ \\\n$0b\n', '# escape=`\nFROM alpine\nRUN echo a\\ `\n$0b\n'];

  it('does not indent the line that continues the word', async () => {
    for (const source of sources) {
      const text = parseFixture(source).text;
      await checkFormat(client, text, text);
    }
  });

  it('does not indent it on Enter either', async () => {
    for (const source of sources) {
      const fixture = parseFixture(source);
      const uri = await open(client, fixture.text);
      const edits = await client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: cursorOf(fixture), ch: '\n', options: SPACES });
      expect(edits, source).toEqual([]);
    }
  });
});

describe('formatting settings', () => {
  it('lower case, a blank line between stages, and the setting indentation when the editor sends none', async () => {
    const client = await LspTestClient.start({
      settings: { 'dockerfile-lsp': { formatting: { keywordCase: 'lower', blankLineBetweenStages: true, continuationIndent: 2 } } },
    });
    try {
      const before = ['FROM alpine AS build', 'RUN a \\', 'b', '# the final stage', 'FROM scratch', 'COPY --from=build /a /a', ''].join('\n');
      const after = ['from alpine as build', 'run a \\', '  b', '', '# the final stage', 'from scratch', 'copy --from=build /a /a', ''].join('\n');
      expect(await formatted(client, before, {} as FormattingOptions)).toBe(after);
    } finally {
      await client.stop();
    }
  });

  it('preserve leaves keyword case alone; enable=false formats nothing', async () => {
    const client = await LspTestClient.start({ settings: { 'dockerfile-lsp': { formatting: { keywordCase: 'preserve' } } } });
    try {
      expect(await formatted(client, 'From alpine as x\nRun  a\n')).toBe('From alpine as x\nRun a\n');
      await client.setSettings({ 'dockerfile-lsp': { formatting: { enable: false } } });
      const uri = await open(client, 'from  alpine\n');
      expect(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: SPACES })).toEqual([]);
    } finally {
      await client.stop();
    }
  });

  it("a request sent right after didOpen, before the editor has answered for the document's settings, still follows them (found by audit)", async () => {
    const client = await LspTestClient.start({ settings: { 'dockerfile-lsp': { formatting: { keywordCase: 'preserve' } } } });
    try {
      const uri = `file:///formatting/${++counter}/Dockerfile`;
      await client.open(uri, 'from alpine as x\nrun  a \\\nb\n');
      const [whole, part, onType] = await Promise.all([
        client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: SPACES }),
        client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: range(0, 0, 1, 0), options: SPACES }),
        client.request<TextEdit[]>('textDocument/onTypeFormatting', { textDocument: { uri }, position: { line: 2, character: 0 }, ch: '\n', options: SPACES }),
      ]);
      expect(whole).toEqual([
        { range: range(1, 3, 1, 5), newText: ' ' },
        { range: range(2, 0, 2, 0), newText: '    ' },
      ]);
      expect(part).toEqual([]);
      expect(onType).toEqual([{ range: range(2, 0, 2, 0), newText: '    ' }]);
    } finally {
      await client.stop();
    }
  });
});
