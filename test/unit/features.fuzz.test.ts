// Every feature takes anything: random Dockerfile-like text, random characters, mutations and
// half-typed prefixes of real files. No feature throws, and every range any of them returns lies
// inside the document with its start before its end.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/languageService';
import { getCodeLenses } from '../../server/src/services/codeLens';
import { getCompletions } from '../../server/src/services/completion';
import { analyzedDocument } from '../../server/src/services/document';
import { getDocumentLinks } from '../../server/src/services/documentLinks';
import { getFoldingRanges } from '../../server/src/services/folding';
import { getFormattingEdits, getOnTypeFormattingEdits } from '../../server/src/services/formatting';
import { getHover } from '../../server/src/services/hover';
import { getInlayHints } from '../../server/src/services/inlayHints';
import { findDefinition } from '../../server/src/services/navigation/definition';
import { getDocumentHighlights } from '../../server/src/services/navigation/highlight';
import { findReferences } from '../../server/src/services/navigation/references';
import { prepareRename, rename } from '../../server/src/services/navigation/rename';
import { getSelectionRanges } from '../../server/src/services/selectionRange';
import { getSemanticTokens } from '../../server/src/services/semanticTokens';
import { getSignatureHelp } from '../../server/src/services/signatureHelp';
import { getDocumentSymbols } from '../../server/src/services/symbols';
import { getWorkspaceSymbols } from '../../server/src/services/workspaceSymbols';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { SyntaxTree } from '../../server/src/syntax';
import { readCorpusFile, readExpected } from './syntax/corpus';
import { fcParams, fcTimeout } from '../fuzzing';

const service = createLanguageService();

function fail(what: string, text: string): never {
  throw new Error(`${what} for input ${JSON.stringify(text.slice(0, 400))}`);
}

/** Walks any result and checks every Range in it against the document. */
function checkRanges(value: unknown, document: TextDocument, text: string, where: string): void {
  const lastLine = document.lineCount - 1;
  const inside = (p: Position) => p.line >= 0 && p.character >= 0 && (p.line < lastLine || (p.line === lastLine && p.character <= document.getText().length - document.offsetAt({ line: lastLine, character: 0 })));
  const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const r = v as Range;
    if (r.start && r.end && typeof r.start.line === 'number' && typeof r.end.character === 'number') {
      if (!inside(r.start) || !inside(r.end) || !before(r.start, r.end)) fail(`${where}: bad range ${JSON.stringify(r)}`, text);
    }
    for (const [k, child] of Object.entries(v)) if (k !== 'data') walk(child);
  };
  walk(value);
}

function exercise(text: string, probes: readonly number[]): void {
  const document = TextDocument.create('file:///fuzz/Dockerfile', 'dockerfile', 1, text);
  const doc = analyzedDocument(document, SyntaxTree.parse(text));
  const run = (where: string, f: () => unknown): void => {
    let result: unknown;
    try {
      result = f();
    } catch (error) {
      fail(`${where} threw ${error instanceof Error ? error.stack : String(error)}`, text);
    }
    checkRanges(result, document, text, where);
  };
  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  let diagnostics: ReturnType<typeof service.getDiagnostics> = [];
  // A rule that throws is left out by the engine: here it fails the run.
  run('diagnostics', () => (diagnostics = service.getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => fail(`rule ${code} threw ${String(error)}`, text) })));
  run('codeActions', () => service.getCodeActions(doc, { diagnostics }));
  run('fixAll', () => service.getCodeActions(doc, { diagnostics: [], only: ['source.fixAll'] }));
  run('symbols', () => getDocumentSymbols(doc));
  run('workspaceSymbols', () => getWorkspaceSymbols(doc, ''));
  run('links', () => getDocumentLinks(doc));
  run('inlayHints', () => getInlayHints(doc, whole, DEFAULT_SETTINGS.inlayHints));
  run('codeLens', () => getCodeLenses(doc, true));
  run('folding', () => getFoldingRanges(doc, { lineFoldingOnly: false }));
  run('semanticTokens', () => getSemanticTokens(doc));
  run('formatting', () => getFormattingEdits(doc, DEFAULT_SETTINGS, { tabSize: 4, insertSpaces: true }));
  const positions = probes.map((p) => document.positionAt(Math.floor(p * (text.length + 1))));
  run('selectionRanges', () => getSelectionRanges(doc, positions));
  for (const position of positions) {
    run('hover', () => getHover(doc, position, 'markdown'));
    run('completion', () => getCompletions(doc, position, { snippets: true, format: 'markdown', insertReplace: true }));
    run('completion after a trigger', () => getCompletions(doc, position, { snippets: false, format: 'plaintext', triggerCharacter: '$' }));
    run('signatureHelp', () => getSignatureHelp(doc, position, { format: 'markdown', noActiveParameter: true }));
    run('definition', () => findDefinition(doc, position));
    run('references', () => findReferences(doc, position, true));
    run('highlight', () => getDocumentHighlights(doc, position));
    run('prepareRename', () => prepareRename(doc, position));
    run('rename', () => rename(doc, position, 'renamed_x'));
    run('onTypeFormatting', () => getOnTypeFormattingEdits(doc, position, '\n', DEFAULT_SETTINGS, { tabSize: 2, insertSpaces: true }));
  }
}

const DOCKERISH = fc.constantFrom(
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ONBUILD ', 'HEALTHCHECK ', 'ENV ', 'ARG ', 'LABEL ', 'EXPOSE ', 'CMD ', 'SHELL ', 'WORKDIR ', 'USER ',
  ' AS ', '--mount=', 'type=cache,', 'from=', 'target=', '--from=', '--platform=', '--chmod=', '=', '\\', '`', '\n', '\r\n', '\r', ' ', '\t',
  '#', '# escape=`\n', '# syntax=', '# check=skip=', '"', "'", '$', '${', '}', ':-', '%', '/', '[', ']', ',', '<<', '<<-', 'EOF', 'a', '0',
  'alpine', 'build', 'é', '😀', '\u0000',
);

const probes = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 });

describe('every feature under fuzzing', () => {
  it('random Dockerfile-like text', () => {
    fc.assert(fc.property(fc.array(DOCKERISH, { maxLength: 60 }).map((a) => a.join('')), probes, exercise), fcParams(400));
  });

  it('random characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), probes, exercise), fcParams(200));
  });

  it('mutations and half-typed prefixes of real files', () => {
    const files = readExpected('real-world')
      .filter((_, i) => i % 9 === 0)
      .map((e) => readCorpusFile('real-world', e.file));
    fc.assert(
      fc.property(
        fc.constantFrom(...files),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(DOCKERISH, { maxLength: 4 }).map((a) => a.join('')),
        fc.boolean(),
        probes,
        (file, at, insert, cut, where) => {
          const offset = Math.floor(at * file.length);
          const text = cut ? file.slice(0, offset) + insert : file.slice(0, offset) + insert + file.slice(offset);
          exercise(text, where);
        },
      ),
      fcParams(150),
    );
  }, fcTimeout(120_000));
});
