// The stages an ONBUILD COPY --from or RUN --mount from= trigger names for a stage of this file
// that runs it (triggerUses), at the service level: code lens, hover, definition, highlights and
// rename read them as BuildKit looks them up, and ask for them without walking a long base once per
// stage built FROM it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { getCodeLenses } from '../../../server/src/services/codeLens';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getHover } from '../../../server/src/services/hover';
import { findDefinition } from '../../../server/src/services/navigation/definition';
import { getDocumentHighlights } from '../../../server/src/services/navigation/highlight';
import { findReferences } from '../../../server/src/services/navigation/references';
import { prepareRename, rename } from '../../../server/src/services/navigation/rename';
import { triggerRuns } from '../../../server/src/semantics/stageDependencies';
import { SyntaxTree } from '../../../server/src/syntax';

// Counted by the cost tests: what a request asks per stage, and what it asks once.
vi.mock('../../../server/src/semantics/stageDependencies', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../server/src/semantics/stageDependencies')>();
  return { ...original, triggerUses: vi.fn(original.triggerUses), triggerRuns: vi.fn(original.triggerRuns) };
});

const URI = 'file:///triggers/Dockerfile';

function open(text: string): { doc: AnalyzedDocument; document: TextDocument } {
  const document = TextDocument.create(URI, 'dockerfile', 1, text);
  return { doc: analyzedDocument(document, SyntaxTree.parse(text)), document };
}

const titles = (doc: AnalyzedDocument) => getCodeLenses(doc, true).map((lens) => lens.command?.title);
const hoverText = (doc: AnalyzedDocument, document: TextDocument, offset: number) =>
  (getHover(doc, document.positionAt(offset), 'markdown')?.contents as MarkupContent | undefined)?.value;

