import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { getIgnoreFileCodeActions, getIgnoreFileDiagnostics } from '../../services/ignoreFile';
import { DEFAULT_SETTINGS } from '../../settings';
import { checkIgnoreFile, ignoreDocument } from '../../../../test/unit/services/ignoreFile/harness';

/** Each fix offered for the rule's diagnostics, as [title, the text after it]. */
function fixed(text: string): [string, string][] {
  const document = ignoreDocument(text);
  const diagnostics = getIgnoreFileDiagnostics(document, DEFAULT_SETTINGS).filter((d) => d.code === 'dockerignore-exclusion-first');
  return getIgnoreFileCodeActions(document, diagnostics).map((action) => [action.title, TextDocument.applyEdits(document, action.edit!.changes![document.uri])]);
}

const only = ['dockerignore-exclusion-first'];
const message = (written: string) =>
  `'${written}' brings nothing back: BuildKit applies a '!' line only to paths a line above it excludes, and no line above this one excludes anything. Move it below the line it is an exception to.`;

describe('dockerignore-exclusion-first', () => {
  it('reports the ! lines above every other pattern', () => {
    checkIgnoreFile('# keep the readme\n$[!README.md$]\n  $[! docs/keep$]\n\n*.md\n!CHANGELOG.md\n', [
      { code: 'dockerignore-exclusion-first', message: message('!README.md') },
      { code: 'dockerignore-exclusion-first', message: message('! docs/keep') },
    ], { only });
  });

  it('says nothing where a pattern comes first, and leaves a bare ! to invalid-dockerignore', () => {
    checkIgnoreFile('*\n!src\n', [], { only });
    checkIgnoreFile('!\n', [], { only });
    checkIgnoreFile('', [], { only });
  });

  it('moves it to the end of the file, where it wins over every line that excludes', () => {
    expect(fixed('# docs\n!README.md\n*.md\n')).toEqual([['Move it to the end of the file', '# docs\n*.md\n!README.md\n']]);
    expect(fixed('!a\r\nb\r\nc')).toEqual([['Move it to the end of the file', 'b\r\nc\r\n!a\r\n']]);
    // Nothing to move below when no line excludes anything.
    expect(fixed('!a\n!b\n')).toEqual([]);
  });
});
