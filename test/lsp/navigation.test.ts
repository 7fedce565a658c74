import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentHighlight, Location } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { cursorOf, parseFixture, positionAt } from './fixture';

// Fixtures: `$0` is the cursor, `$[ ... $]` the exact ranges expected, in document order.

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

async function openFixture(source: string) {
  const fixture = parseFixture(source);
  const uri = `file:///navigation/${++count}/Dockerfile`;
  await client.open(uri, fixture.text);
  return { fixture, uri, position: cursorOf(fixture) };
}

async function checkDefinition(source: string): Promise<void> {
  const { fixture, uri, position } = await openFixture(source);
  const result = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri }, position });
  expect(result).toEqual(fixture.ranges.length ? fixture.ranges.map((range) => ({ uri, range })) : null);
}

async function checkReferences(source: string, includeDeclaration = true): Promise<void> {
  const { fixture, uri, position } = await openFixture(source);
  const result = await client.request<Location[] | null>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration } });
  expect(result).toEqual(fixture.ranges.length ? fixture.ranges.map((range) => ({ uri, range })) : null);
}

/** `kinds` gives W (write) or R (read) for each expected range, in order. */
async function checkHighlights(source: string, kinds: string): Promise<void> {
  const { fixture, uri, position } = await openFixture(source);
  const result = await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', { textDocument: { uri }, position });
  const expected = fixture.ranges.map((range, i) => ({ range, kind: kinds[i] === 'W' ? 3 : 2 }));
  expect(result).toEqual(expected.length ? expected : null);
}

