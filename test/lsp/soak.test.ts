// A soak run: 20,000 random edits to one document. Afterwards the server holds no more memory
// than a fresh server that opened the final text (within 10%), and publishes the same diagnostics.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, DocumentSymbol } from 'vscode-languageserver-protocol';
import { readCorpusFile, readExpected } from '../unit/syntax/corpus';
import { fcSeed } from '../fuzzing';
import { LspTestClient } from './client';
import { positionAt } from './fixture';

const FRAGMENTS = ['\n', '\\\n', ' ', 'RUN echo ', 'FROM alpine AS x\n', '${A:-b}', '<<EOF\n', 'EOF\n', '# c\n', '"', "'", '--mount=type=cache,target=/t ', 'ENV A=1\n', 'x'];

describe('soak', () => {
  // Two edit sequences: the second (seed 1) once left 20% more than a fresh open, as parses of ONBUILD
  // triggers were kept for stages that had lost the name a check looks for.
  it.each([4242, 1])('20,000 random edits keep the server consistent and its memory flat (seed %i)', async (seed) => {
    const files = readExpected('real-world').map((e) => readCorpusFile('real-world', e.file));
    const start = files.slice(0, 40).join('\n');
    const edits = fc.sample(
      fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), remove: fc.nat({ max: 12 }), insert: fc.constantFrom(...FRAGMENTS) }),
      { numRuns: 20_000, seed: fcSeed(seed) },
    );
    const uri = 'file:///soak/Dockerfile';
    const soaked = await LspTestClient.start({ nodeArgs: ['--expose-gc'] });
    const fresh = await LspTestClient.start({ nodeArgs: ['--expose-gc'] });
    try {
      let text = start;
      await soaked.open(uri, text, 1);
      let version = 1;
      for (const e of edits) {
        // Keep the document from growing without bound: remove about as much as we insert.
        const from = Math.floor(e.at * text.length);
        const to = Math.min(text.length, from + e.remove + (text.length > start.length ? e.insert.length : 0));
        const change = { range: { start: positionAt(text, from), end: positionAt(text, to) }, text: e.insert };
        text = text.slice(0, from) + e.insert + text.slice(to);
        version = await soaked.change(uri, [change]);
      }
      // The server may still be working through the queued edits: wait as long as the test allows.
      const soakedDiagnostics: Diagnostic[] = await soaked.diagnosticsFor(uri, version, 150_000);
      await fresh.open(uri, text, 1);
      const freshDiagnostics: Diagnostic[] = await fresh.diagnosticsFor(uri, 1);
      expect(soakedDiagnostics).toEqual(freshDiagnostics);
      const symbols = (c: LspTestClient) => c.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      expect(await symbols(soaked)).toEqual(await symbols(fresh));

      // What the document costs: heap with it open minus heap after closing it. The fresh open of
      // the final text is measured in the same server process, after the soaked document is
      // closed, so both see the same compiled code and warm-up state.
      // A few collections in a row, keeping the lowest reading, smooth out what the collector
      // leaves over from one request to the next.
      const heap = async (c: LspTestClient) => {
        let lowest = Infinity;
        for (let i = 0; i < 4; i++) lowest = Math.min(lowest, (await c.request<{ heapUsed: number }>('dockerfile-lsp/memoryUsage', {})).heapUsed);
        return lowest;
      };
      const held = async (c: LspTestClient) => {
        await symbols(c); // the analysis of the version, as after any request
        const open = await heap(c);
        await c.close(uri);
        return open - (await heap(c));
      };
      const soakedHeld = await held(soaked);
      // The fresh open is measured three times; the middle reading counts.
      const freshReadings: number[] = [];
      for (let round = 1; round <= 3; round++) {
        await soaked.open(uri, text, version + round);
        await soaked.diagnosticsFor(uri, version + round, 60_000);
        freshReadings.push(await held(soaked));
      }
      const freshHeld = freshReadings.sort((x, y) => x - y)[1];
      console.log(`document memory: after 20,000 edits ${soakedHeld} bytes, fresh open of the same text ${freshHeld} bytes`);
      expect(freshHeld).toBeGreaterThan(0);
      expect(soakedHeld).toBeLessThan(freshHeld * 1.1);
    } finally {
      await soaked.stop();
      await fresh.stop();
    }
  }, 180_000);
});
