// Fixtures for the rules and services of `.dockerignore` files: the text with `$[ … $]` around each
// range a test expects, in order; `$0` for a cursor.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { expect } from 'vitest';
import { getIgnoreFileDiagnostics } from '../../../../server/src/services/ignoreFile';
import { DEFAULT_SETTINGS, type Settings } from '../../../../server/src/settings';
import { parseFixture } from '../../../lsp/fixture';

export function ignoreDocument(text: string, uri = 'file:///project/.dockerignore'): TextDocument {
  return TextDocument.create(uri, 'ignore', 1, text);
}

export interface Expected {
  readonly code: string;
  readonly message: string;
  readonly severity?: 'error' | 'warning' | 'information' | 'hint';
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

/** The diagnostics of the fixture's text (those of `only`, when given), checked range by range. */
export function checkIgnoreFile(source: string, expected: readonly Expected[], options: { only?: readonly string[]; settings?: Settings } = {}): Diagnostic[] {
  const { text, ranges } = parseFixture(source);
  const all = getIgnoreFileDiagnostics(ignoreDocument(text), options.settings ?? DEFAULT_SETTINGS);
  const found = options.only ? all.filter((d) => options.only!.includes(String(d.code))) : all;
  expect(ranges).toHaveLength(expected.length);
  expect(found.map((d) => ({ range: d.range, code: d.code, message: d.message, severity: d.severity }))).toEqual(
    expected.map((e, i) => ({ range: ranges[i], code: e.code, message: e.message, severity: SEVERITY[e.severity ?? 'warning'] })),
  );
  return found;
}