describe('navigation over LSP', () => {
  it('advertises definition, references, highlight, rename with prepare and linked editing', () => {
    const caps = client.initializeResult.capabilities;
    expect([caps.definitionProvider, caps.referencesProvider, caps.documentHighlightProvider, caps.renameProvider, caps.linkedEditingRangeProvider]).toEqual([
      true,
      true,
      true,
      { prepareProvider: true },
      true,
    ]);
  });

  describe('variables', () => {
    it('a global ARG used in FROM', async () => {
      await checkDefinition('ARG $[NODE_VERSION$]=20\nFROM node:${NODE_VER$0SION}\n');
    });

    it('each name of a multi-name ARG', async () => {
      await checkDefinition('FROM alpine\nARG a=1 $[b$]=2\nRUN echo $a $b$0\n');
    });

    it('a global ARG and its re-declarations in stages are one variable', async () => {
      await checkReferences(
        'ARG $[TAG$]=3.20\nFROM alpine:$$[TAG$]\nARG $[TAG$]\nRUN echo $$[T$0AG$]\nFROM alpine\nARG $[TAG$]\nLABEL tag=$$[TAG$]\n',
      );
    });

    it('goes from a use to the stage ARG, and from that ARG to the global one it takes its value from', async () => {
      await checkDefinition('ARG TAG=3.20\nFROM alpine\nARG $[TAG$]\nRUN echo $TAG$0\n');
      await checkDefinition('ARG $[TAG$]=3.20\nFROM alpine\nARG TA$0G\n');
    });

    it('a global ARG is not visible in a stage that does not declare it again', async () => {
      await checkDefinition('ARG G=1\nFROM alpine\nRUN echo $G$0\n');
      await checkReferences('ARG G=1\nFROM alpine:$G\nRUN echo $$[G$0$] $$[G$]\n');
    });

    it('a use in a stage built FROM another goes to that stage\'s ONBUILD ENV', async () => {
      await checkDefinition('FROM alpine AS base\nONBUILD ENV $[APP$]=/srv/app\nFROM base\nWORKDIR $AP$0P\n');
      await checkReferences('FROM alpine AS base\nONBUILD ENV $[A$0PP$]=/srv/app\nRUN echo $APP\nFROM base\nWORKDIR $$[APP$]\n');
    });

    it('a use in a later ONBUILD trigger goes to the earlier ONBUILD ARG or ENV of the same stage', async () => {
      await checkDefinition('FROM alpine AS base\nONBUILD ARG $[V$]=1\nONBUILD ENV W=${V$0}/x\n');
      await checkDefinition('FROM alpine AS base\nONBUILD ARG V=1\nONBUILD ENV $[W$]=${V}/x\nONBUILD RUN echo $V $W$0\n');
      await checkReferences('FROM alpine AS base\nONBUILD ARG $[V$0$]=1\nONBUILD ENV W=${$[V$]}/x\nONBUILD RUN echo $$[V$] $W\nFROM base\nRUN echo $$[V$]\n');
      // A container (ONBUILD CMD) sees the ENV, not the ARG.
      await checkHighlights('FROM alpine AS base\nONBUILD ARG V=1\nONBUILD ENV $[W$]=${V}/x\nONBUILD CMD echo $V $$[W$0$]\n', 'WR');
    });

    it('ENV shadows an ARG of the same name from the next instruction on', async () => {
      await checkDefinition('FROM alpine\nARG V=1\nENV $[V$]=2\nRUN echo $V$0\n');
      await checkHighlights('FROM alpine\nARG $[V$0$]=1\nENV V=${$[V$]}-x\nRUN echo $V\n', 'WR');
    });

    it('includes or leaves out the declaration as asked', async () => {
      await checkReferences('FROM alpine\nENV HOME_DIR=/srv\nWORKDIR $$[HOME_DIR$]\nRUN ls $$[HOME$0_DIR$]\n', false);
    });

    it('uses outside the build (CMD, ENTRYPOINT, HEALTHCHECK, ONBUILD) do not refer to an ARG', async () => {
      const text = [
        'FROM alpine',
        'ARG $[PO$0RT$]=8080',
        'RUN echo $$[PORT$]',
        'CMD serve --port $PORT',
        'ENTRYPOINT ["sh", "-c", "serve $PORT"]',
        'HEALTHCHECK CMD wget -q localhost:$PORT',
        'ONBUILD RUN echo $PORT',
      ].join('\n');
      await checkReferences(text);
      // From one of them: not the ARG; the others the container expands, as one undeclared name.
      await checkDefinition(text.replace('$0', '').replace(/\$\[|\$\]/g, '').replace('--port $PORT', '--port $PO$0RT'));
      await checkReferences(
        ['FROM alpine', 'ARG PORT=8080', 'CMD serve --port $$[PO$0RT$]', 'HEALTHCHECK CMD wget -q localhost:$$[PORT$]', 'RUN echo $PORT'].join('\n'),
      );
    });

    it('an ENV is what the container and later builds see', async () => {
      await checkReferences('FROM alpine\nARG PORT=1\nENV $[PO$0RT$]=$PORT\nCMD serve $$[PORT$]\nONBUILD RUN echo $$[PORT$]\n');
    });

    it('nothing on exec-form text no shell reads', async () => {
      await checkDefinition('FROM alpine\nENV A=1\nCMD ["echo", "$A$0"]\n');
      await checkReferences('FROM alpine\nENV $[A$0$]=1\nCMD ["echo", "$A"]\nCMD ["sh", "-c", "echo $$[A$]"]\n');
    });

    it('a use inside a substitution default', async () => {
      await checkDefinition('FROM alpine\nARG $[FALLBACK$]=x\nARG V\nRUN echo ${V:-$FALLB$0ACK}\n');
    });
  });

  describe('stages', () => {
    it('from COPY --from to the AS name, also with other flags before it', async () => {
      await checkDefinition('FROM golang AS $[build$]\nFROM alpine\nCOPY --chmod=755 --from=bu$0ild /out /bin/app\n');
    });

    it('every reference, case-insensitively where BuildKit is, and by index', async () => {
      await checkReferences(
        [
          'FROM golang AS $[Build$0$]',
          'FROM $[build$] AS test',
          'FROM Build',
          'COPY --from=$[BUILD$] /a /b',
          'RUN --mount=type=cache,from=$[build$],target=/cache true',
          'COPY --from=$[0$] /c /d',
          '',
        ].join('\n'),
      );
    });

    it('a --mount from= naming a stage further down is one of its references (BuildKit resolves the name, then fails as the stage is not built yet)', async () => {
      await checkReferences('FROM alpine AS a\nRUN --mount=from=$[la$0ter$],target=/t true\nFROM alpine AS $[later$]\n');
      await checkReferences('FROM alpine AS a\nCOPY --from=$[la$0ter$] /x /y\nFROM alpine AS $[later$]\n');
    });

    it('a FROM naming a stage through a global ARG leads to it', async () => {
      await checkDefinition('ARG V=prod\nFROM alpine AS $[base-prod$]\nFROM ba$0se-${V}\n');
      // The variable in it leads to its ARG.
      await checkDefinition('ARG $[V$]=prod\nFROM alpine AS base-prod\nFROM base-${V$0}\n');
    });

    it('a reference by index leads to the unnamed stage FROM', async () => {
      await checkDefinition('$[FROM alpine$]\nFROM scratch\nCOPY --from=0$0 /etc/os-release /\n');
    });

    it('highlights the name as a write and references as reads', async () => {
      await checkHighlights('FROM golang AS $[deps$]\nFROM alpine\nCOPY --from=$[de$0ps$] /a /b\n', 'WR');
    });

    it('a --from naming a stage further down leads to it (BuildKit resolves the name, then fails as the stage is not built yet)', async () => {
      await checkDefinition('FROM alpine AS a\nCOPY --from=la$0ter /x /y\nFROM alpine AS $[later$]\n');
      await checkDefinition('FROM alpine AS a\nRUN --mount=from=la$0ter,target=/t true\nFROM alpine AS $[later$]\n');
      await checkDefinition('FROM alpine AS a\nCOPY --from=1$0 /x /y\n$[FROM scratch$]\n');
    });

    it('an image in COPY --from is not a stage', async () => {
      await checkDefinition('FROM alpine\nCOPY --from=nginx$0:latest /etc/nginx /etc/nginx\n');
    });

    it('an ONBUILD trigger names a stage for a stage of this file built FROM its stage, which runs it; otherwise nothing here', async () => {
      const file = (cursorInTrigger: boolean) =>
        `FROM alpine AS $[to${cursorInTrigger ? '' : '$0'}ols$]\nFROM alpine AS base\nONBUILD COPY --from=$[to${cursorInTrigger ? '$0' : ''}ols$] /x /y\nFROM base\n`;
      await checkDefinition('FROM alpine AS $[tools$]\nFROM alpine AS base\nONBUILD COPY --from=to$0ols /x /y\nFROM base\n');
      await checkReferences(file(false));
      await checkReferences(file(true));
      await checkDefinition('FROM alpine AS tools\nFROM alpine AS base\nONBUILD RUN --mount=from=to$0ols,target=/t true\n');
    });
  });

  describe('heredocs', () => {
    it('from the terminator to the marker', async () => {
      await checkDefinition('FROM alpine\nRUN <<$[EOF$]\necho hi\nEO$0F\n');
    });

    it('highlights a quoted marker inside its quotes and a tab-indented terminator', async () => {
      await checkHighlights('FROM alpine\nRUN <<-"$[E$0OF$]" cat\n\techo hi\n\t$[EOF$]\n', 'WR');
    });

    it('keeps two heredocs of one instruction apart', async () => {
      await checkReferences('FROM alpine\nCOPY <<ONE <<$[TW$0O$] /dst/\n1\nONE\n2\n$[TWO$]\n');
    });
  });

  describe('linked editing of heredoc delimiters', () => {
    async function checkLinked(source: string, wordPattern?: string): Promise<void> {
      const { fixture, uri, position } = await openFixture(source);
      const result = await client.request<{ ranges: unknown[]; wordPattern?: string } | null>('textDocument/linkedEditingRange', { textDocument: { uri }, position });
      expect(result).toEqual(fixture.ranges.length ? { ranges: fixture.ranges, wordPattern } : null);
    }
    const PLAIN = String.raw`[^\s"'\\<>|&;()$\x60-][^\s"'\\<>|&;()$\x60]*`;

    it('links the marker and the terminator, from either', async () => {
      await checkLinked('FROM alpine\nRUN <<$[EO$0F$] sh\necho hi\n$[EOF$]\n', PLAIN);
      await checkLinked('FROM alpine\nRUN <<$[EOF$] sh\necho hi\n$[EOF$0$]\n', PLAIN);
    });

    it('keeps the link only while the marker stays one plain word that `<<` does not read as `<<-`', async () => {
      const { uri, position } = await openFixture('FROM alpine\nRUN <<EO$0F sh\necho hi\nEOF\n');
      const result = await client.request<{ wordPattern: string }>('textDocument/linkedEditingRange', { textDocument: { uri }, position });
      // VS Code keeps the link while the whole edited word matches the pattern.
      const whole = (word: string) => new RegExp(result.wordPattern).exec(word)?.[0] === word;
      expect(['EOF2', 'E-O.F', 'end_of_file'].map(whole)).toEqual([true, true, true]);
      // A dash typed first turns `<<EOF` into `<<-EOF`, whose terminator is EOF, not -EOF.
      expect(['-EOF', 'E OF', 'E"OF', 'E$OF', 'EOF;'].map(whole)).toEqual([false, false, false, false, false]);
    });

    it('links inside the quotes of a quoted marker, with a tab-stripped terminator', async () => {
      await checkLinked('FROM alpine\nRUN <<-"$[E$0OF$]" cat\n\techo hi\n\t$[EOF$]\n', String.raw`[^"\\\n]+`);
      await checkLinked("FROM alpine\nCOPY <<'$[co$0nf$]' /etc/app.conf\nkey=$v\n$[conf$]\n", String.raw`[^'\n]+`);
    });

    it('links only the heredoc under the cursor', async () => {
      await checkLinked('FROM alpine\nCOPY <<ONE <<$[TW$0O$] /dst/\n1\nONE\n2\n$[TWO$]\n', PLAIN);
    });

    it('nothing where the two are written differently, the heredoc is unterminated, or off a delimiter', async () => {
      await checkLinked('FROM alpine\nRUN <<E"O$0"F cat\nx\nEOF\n');
      await checkLinked('FROM alpine\nRUN <<EO$0F cat\nx\n');
      await checkLinked('FROM alpine\nRUN <<EOF ca$0t\nx\nEOF\n');
    });
  });

  it('nothing on keywords, images and plain words', async () => {
    await checkDefinition('FR$0OM alpine\n');
    await checkReferences('FROM alp$0ine AS base\n');
    await checkHighlights('FROM alpine\nRUN echo he$0llo\n', '');
  });

  it('converts positions for a UTF-8 client', async () => {
    const utf8 = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    try {
      const uri = 'file:///navigation/utf8/Dockerfile';
      await utf8.open(uri, 'FROM alpine\nARG ÄÖ_OK=1 V=2\nLABEL d="ünï $V"\n');
      // `V` on line 2 is character 14 in UTF-16 and 16 in UTF-8; its declaration is at 12 and 14.
      const result = await utf8.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 16 } });
      expect(result).toEqual([{ uri, range: { start: { line: 1, character: 14 }, end: { line: 1, character: 15 } } }]);
    } finally {
      await utf8.stop();
    }
  });

  it('answers every position of half-typed text without an error', async () => {
    const text = 'ARG A=${\nFROM a AS\nFROM ${A:-\nCOPY --from= /x\nRUN --mount=from=,target= <<"EO\nRUN <<EOF\n$A\nARG b=1 c\n';
    const uri = `file:///navigation/${++count}/Dockerfile`;
    await client.open(uri, text);
    const failures: string[] = [];
    for (let offset = 0; offset <= text.length; offset++) {
      const position = positionAt(text, offset);
      for (const method of ['textDocument/definition', 'textDocument/references', 'textDocument/documentHighlight', 'textDocument/prepareRename']) {
        const params = { textDocument: { uri }, position, context: { includeDeclaration: true } };
        await client.request(method, params).catch((error: Error) => {
          if (method !== 'textDocument/prepareRename' || !/not declared|no name|by its index/.test(error.message)) failures.push(`${method} at ${offset}: ${error.message}`);
        });
      }
    }
    expect(failures).toEqual([]);
  });
});
