import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Position, Range } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { getCompletions } from '../../../server/src/services/completion';
import { getHover } from '../../../server/src/services/hover';
import { getSignatureHelp } from '../../../server/src/services/signatureHelp';
import { CORPUS } from '../syntax/corpus';

// Hover, completion and signature help at every offset of real files and of every prefix of them
// (the file as it is being typed): they never throw, a hover covers the cursor, and every
// completion edit is on the cursor's line and ends at the cursor, as LSP requires.

const service = createLanguageService();

const FILES = [
  'dotnet__dotnet-docker/samples__aspnetapp__Dockerfile.nanoserver', // # escape=`
  'dotnet__dotnet-docker/samples__releasesapi__Dockerfile.ubuntu-cross-arm64-x64', // heredocs, mounts
];

const SYNTHETIC = [
  '# syntax=docker/dockerfile:1-labs',
  '# check=skip=JSONArgsRecommended;error=true',
  'ARG BASE=alpine V',
  'FROM --platform=$BUILDPLATFORM ${BASE:-alpine}:3.20 AS build',
  'RUN --mount=type=cache,target=/root/.cache,sharing=locked --mount=type=secret,id=npm,required \\',
  '    # a comment',
  '',
  '    npm ci && echo "${V:+--verbose}"',
  'COPY --from=build --chmod=755 <<-"EOF" /app/',
  '\techo $V',
  '\tEOF',
  'ONBUILD COPY --from=ctx . /src',
  'ONBUILD RUN --mount=type=bind,from=ctx,target=/x make $A',
  'HEALTHCHECK --interval=1m30s --timeout=5s CMD curl -f http://localhost/ || exit 1',
  'EXPOSE 80/tcp 8000-8010/UDP 127.0.0.1:53:53',
  'STOPSIGNAL SIGQUIT',
  'ENV A=1 B=${A} C',
  'USER 1000:1000',
  'CMD ["app", "--port", "8080"]',
  'RUN <<EOF',
  'unterminated $A',
].join('\n');

function contains(range: Range, position: Position): boolean {
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(range.start, position) && before(position, range.end);
}

function analyze(text: string) {
  return service.analyze(TextDocument.create('file:///x/Dockerfile', 'dockerfile', 1, text));
}

function checkAt(doc: ReturnType<typeof analyze>, offset: number): void {
  const position = doc.text.positionAt(offset);
  const hover = getHover(doc, position, 'markdown');
  if (hover?.range) expect(contains(hover.range, position)).toBe(true);
  for (const trigger of [undefined, '$']) {
    for (const item of getCompletions(doc, position, { snippets: true, format: 'markdown', triggerCharacter: trigger }).items) {
      // Without InsertReplaceEdits, the range runs from what was typed to the end of the word at the cursor.
      const range = item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined;
      expect(range?.start.line).toBe(position.line);
      expect(range?.end.line).toBe(position.line);
      expect(range!.start.character).toBeLessThanOrEqual(position.character);
      expect(doc.text.getText({ start: position, end: range!.end })).toMatch(/^\S*$/);
    }
  }
  getSignatureHelp(doc, position, { format: 'plaintext' });
}

const sources: [string, string][] = [
  ...FILES.map((file): [string, string] => [file, readFileSync(path.join(CORPUS, 'real-world/files', file), 'utf8')]),
  ['synthetic', SYNTHETIC],
  ['synthetic with CRLF', SYNTHETIC.replace(/\n/g, '\r\n')],
];

describe('hover, completion and signature help on any text', () => {
  it.each(sources)('every offset of %s', (_name, text) => {
    const doc = analyze(text);
    for (let offset = 0; offset <= text.length; offset++) checkAt(doc, offset);
  });

  it.each(sources.filter(([name]) => !name.includes('nanoserver')))('every prefix of %s, cursor at its end', (_name, text) => {
    for (let length = 0; length <= text.length; length++) checkAt(analyze(text.slice(0, length)), length);
  });
});
