import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { getIgnoreFileCodeActions } from '../../../../server/src/services/ignoreFile';
import { EVERY_FOLDER_TITLE } from '../../../../server/src/services/ignoreFile/codeActions';
import { parseFixture } from '../../../lsp/fixture';
import { ignoreDocument } from './harness';

/** The text after "Match in every folder" at `$0`, or undefined when it is not offered. */
function everyFolder(source: string, only?: string[]): string | undefined {
  const { text, cursor } = parseFixture(source);
  const document = ignoreDocument(text);
  const actions = getIgnoreFileCodeActions(document, [], only, { start: cursor!, end: cursor! });
  if (!actions.length) return undefined;
  expect(actions.map((a) => [a.title, a.kind])).toEqual([[EVERY_FOLDER_TITLE, 'refactor.rewrite']]);
  return TextDocument.applyEdits(document, actions[0].edit!.changes![document.uri] as TextEdit[]);
}

describe('"Match in every folder" on a .dockerignore pattern', () => {
  it('puts **/ before a pattern BuildKit matches at the root only, after a ! and in place of a leading / or ./', () => {
    expect(everyFolder('# deps\nnode_$0modules\n')).toBe('# deps\n**/node_modules\n');
    expect(everyFolder('*.l$0og\n')).toBe('**/*.log\n');
    expect(everyFolder('*\n! $0keep.txt\n')).toBe('*\n! **/keep.txt\n');
    expect(everyFolder('$0/dist/\n')).toBe('**/dist/\n');
    expect(everyFolder('  ./.e$0nv\n')).toBe('  **/.env\n');
  });

  it('is offered for refactorings only, and not where the pattern already reaches into folders or takes everything', () => {
    expect(everyFolder('node_$0modules\n', ['refactor'])).toBe('**/node_modules\n');
    expect(everyFolder('node_$0modules\n', ['quickfix'])).toBeUndefined();
    for (const line of ['**/node$0_modules', 'src/*.t$0mp', '$0*', '$0**', '!$0', '# a comm$0ent', 'logs\\o$0ld', '$0']) {
      expect(everyFolder(`${line}\n`), line).toBeUndefined();
    }
  });
});
