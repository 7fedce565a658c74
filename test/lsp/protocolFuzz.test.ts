// Requests with malformed parameters: every request method the server handles, with positions
// past the end, negative, fractional or not numbers at all, reversed ranges, missing or mistyped
// fields, unknown documents and result ids. Each gets an answer or an error response, never a
// crash; a parameter that is not what the protocol says gets InvalidParams, not a stack trace; and
// the server keeps serving correct answers afterwards.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, type DocumentSymbol } from 'vscode-languageserver-protocol';
import { fcParams, fcTimeout } from '../fuzzing';
import { LspTestClient } from './client';

const URI = 'file:///protocol/fuzz/Dockerfile';
/** The ignore file beside it, which the server answers with its own features. */
const IGNORE_URI = 'file:///protocol/fuzz/.dockerignore';
const IGNORE_TEXT = '# deps\nnode_modules  # x\n!\n[z-a]\n';
const TEXT = '# syntax=docker/dockerfile:1\nARG V=1\nFROM alpine:${V} AS base\nRUN <<EOF\necho hi\nEOF\nCOPY --from=base /a /b\n';

const number = fc.oneof(
  fc.nat({ max: 12 }),
  fc.constantFrom(-1, 2 ** 31 - 1, 2 ** 31, 1.5, Number.MAX_SAFE_INTEGER),
  fc.constantFrom<unknown>('3', null, undefined, true, {}, []),
);
const position = fc.oneof(fc.record({ line: number, character: number }), fc.constantFrom<unknown>(null, 'x', {}, [0, 0], undefined));
const range = fc.oneof(fc.record({ start: position, end: position }), fc.constantFrom<unknown>(null, {}, 5));
const uri = fc.constantFrom<unknown>(URI, IGNORE_URI, 'file:///protocol/unknown/Dockerfile', '', 'not a uri', null, 42);
const textDocument = fc.oneof(fc.record({ uri }), fc.constantFrom<unknown>(null, 'x', {}, undefined));
const anything = fc.constantFrom<unknown>(null, undefined, 0, '', 'x', {}, [], [null], true);

/** A request with parameters shaped like the method's, every part of which may be wrong. */
const request = fc.oneof(
  ...(['textDocument/hover', 'textDocument/completion', 'textDocument/signatureHelp', 'textDocument/definition', 'textDocument/documentHighlight', 'textDocument/prepareRename'] as const).map(
    (method) => fc.record({ method: fc.constant(method), params: fc.record({ textDocument, position, context: anything }) }),
  ),
  fc.record({ method: fc.constant('textDocument/references'), params: fc.record({ textDocument, position, context: fc.oneof(fc.record({ includeDeclaration: anything }), anything) }) }),
  fc.record({ method: fc.constant('textDocument/rename'), params: fc.record({ textDocument, position, newName: fc.oneof(fc.constantFrom<unknown>('renamed', 'A', '', ' ', 'a b', '$x', null, 3), fc.string({ maxLength: 8 })) }) }),
  ...(['textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/documentLink', 'textDocument/foldingRange', 'textDocument/semanticTokens/full'] as const).map((method) =>
    fc.record({ method: fc.constant(method), params: fc.record({ textDocument }) }),
  ),
  fc.record({ method: fc.constant('textDocument/semanticTokens/full/delta'), params: fc.record({ textDocument, previousResultId: fc.constantFrom<unknown>('1', '0', '999', '', null, 7, 'x') }) }),
  ...(['textDocument/semanticTokens/range', 'textDocument/inlayHint', 'textDocument/rangeFormatting'] as const).map((method) =>
    fc.record({ method: fc.constant(method), params: fc.record({ textDocument, range, options: anything }) }),
  ),
  fc.record({ method: fc.constant('textDocument/formatting'), params: fc.record({ textDocument, options: fc.oneof(fc.record({ tabSize: number, insertSpaces: anything }), anything) }) }),
  fc.record({ method: fc.constant('textDocument/onTypeFormatting'), params: fc.record({ textDocument, position, ch: fc.constantFrom<unknown>('\n', 'x', '', null), options: fc.oneof(fc.record({ tabSize: number, insertSpaces: anything }), anything) }) }),
  fc.record({ method: fc.constant('textDocument/selectionRange'), params: fc.record({ textDocument, positions: fc.oneof(fc.array(position, { maxLength: 3 }), anything) }) }),
  fc.record({
    method: fc.constant('textDocument/codeAction'),
    params: fc.record({
      textDocument,
      range,
      context: fc.oneof(
        fc.record({
          diagnostics: fc.oneof(fc.array(fc.record({ range, message: anything, code: fc.constantFrom<unknown>('unknown-flag', 'FromAsCasing', 'DL3006', 'dockerignore-not-a-comment', 'invalid-dockerignore', 'nope', 3, null), source: fc.constantFrom<unknown>('dockerfile-lsp', 'x', undefined), data: anything }), { maxLength: 2 }), anything),
          only: fc.oneof(fc.constant(undefined), fc.array(fc.constantFrom<unknown>('quickfix', '', 'refactor', 3), { maxLength: 2 }), anything),
        }),
        anything,
      ),
    }),
  }),
  fc.record({ method: fc.constant('completionItem/resolve'), params: fc.oneof(fc.record({ label: anything, data: anything }), anything) }),
  fc.record({ method: fc.constant('workspace/symbol'), params: fc.oneof(fc.record({ query: anything }), anything) }),
);

