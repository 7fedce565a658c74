// Any text as a .dockerignore: every answer well-formed, no exception (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Range } from 'vscode-languageserver-types';
import { getIgnoreFileCodeActions, getIgnoreFileCompletions, getIgnoreFileDiagnostics, getIgnoreFileHover } from '../../../../server/src/services/ignoreFile';
import { DEFAULT_SETTINGS } from '../../../../server/src/settings';
import { fcParams } from '../../../fuzzing';
import { ignoreDocument } from './harness';

/** Pieces that make the rules and the hover do something: comments, exclusions, classes, wildcards, odd line ends. */
const PIECES = fc.constantFrom('#', ' # x', '!', '!/', '[', ']', '[z-a]', '[[:foo:]]', '[^a]', '**', '*', '?', '/', './', '..', '\\', 'node_modules', 'Dockerfile', ' ', '\t', '\u00a0', '\uFEFF', '\n', '\r\n', '\r', '😀');

function exercise(text: string): void {
  const document = ignoreDocument(text);
  const lines = document.lineCount;
  const inside = (range: Range) => range.start.line < lines && range.end.line < lines && document.offsetAt(range.start) <= document.offsetAt(range.end);
  const diagnostics = getIgnoreFileDiagnostics(document, DEFAULT_SETTINGS);
  for (const diagnostic of diagnostics) expect(inside(diagnostic.range), JSON.stringify(diagnostic)).toBe(true);
  for (let offset = 0; offset <= text.length; offset++) {
    const position = document.positionAt(offset);
    const hover = getIgnoreFileHover(document, position, 'markdown');
    if (hover) expect(inside(hover.range!)).toBe(true);
    for (const item of getIgnoreFileCompletions(document, position, 'markdown').items) expect(inside((item.textEdit as { range: Range }).range)).toBe(true);
    for (const action of getIgnoreFileCodeActions(document, diagnostics, undefined, { start: position, end: position })) {
      for (const edit of action.edit!.changes![document.uri]) expect(inside(edit.range)).toBe(true);
    }
  }
}

describe('a .dockerignore of any text', () => {
  it('gets well-formed diagnostics, hovers, completions and code actions', () => {
    fc.assert(fc.property(fc.array(PIECES, { maxLength: 40 }).map((a) => a.join('')), exercise), fcParams(300));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), exercise), fcParams(200));
  });
});
