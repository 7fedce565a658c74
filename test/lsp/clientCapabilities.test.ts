// What the server sends editors other than VS Code, which declare less: each answer holds only what
// the client's capabilities say it understands (LSP 3.17). Clients here declare as little as
// Neovim 0.7, Helix, eglot or Sublime Text do for the feature in question.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, DiagnosticTag, MarkupKind, SignatureHelp } from 'vscode-languageserver-protocol';
import { getInstruction, SIGNALS } from '../../server/src/facts';
import { renderInstruction } from '../../server/src/facts/render';
import { LspTestClient } from './client';

let count = 0;
const started: LspTestClient[] = [];

async function start(capabilities: Parameters<typeof LspTestClient.start>[0]): Promise<LspTestClient> {
  const client = await LspTestClient.start(capabilities);
  started.push(client);
  return client;
}

afterAll(async () => {
  for (const client of started) await client.stop();
});

async function complete(client: LspTestClient, text: string, line: number, character: number): Promise<CompletionItem[]> {
  const uri = `file:///caps/${++count}/Dockerfile`;
  await client.open(uri, text);
  const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } });
  return list.items;
}

describe('completion items fit the client', () => {
  /** Neovim 0.7 to 0.9: no tags, no `deprecated`, every kind. */
  let noTags: LspTestClient;
  /** Helix, eglot: `deprecated`, no list of kinds (so LSP 1's kinds 1 to 18 only). */
  let deprecatedField: LspTestClient;
  /** The least a client can declare. */
  let bare: LspTestClient;

  beforeAll(async () => {
    noTags = await start({ capabilities: { textDocument: { completion: { completionItem: { tagSupport: undefined, deprecatedSupport: false } } } } });
    deprecatedField = await start({
      capabilities: { textDocument: { completion: { completionItem: { tagSupport: undefined, deprecatedSupport: true }, completionItemKind: undefined } } },
    });
    bare = await start({ capabilities: { textDocument: { completion: { completionItem: { tagSupport: undefined }, completionItemKind: undefined } } } });
  });

  it('marks MAINTAINER deprecated only the way the client reads', async () => {
    const maintainer = async (client: LspTestClient) => (await complete(client, 'FROM alpine\nM', 1, 1)).find((item) => item.label === 'MAINTAINER');
    const withoutTags = await maintainer(noTags);
    expect(withoutTags?.tags).toBeUndefined();
    expect(withoutTags?.deprecated).toBeUndefined();
    const withField = await maintainer(deprecatedField);
    expect(withField?.tags).toBeUndefined();
    expect(withField?.deprecated).toBe(true);
    expect((await maintainer(bare))?.tags).toBeUndefined();
  });

  it('gives values the kind Value where the client lists no EnumMember', async () => {
    const kinds = async (client: LspTestClient) => (await complete(client, 'FROM alpine\nSTOPSIGNAL ', 1, 11)).map((item) => [item.label, item.kind]);
    expect(await kinds(noTags)).toEqual(SIGNALS.map((signal) => [signal.name, 20]));
    expect(await kinds(deprecatedField)).toEqual(SIGNALS.map((signal) => [signal.name, 12]));
    expect(await kinds(bare)).toEqual(SIGNALS.map((signal) => [signal.name, 12]));
    // Kinds of LSP 1 are kept.
    expect((await complete(bare, 'FROM alpine\nR', 1, 1)).find((item) => item.label === 'RUN')?.kind).toBe(14);
  });

  it('gives a destination folder the kind File where the client lists no Folder', async () => {
    const kinds = async (client: LspTestClient) => (await complete(client, 'FROM alpine\nWORKDIR /app\nCOPY a ', 2, 7)).map((item) => [item.label, item.kind]);
    expect(await kinds(noTags)).toEqual([['/app/', 19]]);
    expect(await kinds(bare)).toEqual([['/app/', 17]]);
  });
});

