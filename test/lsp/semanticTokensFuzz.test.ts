// Semantic tokens over the protocol after random edits, in UTF-16 and in UTF-8 (whose deltas are
// found another way: from the converted data, not from the kept parts): after each edit, the delta
// from the previous result, applied as a client applies it, gives exactly the full tokens a fresh
// server sends for the same text.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { fcParams, fcTimeout } from '../fuzzing';
import { LspTestClient } from './client';
import { positionAt } from './fixture';

const START = 'ARG V=1\nFROM alpine:${V} AS base\n# é 😀\nRUN echo "😀 $V" \\\n  && true\nCOPY --from=base <<EOF /x\n$V é\nEOF\n';
const FRAGMENTS = ['\n', ' ', '😀', 'é', '$V', '${V:-😀}', 'RUN <<EOF\n', 'EOF\n', '\\\n', '"', 'FROM base AS b2\n', 'ENV É=1 V=2\n', '# escape=`\n', '`', 'x'];

const edits = fc.array(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 10 }), insert: fc.constantFrom(...FRAGMENTS) }),
  { minLength: 1, maxLength: 8 },
);

/** A position in the client's encoding: UTF-8 clients count the bytes of the line before it. */
function position(text: string, offset: number, encoding: 'utf-16' | 'utf-8') {
  const p = positionAt(text, offset);
  if (encoding === 'utf-16') return p;
  return { line: p.line, character: Buffer.byteLength(text.slice(offset - p.character, offset), 'utf8') };
}

/** Splits UTF-16 text at a code point boundary (an edit never splits a surrogate pair). */
function boundary(text: string, offset: number): number {
  const c = text.charCodeAt(offset);
  return c >= 0xdc00 && c <= 0xdfff ? offset - 1 : offset;
}

for (const encoding of ['utf-16', 'utf-8'] as const) {
  describe(`semantic tokens after random edits (${encoding})`, () => {
    let edited: LspTestClient;
    let fresh: LspTestClient;
    const capabilities = { general: { positionEncodings: [encoding] } };
    beforeAll(async () => {
      [edited, fresh] = await Promise.all([LspTestClient.start({ capabilities }), LspTestClient.start({ capabilities })]);
    });
    afterAll(async () => Promise.all([edited.stop(), fresh.stop()]));

    let round = 0;
    it('deltas give the full tokens a fresh server sends', async () => {
      const runs = fc.sample(edits, fcParams(25));
      for (const sequence of runs) {
        const uri = `file:///tokens/${encoding}/${++round}/Dockerfile`;
        let text = START;
        await edited.open(uri, text);
        let previous = await edited.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
        let data = previous.data;
        for (const e of sequence) {
          const from = boundary(text, Math.floor(e.at * text.length));
          const to = boundary(text, Math.min(text.length, from + e.remove));
          await edited.change(uri, [{ range: { start: position(text, from, encoding), end: position(text, to, encoding) }, text: e.insert }]);
          text = text.slice(0, from) + e.insert + text.slice(to);
          const delta = await edited.request<SemanticTokensDelta | SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId: previous.resultId });
          if ('edits' in delta) {
            data = data.slice();
            for (const edit of [...delta.edits].sort((a, b) => b.start - a.start)) data.splice(edit.start, edit.deleteCount, ...(edit.data ?? []));
          } else data = delta.data;
          previous = { resultId: delta.resultId, data };
          const freshUri = `file:///tokens/${encoding}/fresh/${round}/${Math.random()}/Dockerfile`;
          await fresh.open(freshUri, text);
          const expected = await fresh.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: freshUri } });
          await fresh.close(freshUri);
          expect(data, `after an edit to ${JSON.stringify(text)}`).toEqual(expected.data);
        }
        await edited.close(uri);
      }
    }, fcTimeout(60_000));
  });
}