describe('stages named by ONBUILD triggers', () => {
  it('reads a RUN --mount from= number as a name, as BuildKit does (only COPY --from takes a stage number)', () => {
    const text = 'FROM alpine AS tools\nFROM alpine AS base\nONBUILD RUN --mount=from=0,target=/t true\nFROM base AS child\n';
    const { doc, document } = open(text);
    const zero = text.indexOf('from=0') + 5;
    expect(findDefinition(doc, document.positionAt(zero))).toBeNull();
    expect(hoverText(doc, document, zero)).not.toContain('Stage `tools`');
    expect(titles(doc)).toEqual([
      'tools (stage 0) · not used by later stages · built only with --target tools',
      'base (stage 1) · used by 1 later stage',
      'child (stage 2) · final stage, built by default',
    ]);
  });

  it('renames a stage that a trigger names by its number: the number still names it', () => {
    const text = 'FROM alpine AS tools\nFROM alpine AS base\nONBUILD COPY --from=0 /x /y\nFROM base AS child\n';
    const { doc, document } = open(text);
    const name = document.positionAt(text.indexOf('tools'));
    expect(prepareRename(doc, name)).toEqual({ range: { start: name, end: document.positionAt(text.indexOf('tools') + 5) }, placeholder: 'tools' });
    expect(rename(doc, name, 'kit')).toEqual([{ range: { start: name, end: document.positionAt(text.indexOf('tools') + 5) }, newText: 'kit' }]);
    // The trigger's number, in another Dockerfile built FROM the image, is that file's stage 0.
    expect(hoverText(doc, document, text.indexOf('from=0') + 5)).toContain(
      "The trigger names it for the stage on line 4, built `FROM` this one, which runs the trigger. In a build of another Dockerfile `FROM` this image, the number means that file's stage 0.",
    );
    // By name it is still refused.
    const named = open(text.replace('--from=0', '--from=tools'));
    expect(prepareRename(named.doc, name)).toEqual({
      refusal:
        'The ONBUILD trigger on line 3 names this stage for the stage on line 4, which runs it; a rename cannot change the trigger, whose name other builds read too, so rename both by hand.',
    });
  });

  it('refuses a new stage name that a trigger run by a stage of this file reads as an image', () => {
    const text = 'FROM alpine AS tools\nFROM alpine AS base\nONBUILD COPY --from=nginx /x /y\nONBUILD RUN --mount=from=Node,target=/n true\nFROM base AS child\n';
    const { doc, document } = open(text);
    const name = document.positionAt(text.indexOf('tools'));
    expect(rename(doc, name, 'nginx')).toEqual({
      refusal: '"nginx" in the ONBUILD trigger on line 3 names an image for the stage on line 5, which runs it; it would then refer to this stage instead.',
    });
    expect(rename(doc, name, 'node')).toEqual({
      refusal: '"Node" in the ONBUILD trigger on line 4 names an image for the stage on line 5, which runs it; it would then refer to this stage instead.',
    });
    // No stage of this file runs the triggers of the last stage.
    const last = open(text.replace('\nFROM base AS child\n', '\n'));
    expect(rename(last.doc, name, 'nginx')).toEqual([{ range: { start: name, end: document.positionAt(text.indexOf('tools') + 5) }, newText: 'nginx' }]);
  });

  describe('cost', () => {
    afterEach(() => vi.restoreAllMocks());

    it("walks a base's nodes once, not once per stage built FROM it", () => {
      const lines = ['FROM alpine AS tools', 'FROM alpine AS base', 'ONBUILD COPY --from=tools /x /y'];
      for (let i = 0; i < 300; i++) lines.push(`RUN echo ${i}`);
      for (let i = 0; i < 300; i++) lines.push(`FROM base AS c${i}`);
      const text = `${lines.join('\n')}\n`;
      const { doc, document } = open(text);
      expect(doc.model.stages).toHaveLength(302);
      const forEach = SyntaxTree.prototype.forEach;
      let visits = 0;
      vi.spyOn(SyntaxTree.prototype, 'forEach').mockImplementation(function (this: SyntaxTree, visit, from) {
        forEach.call(this, (node, start, index) => {
          visits++;
          return visit(node, start, index);
        }, from);
      });
      const tools = document.positionAt(text.indexOf('tools'));
      const lenses = getCodeLenses(doc, true);
      expect(lenses[0].command?.title).toBe('tools (stage 0) · used by 300 later stages');
      expect(findReferences(doc, tools, true)).toHaveLength(2);
      expect('refusal' in (prepareRename(doc, tools) ?? {})).toBe(true);
      // A highlight request (each cursor move) on a plain instruction of the base.
      expect(getDocumentHighlights(doc, document.positionAt(text.indexOf('RUN echo 7')))).toBeNull();
      expect(visits).toBeLessThan(lines.length);
    });

    it('tries only the stage names that can fit a FROM with a variable, not every earlier stage for each such FROM', () => {
      const lines = ['ARG V=a', 'FROM alpine AS s0-a'];
      for (let i = 1; i < 400; i++) lines.push(`FROM s${i - 1}-\${V} AS s${i}-a`);
      const { doc } = open(`${lines.join('\n')}\n`);
      expect(doc.model.stages[399].base).toBe(doc.model.stages[398]);
      const test = vi.spyOn(RegExp.prototype, 'test');
      const lenses = getCodeLenses(doc, true);
      expect(lenses[1].command?.title).toBe('s1-a (stage 1) · used by 1 later stage');
      expect(test.mock.calls.length).toBeLessThan(4000);
    });

    it('asks for the triggers of a base once per navigation, rename or hover request, not once per stage built FROM it', () => {
      const lines = ['FROM alpine AS tools', 'FROM alpine AS base', 'ONBUILD COPY --from=tools /a /b', 'ONBUILD COPY --from=tools /c /d'];
      for (let i = 0; i < 50; i++) lines.push(`FROM base AS c${i}`);
      const text = `${lines.join('\n')}\n`;
      const { doc, document } = open(text);
      // Navigation, rename and hover walk the bases (triggerRuns: one entry per base, made once per
      // model, each base's triggers read once), not the stages built FROM them.
      const runs = triggerRuns(doc.model);
      expect(runs.map((r) => [r.base.name, r.runners.length, r.uses.length])).toEqual([['base', 50, 2]]);
      const asked = vi.mocked(triggerRuns);
      const tools = document.positionAt(text.indexOf('tools'));
      const trigger = document.positionAt(text.indexOf('=tools') + 2);
      const count = (request: () => unknown) => {
        asked.mockClear();
        request();
        return asked.mock.calls.length;
      };
      expect(count(() => expect(findReferences(doc, tools, true)).toHaveLength(3))).toBe(1);
      expect(count(() => expect(getDocumentHighlights(doc, trigger)).toHaveLength(3))).toBe(2);
      expect(count(() => expect('refusal' in (prepareRename(doc, tools) ?? {})).toBe(true))).toBe(2);
      expect(count(() => expect(hoverText(doc, document, text.indexOf('=tools') + 2)).toContain('the stage on line 5'))).toBe(1);
      // The code lens asks per stage (each needs what its triggers name), and lists each trigger once.
      expect(getCodeLenses(doc, true)[0].command?.arguments?.[2]).toHaveLength(2);
    });

    it("reads the file's stage references once for the code lens, not once per stage", () => {
      const lines = ['FROM alpine AS base'];
      for (let i = 0; i < 50; i++) lines.push(`FROM base AS c${i}`, `COPY --from=base /x /y`);
      const { doc } = open(`${lines.join('\n')}\n`);
      const model = doc.model;
      const getter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(model), 'stageReferences')!.get!;
      let reads = 0;
      vi.spyOn(model, 'stageReferences', 'get').mockImplementation(function (this: typeof model) {
        reads++;
        return getter.call(this);
      });
      expect(getCodeLenses(doc, true)[0].command?.title).toBe('base (stage 0) · used by 50 later stages');
      expect(reads).toBe(1);
    });
  });
});