describe('documentation formats', () => {
  it("give completion documentation the hover's format where the client lists none for completion (eglot without a Markdown mode)", async () => {
    const resolved = async (hover: MarkupKind[], completion: MarkupKind[] | undefined) => {
      const client = await start({ capabilities: { textDocument: { hover: { contentFormat: hover }, completion: { completionItem: { documentationFormat: completion } } } } });
      const item = (await complete(client, 'FROM alpine\nR', 1, 1)).find((i) => i.label === 'RUN')!;
      return (await client.request<CompletionItem>('completionItem/resolve', item)).documentation;
    };
    expect(await resolved(['plaintext'], undefined)).toEqual({ kind: 'plaintext', value: renderInstruction(getInstruction('RUN')!, 'plaintext') });
    expect(await resolved(['markdown', 'plaintext'], undefined)).toEqual({ kind: 'markdown', value: renderInstruction(getInstruction('RUN')!, 'markdown') });
    // What the client lists for completion wins.
    expect(await resolved(['plaintext'], ['markdown'])).toEqual({ kind: 'markdown', value: renderInstruction(getInstruction('RUN')!, 'markdown') });
  });

  it("follow the client's order of preference: plain text listed before markdown is what it gets", async () => {
    const client = await start({
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['plaintext', 'markdown'] },
          completion: { completionItem: { documentationFormat: ['plaintext', 'markdown'] } },
          signatureHelp: { signatureInformation: { documentationFormat: ['plaintext', 'markdown'] } },
        },
      },
    });
    const uri = `file:///caps/${++count}/Dockerfile`;
    await client.open(uri, 'FROM alpine\nRUN echo\n');
    const hover = await client.request<{ contents: { kind: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
    expect(hover.contents.kind).toBe('plaintext');
    const item = (await complete(client, 'FROM alpine\nR', 1, 1)).find((i) => i.label === 'RUN')!;
    expect(((await client.request<CompletionItem>('completionItem/resolve', item)).documentation as { kind: string }).kind).toBe('plaintext');
    const help = await client.request<{ signatures: { documentation?: { kind: string } }[] }>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 1, character: 4 } });
    expect(help.signatures.map((s) => s.documentation?.kind)).toContain('plaintext');
    expect(help.signatures.map((s) => s.documentation?.kind)).not.toContain('markdown');
  });
});

describe('diagnostics fit the client', () => {
  it('link their documentation (codeDescription) only for clients that declare codeDescriptionSupport', async () => {
    const sent = async (codeDescriptionSupport: boolean | undefined) => {
      const client = await start({ capabilities: { textDocument: { publishDiagnostics: { codeDescriptionSupport } } } });
      const uri = `file:///caps/${++count}/Dockerfile`;
      await client.open(uri, 'FROM alpine:3.20\nMAINTAINER me\n');
      const first = await client.diagnosticsFor(uri, 1);
      // And again after an edit.
      await client.change(uri, [{ text: 'FROM alpine:3.20\nMAINTAINER you\n' }]);
      return [first, await client.diagnosticsFor(uri, 2)].map((list) => list.map((d) => [d.code, d.codeDescription, d.tags]));
    };
    const described = [['MaintainerDeprecated', { href: 'https://docs.docker.com/go/dockerfile/rule/maintainer-deprecated/' }, [2]]];
    expect(await sent(true)).toEqual([described, described]);
    const bare = [['MaintainerDeprecated', undefined, [2]]];
    expect(await sent(undefined)).toEqual([bare, bare]);
    expect(await sent(false)).toEqual([bare, bare]);
  });
});

