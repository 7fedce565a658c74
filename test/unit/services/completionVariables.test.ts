// Variable completion offers a name only where `$` starts a reference: not after an escaped `$`,
// nor after `$$`, the shell's and BuildKit's special parameter (the process id).
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCompletions } from '../../../server/src/services/completion';
import { analyzedDocument } from '../../../server/src/services/document';
import { SyntaxTree } from '../../../server/src/syntax';

/** The labels offered at `|` that name the ARG VERSION. */
function offered(fixture: string): string[] {
  const offset = fixture.indexOf('|');
  const text = fixture.replace('|', '');
  const document = TextDocument.create('file:///completion/Dockerfile', 'dockerfile', 1, text);
  const list = getCompletions(analyzedDocument(document, SyntaxTree.parse(text)), document.positionAt(offset), { snippets: false, format: 'plaintext' });
  return list.items.map((i) => i.label).filter((l) => l === 'VERSION');
}

describe('variable completion after $', () => {
  const head = 'FROM a\nARG VERSION=1\n';

  it('offers the variable after an odd run of $, and none after $$', () => {
    expect(offered(head + 'RUN echo $VE|')).toEqual(['VERSION']);
    expect(offered(head + 'RUN echo $$VE|')).toEqual([]);
    expect(offered(head + 'RUN echo $$${VE|')).toEqual(['VERSION']);
    expect(offered(head + 'ENV X=$$VE|')).toEqual([]);
  });

  it('counts an escaped $ as text', () => {
    expect(offered(head + 'ENV X=\\$VE|')).toEqual([]);
    expect(offered(head + 'ENV X=\\$$VE|')).toEqual(['VERSION']);
  });

  it('in a stage built FROM one with ONBUILD ENV or ARG, the variables they set there, named as triggers, with their values there', () => {
    const text = 'FROM a AS base\nARG ROOT=/srv\nONBUILD ENV APP=$ROOT/app\nONBUILD ARG MODE\nFROM base\nRUN echo $';
    const document = TextDocument.create('file:///completion/Dockerfile', 'dockerfile', 1, text);
    const list = getCompletions(analyzedDocument(document, SyntaxTree.parse(text)), document.positionAt(text.length), { snippets: false, format: 'plaintext' });
    expect(list.items.filter((i) => ['ROOT', 'APP', 'MODE'].includes(i.label)).map((i) => [i.label, i.detail])).toEqual([
      ['ROOT', 'ARG ROOT=/srv'],
      ['APP', 'ONBUILD ENV APP=/srv/app'],
      ['MODE', 'ONBUILD ARG MODE'],
    ]);
  });

  it('the ENV an ARG overrides while the image builds, where the container expands the text, with its own value', () => {
    const text = 'FROM a\nENV MODE=env\nARG MODE=arg\nCMD echo $';
    const document = TextDocument.create('file:///completion/Dockerfile', 'dockerfile', 1, text);
    const list = getCompletions(analyzedDocument(document, SyntaxTree.parse(text)), document.positionAt(text.length), { snippets: false, format: 'plaintext' });
    expect(list.items.filter((i) => i.label === 'MODE').map((i) => i.detail)).toEqual(['ENV MODE=env']);
  });
});