/** Leaves out the keys whose value is undefined, as JSON does. */
function json(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}

describe('requests with malformed parameters', () => {
  let client: LspTestClient;
  beforeAll(async () => {
    client = await LspTestClient.start();
    await client.open(URI, TEXT);
    await client.diagnosticsFor(URI, 1);
    await client.open(IGNORE_URI, IGNORE_TEXT, 1, 'ignore');
    await client.diagnosticsFor(IGNORE_URI, 1);
  });
  afterAll(async () => client.stop());

  it('name what is wrong (found by fuzzing: each failed with InternalError "Cannot read properties of undefined")', async () => {
    const invalid = async (method: string, params: unknown): Promise<string> => {
      const error = await client.request(method, params).then(
        () => undefined,
        (e: { code: number; message: string }) => e,
      );
      expect(error?.code).toBe(ErrorCodes.InvalidParams);
      return error!.message;
    };
    expect(await invalid('textDocument/hover', { position: { line: 0, character: 0 } })).toBe('textDocument/hover: params.textDocument is missing');
    expect(await invalid('textDocument/semanticTokens/range', { textDocument: { uri: URI }, range: 5 })).toBe('textDocument/semanticTokens/range: params.range must be an object');
    expect(await invalid('textDocument/definition', { textDocument: { uri: URI }, position: { line: -1, character: 0 } })).toBe(
      'textDocument/definition: params.position.line must be an unsigned integer, not -1',
    );
    expect(await invalid('textDocument/codeAction', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: true })).toBe(
      'textDocument/codeAction: params.context must be an object',
    );
    expect(await invalid('textDocument/rename', { textDocument: { uri: URI }, position: { line: 2, character: 1.5 }, newName: 'x' })).toBe(
      'textDocument/rename: params.position.character must be an unsigned integer, not 1.5',
    );
    expect(await invalid('textDocument/rename', { textDocument: { uri: URI }, position: { line: 2, character: 1 } })).toBe('textDocument/rename: params.newName is missing');
  });

  it('get an answer or an error response, and the server keeps serving', async () => {
    const requests = fc.sample(request, fcParams(300, 20240607));
    const internal: string[] = [];
    let answered = 0;
    let invalid = 0;
    for (const { method, params } of requests) {
      try {
        await client.request(method, json(params));
        answered++;
      } catch (error) {
        const code = (error as { code?: number }).code;
        // A request the server cannot answer from what it was sent is the sender's mistake.
        if (code === ErrorCodes.InternalError) internal.push(`${method} ${JSON.stringify(json(params))}: ${(error as Error).message}`);
        else expect(code).toBe(ErrorCodes.InvalidParams);
        invalid++;
      }
    }
    expect(internal).toEqual([]);
    // Not vacuous: some requests were fine, and many were not.
    expect(answered).toBeGreaterThan(requests.length / 20);
    expect(invalid).toBeGreaterThan(requests.length / 4);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(symbols.map((s) => s.name)).toEqual(['ARG', 'base']);
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: IGNORE_URI }, position: { line: 1, character: 2 } });
    expect(hover.contents.value).toContain('**Excludes** `node_modules  # x`');
    expect(client.process.exitCode).toBeNull();
  }, fcTimeout(30_000));
});