describe('diagnostic tags fit the client', () => {
  const TEXT = 'FROM alpine:3.20\nMAINTAINER me\nCMD ["a"]\nCMD ["b"]\n';

  async function tagsSent(tagSupport: { valueSet: DiagnosticTag[] } | undefined): Promise<[string, number[] | undefined][]> {
    const client = await start({ capabilities: { textDocument: { publishDiagnostics: { tagSupport } } } });
    const uri = `file:///caps/${++count}/Dockerfile`;
    await client.open(uri, TEXT);
    return (await client.diagnosticsFor(uri, 1)).map((d) => [String(d.code), d.tags as number[] | undefined]);
  }

  it('sends deprecated and unnecessary to clients that list both', async () => {
    expect(await tagsSent({ valueSet: [1, 2] })).toEqual([
      ['MaintainerDeprecated', [2]],
      ['MultipleInstructionsDisallowed', [1]],
    ]);
  });

  it('sends only the tags the client lists, and none to a client without tagSupport', async () => {
    expect(await tagsSent({ valueSet: [1] })).toEqual([
      ['MaintainerDeprecated', undefined],
      ['MultipleInstructionsDisallowed', [1]],
    ]);
    expect(await tagsSent(undefined)).toEqual([
      ['MaintainerDeprecated', undefined],
      ['MultipleInstructionsDisallowed', undefined],
    ]);
  });
});

describe('signature help fits the client', () => {
  it('names the active parameter only on the SignatureHelp for a client without activeParameterSupport (LSP 3.16)', async () => {
    const client = await start({ capabilities: { textDocument: { signatureHelp: { signatureInformation: { activeParameterSupport: undefined } } } } });
    const uri = `file:///caps/${++count}/Dockerfile`;
    await client.open(uri, 'FROM alpine\nRUN --mount=type=cache,target=/x make\n');
    const help = await client.request<SignatureHelp>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 1, character: 23 } });
    expect([help.activeSignature, help.activeParameter]).toEqual([0, 1]);
    expect(help.signatures.map((signature) => signature.label)).toEqual([
      'RUN --mount=type=cache,target=<path>,id=<id>,readonly[=<boolean>],sharing=<shared|private|locked>,from=<stage|image|context>,source=<path>,mode=<octal>,uid=<number>,gid=<number>',
    ]);
    expect(help.signatures.map((signature) => 'activeParameter' in signature)).toEqual([false]);
  });
});

describe('malformed capabilities', () => {
  it('count as not declared: initialize and the requests that read them still answer', async () => {
    const notAList = 5 as never;
    const client = await start({
      capabilities: {
        general: { positionEncodings: notAList },
        textDocument: {
          hover: { contentFormat: notAList },
          completion: { completionItem: { documentationFormat: notAList, tagSupport: { valueSet: notAList } }, completionItemKind: { valueSet: notAList } },
          signatureHelp: { signatureInformation: { documentationFormat: notAList } },
          publishDiagnostics: { tagSupport: { valueSet: notAList } },
          foldingRange: { foldingRangeKind: { valueSet: notAList } },
        },
      },
    });
    expect(client.initializeResult.capabilities.positionEncoding).toBe('utf-16');
    const uri = `file:///caps/${++count}/Dockerfile`;
    await client.open(uri, 'FROM alpine:3.20\nMAINTAINER me\nSTOPSIGNAL SIGTERM\n');
    expect((await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.tags])).toEqual([['MaintainerDeprecated', undefined]]);
    const hover = await client.request<{ contents: { kind: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    expect(hover.contents.kind).toBe('markdown');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 11 }, context: { triggerKind: 1 } });
    expect(list.items.find((item) => item.label === 'SIGTERM')?.kind).toBe(12);
    const help = await client.request<SignatureHelp>('textDocument/signatureHelp', { textDocument: { uri }, position: { line: 2, character: 11 } });
    expect(help.signatures.map((signature) => signature.label)).toEqual(['STOPSIGNAL <signal>']);
    expect(await client.request('textDocument/foldingRange', { textDocument: { uri } })).toEqual([{ startLine: 0, endLine: 2, startCharacter: 16, endCharacter: 18, kind: 'region' }]);
  });
});
