// Renaming any ARG, ENV or stage of corpus files (also with CRLF line ends and emoji before
// instructions, for UTF-16 positions) keeps every reference resolving where it did: the same
// declaration for each variable use, the same stage for each stage reference.
// Renaming at any position of randomly edited files, to a new name or to one already in use, is
// either refused or keeps the same, and keeps heredoc bodies and syntax errors as they were.
// FC_SCALE sweeps more files, FC_SEED varies the edits (test/fuzzing.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import type { AnalyzedDocument } from '../../server/src/services/document';
import { prepareRename, rename } from '../../server/src/services/navigation/rename';
import { readCorpusFile, readExpected } from './syntax/corpus';
import { fcParams, fcRuns, fcTimeout, nextJob } from '../fuzzing';
import { SyntaxTree } from '../../server/src/syntax';

const service = createLanguageService();

function open(text: string): { document: TextDocument; doc: AnalyzedDocument } {
  const document = TextDocument.create('file:///rename/Dockerfile', 'dockerfile', 1, text);
  return { document, doc: service.analyze(document) };
}

/** What each reference resolves to, in document order. */
function resolution(doc: AnalyzedDocument): string[] {
  const { declarations, uses, stageReferences } = doc.model;
  return [
    ...uses.map((u) => (u.declaration ? `use -> declaration ${declarations.indexOf(u.declaration)}` : `use ${u.name} -> nothing`)),
    ...declarations.map((d) => `declaration -> ${d.inherits ? declarations.indexOf(d.inherits) : '-'}`),
    ...stageReferences.map((r) => `${r.kind} -> ${r.stage ? `stage ${r.stage.index}` : 'no stage'}`),
  ];
}

function renameEverything(text: string, name: string): number {
  const { document, doc } = open(text);
  const before = resolution(doc);
  const targets = [
    ...doc.model.declarations.map((d, i) => ({ at: d.nameSpan.start, newName: `RENAMED_${i}` })),
    ...doc.model.stages.flatMap((s, i) => (s.nameSpan ? [{ at: s.nameSpan.start, newName: `renamed-${i}` }] : [])),
  ];
  let renamed = 0;
  for (const { at, newName } of targets) {
    const position = document.positionAt(at);
    const prepared = prepareRename(doc, position);
    if (!prepared || 'refusal' in prepared) continue;
    const edits = rename(doc, position, newName);
    if (!Array.isArray(edits)) continue;
    renamed++;
    const after = resolution(open(TextDocument.applyEdits(document, edits)).doc);
    expect(after, `${name}: renaming ${JSON.stringify(text.slice(at, at + 20))} to ${newName}`).toEqual(before);
  }
  return renamed;
}

describe('rename over the corpus', () => {
  it('keeps every reference resolving to what it did', async () => {
    let renamed = 0;
    const entries = readExpected('real-world');
    // Every eighth file, each in the next spelling; FC_SCALE goes on through the other files.
    for (let k = 0; k < fcRuns(Math.ceil(entries.length / 8)); k++) {
      if (k % 16 === 0) await nextJob();
      const entry = entries[(k * 8 + Math.floor((k * 8) / entries.length)) % entries.length];
      const text = readCorpusFile('real-world', entry.file);
      const spelling = k % 3;
      const spelled = spelling === 0 ? text : spelling === 1 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/^(\s*(?:RUN|ENV|ARG|FROM) )/gm, '# 😀\n$1');
      renamed += renameEverything(spelled, entry.file);
    }
    expect(renamed).toBeGreaterThan(150);
  }, fcTimeout(60_000));

  it('at any position of randomly edited files, to new names and names in use', async () => {
    const files = readExpected('real-world')
      .map((e) => readCorpusFile('real-world', e.file))
      .filter((t, i) => i % 5 === 2 && t.length < 5000);
    const fragments = [
      'ARG A=1\n', 'ARG build\n', 'ENV A=$A\n', 'ENV B=${A:-x} C=$B\n', 'FROM alpine AS build\n', 'FROM build AS base\n', 'COPY --from=build /a /b\n', 'RUN --mount=from=base,target=/t true\n',
      'RUN <<EOF\necho $A\nEOF\n', 'RUN <<-EOF cat <<"END"\n\t$A\n\tEOF\nEND\n', 'COPY <<EOF /x\n', 'EOF\n', "RUN A=2; echo $A\n", '$A', '${B}', ' ', '\n', '"', '\\\n', 'x',
    ];
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), fragment: fc.constantFrom(...fragments), drop: fc.nat({ max: 8 }) });
    const names = ['renamed_x', 'A', 'B', 'build', 'base', 'EOF', 'END', 'HOME', 'TARGETARCH', 'scratch', 'Build'];
    /** The resolution, heredoc bodies and syntax errors, the old and the new name written the same. */
    const state = (doc: AnalyzedDocument, names: readonly string[]): string[] => {
      const either = new RegExp(`\\b(?:${names.map((n) => n.replace(/[^\w]/g, '\\$&')).join('|')})\\b`, 'g');
      return [
        ...resolution(doc).map((line) => line.replace(either, '(renamed)')),
        ...[...doc.tree.instructions()].flatMap(({ node }) => node.heredocs.map((h) => JSON.stringify([h.content.replace(either, '(renamed)'), h.expand, h.chomp, h.terminator !== undefined]))),
        ...doc.tree.errors().map((e) => e.code),
      ];
    };
    let renames = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...names), async (index, edits, where, newName) => {
        await nextJob();
        let text = files[index];
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.fragment + text.slice(Math.min(text.length, at + e.drop));
        }
        const { document, doc } = open(text);
        // Somewhere in a name most of the time: the start of a random variable, stage or heredoc name.
        const spans = [...doc.model.uses.map((u) => u.nameSpan), ...doc.model.declarations.map((d) => d.nameSpan), ...doc.model.stageReferences.map((r) => r.span)];
        const at = spans.length && where < 0.8 ? spans[Math.floor((where / 0.8) * spans.length)].start : Math.floor(where * text.length);
        const position = document.positionAt(at);
        const prepared = prepareRename(doc, position);
        const edits2 = rename(doc, position, newName);
        if (!Array.isArray(edits2)) return;
        renames++;
        const oldName = prepared && 'placeholder' in prepared ? prepared.placeholder : '';
        const renamed = [oldName, newName];
        const after = open(TextDocument.applyEdits(document, edits2)).doc;
        // A parse of the new text, not an incremental one: what BuildKit would read.
        expect(SyntaxTree.parse(after.text.getText()).errors().length, `renaming at ${at} to ${newName}: syntax errors`).toBe(doc.tree.errors().length);
        expect(state(after, renamed), `renaming ${JSON.stringify(oldName)} at ${at} to ${newName} in ${JSON.stringify(text)}`).toEqual(state(doc, renamed));
      }),
      fcParams(300),
    );
    // Not vacuous: most positions are in a name, and many new names are accepted.
    expect(renames).toBeGreaterThan(fcRuns(300) / 10);
  }, fcTimeout(60_000));
});
