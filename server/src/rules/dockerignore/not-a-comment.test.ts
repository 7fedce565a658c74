import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { getIgnoreFileCodeActions, getIgnoreFileDiagnostics } from '../../services/ignoreFile';
import { DEFAULT_SETTINGS } from '../../settings';
import { checkIgnoreFile, ignoreDocument } from '../../../../test/unit/services/ignoreFile/harness';

const only = ['dockerignore-not-a-comment'];
const trailing = (written: string, effect: string) =>
  `'#' starts a comment only at the start of a line: BuildKit reads this whole line as the pattern '${written}', so ${effect}. Move the comment to a line of its own.`;
const indented = (written: string) =>
  `BuildKit reads a comment only where '#' is the first character of the line, so this indented line is the pattern '${written}'. Remove the indentation to make it a comment.`;

/** The text after each fix offered for the file's diagnostics. */
function fixed(text: string): string[] {
  const document = ignoreDocument(text);
  const diagnostics = getIgnoreFileDiagnostics(document, DEFAULT_SETTINGS);
  return getIgnoreFileCodeActions(document, diagnostics).map((action) => TextDocument.applyEdits(document, action.edit!.changes![document.uri]));
}

describe('dockerignore-not-a-comment', () => {
  it('reports a # after a pattern, which makes it part of the pattern', () => {
    checkIgnoreFile(
      '# dependencies\nnode_modules  $[# installed in the image$]\n!keep.log\t$[# but this one$]\nissue#12\n',
      [
        { code: 'dockerignore-not-a-comment', message: trailing('node_modules  # installed in the image', "'node_modules' is not excluded") },
        { code: 'dockerignore-not-a-comment', message: trailing('!keep.log\t# but this one', "'keep.log' is not brought back") },
      ],
      { only },
    );
  });

  it('reports an indented comment, which is a pattern', () => {
    checkIgnoreFile('  $[# build output$]\n\t$[#dist$]  \n#ok\n', [
      { code: 'dockerignore-not-a-comment', message: indented('# build output') },
      { code: 'dockerignore-not-a-comment', message: indented('#dist') },
    ], { only });
  });

  it('moves the comment to a line of its own above, keeping the line ends and the indentation', () => {
    expect(fixed('a\n  node_modules  # deps\nb\n')).toEqual(['a\n  # deps\n  node_modules\nb\n']);
    expect(fixed('a\r\nlogs # old logs\r\n')).toEqual(['a\r\n# old logs\r\nlogs\r\n']);
    expect(fixed('  # build\n')).toEqual(['# build\n']);
  });

  it('offers nothing for a diagnostic the current text no longer has', () => {
    const document = ignoreDocument('node_modules\n');
    const stale = { range: { start: { line: 0, character: 14 }, end: { line: 0, character: 20 } }, code: 'dockerignore-not-a-comment', source: 'dockerfile-lsp', message: 'x' };
    expect(getIgnoreFileCodeActions(document, [stale])).toEqual([]);
    expect(getIgnoreFileCodeActions(ignoreDocument('a  # b\n'), [{ ...stale, range: { start: { line: 0, character: 3 }, end: { line: 0, character: 6 } } }], ['refactor'])).toEqual([]);
  });
});
