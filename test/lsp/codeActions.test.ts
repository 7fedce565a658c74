import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './client';
import { range } from './fixture';

async function actions(client: LspTestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostics[0]?.range ?? range(0, 0, 0, 0),
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

function apply(text: string, action: CodeAction): string {
  const edits = (action.edit?.documentChanges as TextDocumentEdit[]).flatMap((change) => change.edits as TextEdit[]);
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

describe('textDocument/codeAction over LSP', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('advertises quick fixes and answers with versioned edits that remove the diagnostic', async () => {
    client = await LspTestClient.start();
    expect(client.initializeResult.capabilities.codeActionProvider).toEqual({ codeActionKinds: ['quickfix', 'refactor.rewrite', 'source.fixAll'] });
    const uri = 'file:///actions/Dockerfile';
    const text = 'FROM alpine:3 as build\nCMD echo hi\n';
    await client.open(uri, text, 3);
    const diagnostics = await client.diagnosticsFor(uri, 3);
    const fromAs = diagnostics.filter((d) => d.code === 'FromAsCasing');
    const offered = await actions(client, uri, fromAs);
    expect(offered).toEqual([
      {
        title: "Write 'AS'",
        kind: 'quickfix',
        diagnostics: fromAs,
        isPreferred: true,
        edit: { documentChanges: [{ textDocument: { uri, version: 3 }, edits: [{ range: range(0, 14, 0, 16), newText: 'AS' }] }] },
      },
      {
        title: 'Skip FromAsCasing for this instruction',
        kind: 'quickfix',
        diagnostics: fromAs,
        edit: { documentChanges: [{ textDocument: { uri, version: 3 }, edits: [{ range: range(0, 0, 0, 0), newText: '\n# check=skip=FromAsCasing\n' }] }] },
      },
      {
        title: 'Skip FromAsCasing in this file',
        kind: 'quickfix',
        diagnostics: fromAs,
        edit: { documentChanges: [{ textDocument: { uri, version: 3 }, edits: [{ range: range(0, 0, 0, 0), newText: '# check=skip=FromAsCasing\n' }] }] },
      },
    ]);
    // Apply the fix as the editor would, and the server no longer reports it.
    const fixed = apply(text, offered[0]);
    const version = await client.change(uri, [{ text: fixed }]);
    expect((await client.diagnosticsFor(uri, version)).map((d) => d.code)).toEqual(['JSONArgsRecommended']);
  });

  it('offers to rewrite the RUN at the cursor as a heredoc script, with a versioned edit the server then reads without errors', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/refactor/Dockerfile';
    const text = 'FROM alpine:3\nRUN apk add --no-cache curl && \\\n    curl -fsSL https://example.com/i.sh | sh\n';
    await client.open(uri, text, 2);
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(2, 10, 2, 10), context: { diagnostics: [] } });
    expect(offered).toEqual([
      {
        title: 'Rewrite as a heredoc script (RUN <<EOF)',
        kind: 'refactor.rewrite',
        edit: {
          documentChanges: [
            { textDocument: { uri, version: 2 }, edits: [{ range: range(1, 3, 2, 44), newText: ' <<EOF\nset -e\napk add --no-cache curl\ncurl -fsSL https://example.com/i.sh | sh\nEOF' }] },
          ],
        },
      },
    ]);
    const rewritten = apply(text, offered[0]);
    expect(rewritten).toBe('FROM alpine:3\nRUN <<EOF\nset -e\napk add --no-cache curl\ncurl -fsSL https://example.com/i.sh | sh\nEOF\n');
    const version = await client.change(uri, [{ text: rewritten }]);
    expect((await client.diagnosticsFor(uri, version)).filter((d) => d.severity === 1)).toEqual([]);
    // Not on the FROM, and not when only quick fixes are asked for.
    expect(await client.request('textDocument/codeAction', { textDocument: { uri }, range: range(0, 2, 0, 2), context: { diagnostics: [] } })).toEqual([]);
    expect(await client.request('textDocument/codeAction', { textDocument: { uri }, range: range(1, 2, 1, 2), context: { diagnostics: [], only: ['quickfix'] } })).toEqual([]);
  });

  it('fixes text pasted from a web page: a dashed flag, a no-break space and an en dash, each fix leaving the server without that diagnostic', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/pasted/Dockerfile';
    let text = 'FROM debian:12 AS build\nFROM debian:12\nCOPY \u2013from=build /out /out\nRUN apt-get\u00a0update && apt-get install \u2013y curl\n';
    let version = 1;
    await client.open(uri, text, version);
    const pasted = ['unicode-dash-flag', 'SC1018', 'SC1100'];
    let diagnostics = (await client.diagnosticsFor(uri, version)).filter((d) => pasted.includes(String(d.code)));
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['unicode-dash-flag', range(2, 5, 2, 16)],
      ['SC1018', range(3, 11, 3, 12)],
      ['SC1100', range(3, 38, 3, 39)],
    ]);
    // Each preferred fix in turn, as the editor applies it, and the server reads the new version.
    for (const code of pasted) {
      const diagnostic = diagnostics.find((d) => d.code === code)!;
      const preferred = (await actions(client, uri, [diagnostic])).find((a) => a.isPreferred)!;
      text = apply(text, preferred);
      version = await client.change(uri, [{ text }]);
      diagnostics = (await client.diagnosticsFor(uri, version)).filter((d) => pasted.includes(String(d.code)));
      expect(diagnostics.map((d) => d.code)).not.toContain(code);
    }
    expect(text).toBe('FROM debian:12 AS build\nFROM debian:12\nCOPY --from=build /out /out\nRUN apt-get update && apt-get install -y curl\n');
  });

  it('answers for several diagnostics at once, and nothing for other kinds or other sources', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/many/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nENV A b\nEXPOSE 80/TCP\n', 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect((await actions(client, uri, diagnostics)).map((a) => a.title)).toEqual([
      'Write A=b',
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
      "Write 'tcp'",
      'Skip ExposeProtoCasing for this instruction',
      'Skip ExposeProtoCasing in this file',
    ]);
    expect(await actions(client, uri, diagnostics, ['refactor'])).toEqual([]);
    expect(await actions(client, uri, diagnostics.map((d) => ({ ...d, source: 'other-linter' })))).toEqual([]);
  });

  it('offers an action once when several diagnostics sent together get the same one, naming them all (found by the code action audit)', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/same/Dockerfile';
    const text = 'FROM alpine:3\nCOPY $A $B /x/\nRUN pip install a && pip install b\n';
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([
      ['UndefinedVar', range(1, 5, 1, 7)],
      ['UndefinedVar', range(1, 8, 1, 10)],
      ['DL3042', range(2, 4, 2, 15)],
      ['DL3042', range(2, 21, 2, 32)],
    ]);
    // A selection over the whole file, as when the user selects all and asks for quick fixes.
    const offered = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 3, 0), context: { diagnostics } });
    expect(offered.map((a) => [a.title, a.diagnostics?.length])).toEqual([
      ['Skip UndefinedVar for this instruction', 2],
      ['Skip UndefinedVar in this file', 2],
      ["Add '--no-cache-dir'", 1],
      ['Ignore DL3042 for this instruction', 2],
      ["Add '--no-cache-dir'", 1],
    ]);
    expect(apply(text, offered[0])).toBe('FROM alpine:3\n# check=skip=UndefinedVar\nCOPY $A $B /x/\nRUN pip install a && pip install b\n');
  });

  it('offers nothing for a diagnostic of an older version that the current one does not report (found by fuzzing)', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/stale/Dockerfile';
    await client.open(uri, 'FROM alpine:3 AS build\nCOPY --form=build /a /b\n', 1);
    const old = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'unknown-flag');
    expect(old).toHaveLength(1);
    // A line typed above: the editor may still send the diagnostic where it was (its "Change to --from" would write into the new line).
    await client.change(uri, [{ range: range(1, 0, 1, 0), text: 'RUN echo hi\n' }]);
    expect(await actions(client, uri, old)).toEqual([]);
    // The problem where it is now still gets its fix.
    const { start, end } = old[0].range;
    const moved = [{ ...old[0], range: range(start.line + 1, start.character, end.line + 1, end.character) }];
    expect((await actions(client, uri, moved)).map((a) => a.title)).toContain('Change to --from');
  });

  it('matches by code and range, so a client that rewrites the message still gets the fix; a stale one still gets none', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/rewritten/Dockerfile';
    await client.open(uri, 'FROM alpine:3 AS build\nCOPY --form=build /a /b\n', 1);
    const [sent] = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'unknown-flag');
    expect(sent.range).toEqual(range(1, 5, 1, 17));
    // As a Neovim setup that prefixes the source shows it, and as a client that cuts long messages sends it.
    const prefixed = { ...sent, message: `dockerfile-lsp: ${sent.message} [unknown-flag]` };
    const cut = { ...sent, message: (sent.message as string).slice(0, 20) };
    for (const rewritten of [prefixed, cut]) {
      const offered = await actions(client, uri, [rewritten]);
      expect(offered.map((a) => a.title)).toEqual(['Change to --from', 'Remove --form']);
      // The action names the diagnostic as the client sent it.
      expect(offered[0].diagnostics).toEqual([rewritten]);
      expect(apply('FROM alpine:3 AS build\nCOPY --form=build /a /b\n', offered[0])).toBe('FROM alpine:3 AS build\nCOPY --from=build /a /b\n');
    }
    // A line typed above: the rewritten diagnostic of the older version gets nothing.
    await client.change(uri, [{ range: range(1, 0, 1, 0), text: 'RUN echo hi\n' }]);
    expect(await actions(client, uri, [prefixed])).toEqual([]);
    expect(await actions(client, uri, [cut])).toEqual([]);
  });

  it('reads the diagnostics a UTF-8 client sends in UTF-8', async () => {
    client = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    const uri = 'file:///actions/utf8/Dockerfile';
    // "é" is two bytes: the legacy ENV pair starts at byte 6 of line 2, unit 5.
    const text = 'FROM alpine:3\nLABEL é=1\nENV é b\n';
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnosticsFor(uri, 1);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([['LegacyKeyValueFormat', range(2, 4, 2, 8)]]);
    const [fix] = await actions(client, uri, diagnostics);
    expect(fix.title).toBe('Write é=b');
    expect((fix.edit?.documentChanges as TextDocumentEdit[])[0].edits).toEqual([{ range: range(2, 4, 2, 8), newText: 'é=b' }]);
  });

  it('Fix All applies every fix that only rewrites how the file is written, in one versioned edit, when asked for by kind', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/fix-all/Dockerfile';
    const text = [
      'from alpine:3 AS build',
      'ENV A b',
      'EXPOSE 80/TCP',
      'RUN echo a \\',
      '',
      '  && echo b',
      'FROM --platform=$TARGETPLATFORM alpine:3 as final',
      'COPY --from=build /a /b',
      'CMD echo hi',
      '',
    ].join('\n');
    await client.open(uri, text, 4);
    expect((await client.diagnosticsFor(uri, 4)).map((d) => d.code)).toEqual([
      'ConsistentInstructionCasing',
      'FromAsCasing',
      'LegacyKeyValueFormat',
      'ExposeProtoCasing',
      'NoEmptyContinuation',
      'RedundantTargetPlatform',
      'FromAsCasing',
      'JSONArgsRecommended',
    ]);
    const fixAll = {
      title: 'Fix all auto-fixable Dockerfile problems',
      kind: 'source.fixAll.dockerfile',
      edit: {
        documentChanges: [
          {
            textDocument: { uri, version: 4 },
            edits: [
              { range: range(0, 0, 0, 4), newText: 'FROM' },
              { range: range(1, 4, 1, 7), newText: 'A=b' },
              { range: range(2, 10, 2, 13), newText: 'tcp' },
              { range: range(4, 0, 5, 0), newText: '' },
              { range: range(6, 5, 6, 32), newText: '' },
              { range: range(6, 41, 6, 43), newText: 'AS' },
            ],
          },
        ],
      },
    };
    // FromAsCasing's own fix of line 1 would write `as` to match `from`; recasing FROM keeps `AS`
    // right, which the second pass sees. A lightbulb request names no kind and gets only the quick fixes of what it sends; a source
    // menu (`source`) and editor.codeActionsOnSave (`source.fixAll`) get Fix All.
    expect(await actions(client, uri, [])).toEqual([]);
    expect(await actions(client, uri, [], ['quickfix'])).toEqual([]);
    expect(await actions(client, uri, [], ['source'])).toEqual([fixAll]);
    expect(await actions(client, uri, [], ['source.fixAll'])).toEqual([fixAll]);
    const fixed = apply(text, fixAll as CodeAction);
    expect(fixed).toBe(
      ['FROM alpine:3 AS build', 'ENV A=b', 'EXPOSE 80/tcp', 'RUN echo a \\', '  && echo b', 'FROM alpine:3 AS final', 'COPY --from=build /a /b', 'CMD echo hi', ''].join('\n'),
    );
    const version = await client.change(uri, [{ text: fixed }]);
    // JSONArgsRecommended's fix changes what runs (no shell), so Fix All leaves it to the user.
    expect((await client.diagnosticsFor(uri, version)).map((d) => d.code)).toEqual(['JSONArgsRecommended']);
    expect(await actions(client, uri, [], ['source.fixAll'])).toEqual([]);
  });

  it('Fix All fixes only what the diagnostics report: a check the file skips or the settings turn off is left as written', async () => {
    client = await LspTestClient.start({ settings: { 'dockerfile-lsp': { diagnostics: { rules: { ExposeProtoCasing: 'off' } } } } });
    const uri = 'file:///actions/fix-all-skipped/Dockerfile';
    await client.open(uri, '# check=skip=LegacyKeyValueFormat\nFROM alpine:3\nENV A b\nEXPOSE 80/TCP\nRUN true \\\n\n  && true\n', 1);
    expect((await client.diagnosticsFor(uri, 1)).map((d) => d.code)).toEqual(['NoEmptyContinuation']);
    const [fixAll] = await actions(client, uri, [], ['source.fixAll']);
    expect((fixAll.edit?.documentChanges as TextDocumentEdit[])[0].edits).toEqual([{ range: range(5, 0, 6, 0), newText: '' }]);
  });

  it("Fix All asked for right after didOpen, before the editor has answered for the document's settings, still follows them", async () => {
    // editor.codeActionsOnSave may ask as soon as a file is opened and saved: the edit is written into the file unseen.
    client = await LspTestClient.start({ settings: { 'dockerfile-lsp': { diagnostics: { rules: { ExposeProtoCasing: 'off', ConsistentInstructionCasing: 'off' } } } } });
    const uri = 'file:///actions/fix-all-early/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nexpose 80/TCP\nENV A b\n', 1);
    const [fixAll] = await actions(client, uri, [], ['source.fixAll']);
    expect((fixAll.edit?.documentChanges as TextDocumentEdit[])[0].edits).toEqual([{ range: range(2, 4, 2, 7), newText: 'A=b' }]);
  });

  it('fixes an ONBUILD ENV in the legacy form on its ONBUILD line from the warning at the FROM that runs it, and Fix All leaves it', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/onbuild-legacy/Dockerfile';
    const text = ['FROM alpine:3 AS base', 'ENV A b', 'ONBUILD ENV GREETING hello "big world"', 'FROM base AS one', 'FROM base', 'COPY --from=one /a /b', ''].join('\n');
    await client.open(uri, text, 2);
    const diagnostics = (await client.diagnosticsFor(uri, 2)).filter((d) => d.code === 'LegacyKeyValueFormat');
    expect(diagnostics.map((d) => d.range)).toEqual([range(1, 4, 1, 7), range(3, 5, 3, 9), range(4, 5, 4, 9)]);
    const edit = { documentChanges: [{ textDocument: { uri, version: 2 }, edits: [{ range: range(2, 12, 2, 38), newText: 'GREETING=hello\\ "big world"' }] }] };
    const offered = await actions(client, uri, [diagnostics[2]]);
    expect(offered[0]).toEqual({ title: 'Write GREETING=hello\\ "big world" in the ONBUILD on line 3', kind: 'quickfix', diagnostics: [diagnostics[2]], edit });
    expect(offered.map((a) => a.title).slice(1)).toEqual(['Skip LegacyKeyValueFormat for this instruction', 'Skip LegacyKeyValueFormat in this file']);
    // From the other stage that runs the trigger: the same edit.
    expect((await actions(client, uri, [diagnostics[1]]))[0].edit).toEqual(edit);
    // Not preferred, so Fix All, which the editor may run on save unseen, fixes only the ENV of the stage.
    const [fixAll] = await actions(client, uri, [], ['source.fixAll']);
    expect((fixAll.edit?.documentChanges as TextDocumentEdit[])[0].edits).toEqual([{ range: range(1, 4, 1, 7), newText: 'A=b' }]);
    const fixed = apply(text, offered[0]);
    expect(fixed.split('\n')[2]).toBe('ONBUILD ENV GREETING=hello\\ "big world"');
    const version = await client.change(uri, [{ text: fixed }]);
    expect((await client.diagnosticsFor(uri, version)).filter((d) => d.code === 'LegacyKeyValueFormat').map((d) => d.range)).toEqual([range(1, 4, 1, 7)]);
  });

  it('fixes a misspelt name in an ONBUILD trigger on its line from the warning at the FROM that runs it', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///actions/onbuild-undefined/Dockerfile';
    await client.open(uri, ['FROM alpine:3 AS base', 'ARG VERSION=1', 'ONBUILD LABEL v=$VERSON', 'FROM base', ''].join('\n'), 1);
    const diagnostics = (await client.diagnosticsFor(uri, 1)).filter((d) => d.code === 'UndefinedVar');
    expect(diagnostics.map((d) => d.range)).toEqual([range(3, 5, 3, 9)]);
    const [fix] = await actions(client, uri, diagnostics);
    expect(fix).toEqual({
      title: "Change to '$VERSION' in the ONBUILD on line 3",
      kind: 'quickfix',
      diagnostics,
      isPreferred: true,
      edit: { documentChanges: [{ textDocument: { uri, version: 1 }, edits: [{ range: range(2, 17, 2, 23), newText: 'VERSION' }] }] },
    });
  });

  it('uses plain changes for clients without documentChanges, and is not offered without CodeAction literals', async () => {
    client = await LspTestClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: false } } } });
    const uri = 'file:///actions/plain/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nENV A b\n', 1);
    const [fix] = await actions(client, uri, await client.diagnosticsFor(uri, 1));
    expect(fix.edit).toEqual({ changes: { [uri]: [{ range: range(1, 4, 1, 7), newText: 'A=b' }] } });
    await client.stop();

    client = await LspTestClient.start({ capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: undefined } } } });
    expect(client.initializeResult.capabilities.codeActionProvider).toBeUndefined();
  });
});
