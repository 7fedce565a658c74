// Renaming any ARG, ENV or stage of corpus files (also with CRLF line ends and emoji before
// instructions, for UTF-16 positions) keeps every reference resolving where it did: the same
// declaration for each variable use, the same stage for each stage reference.
// FC_SCALE sweeps more files (test/fuzzing.ts).
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/languageService';
import type { AnalyzedDocument } from '../../server/src/services/document';
import { prepareRename, rename } from '../../server/src/services/navigation/rename';
import { readCorpusFile, readExpected } from './syntax/corpus';
import { fcRuns } from '../fuzzing';

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
  it('keeps every reference resolving to what it did', () => {
    let renamed = 0;
    const entries = readExpected('real-world');
    // Every eighth file, each in the next spelling; FC_SCALE goes on through the other files.
    for (let k = 0; k < fcRuns(Math.ceil(entries.length / 8)); k++) {
      const entry = entries[(k * 8 + Math.floor((k * 8) / entries.length)) % entries.length];
      const text = readCorpusFile('real-world', entry.file);
      const spelling = k % 3;
      const spelled = spelling === 0 ? text : spelling === 1 ? text.replace(/\r?\n/g, '\r\n') : text.replace(/^(\s*(?:RUN|ENV|ARG|FROM) )/gm, '# 😀\n$1');
      renamed += renameEverything(spelled, entry.file);
    }
    expect(renamed).toBeGreaterThan(150);
  }, 60_000);
});
