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

  it('offers the variable in a quoted RUN heredoc body only where a shell reads it as its script', () => {
    expect(offered(head + "RUN sh <<'EOF'\necho $VE|\nEOF\n")).toEqual(['VERSION']);
    expect(offered(head + "RUN <<'EOF'\necho $VE|\nEOF\n")).toEqual(['VERSION']);
    expect(offered(head + "RUN cat <<'EOF' >/x\n$VE|\nEOF\n")).toEqual([]);
    expect(offered(head + 'RUN cat <<EOF >/x\n$VE|\nEOF\n')).toEqual(['VERSION']);
  });

  it('offers the variable in the body of a RUN that is only its heredoc when a line continuation splits the marker', () => {
    expect(offered(head + "RUN <<\\\n'EOF'\necho $VE|\nEOF\n")).toEqual(['VERSION']);
    expect(offered("FROM a\nENV VERSION=1\nONBUILD RUN << \\\n'EOF'\necho $VE|\nEOF\n")).toEqual(['VERSION']);
    // Run by its `#!` interpreter, the body's `$` is python's own text.
    expect(offered(head + 'RUN <<\\\nEOF\n#!/usr/bin/env python3\nprint("$VE|")\nEOF\n')).toEqual([]);
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

describe('variable completion in the text of a Windows shell', () => {
  /** Each item offered at `|`: `label: text it replaces -> text it inserts`, the proxy arguments left out. */
  function items(fixture: string, trigger?: string): string[] {
    const offset = fixture.indexOf('|');
    const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
    const document = TextDocument.create('file:///completion/Dockerfile', 'dockerfile', 1, text);
    const list = getCompletions(analyzedDocument(document, SyntaxTree.parse(text)), document.positionAt(offset), {
      snippets: false,
      format: 'plaintext',
      ...(trigger ? { triggerCharacter: trigger } : {}),
    });
    return list.items
      .filter((i) => !/proxy/i.test(i.label))
      .map((i) => {
        const edit = i.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
        return `${i.label}: ${text.slice(document.offsetAt(edit.range.start), document.offsetAt(edit.range.end))} -> ${edit.newText}`;
      });
  }

  const pwsh = 'FROM alpine\nARG V=1\nENV APP=/app\nSHELL ["pwsh", "-Command"]\n';
  const windows = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG V=1\nENV APP=C:/app\n';

  it('under PowerShell, the environment forms, for whatever of them has been typed', () => {
    expect(items(`${pwsh}RUN echo $|`, '$')).toEqual(['$env:V: $ -> $env:V', '$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
    expect(items(`${pwsh}RUN echo $e|`)).toEqual(['$env:V: $e -> $env:V', '$env:APP: $e -> $env:APP', '$env:PATH: $e -> $env:PATH']);
    expect(items(`${pwsh}RUN echo $env:A|`)).toEqual(['$env:V: $env:A -> $env:V', '$env:APP: $env:A -> $env:APP', '$env:PATH: $env:A -> $env:PATH']);
    expect(items(`${pwsh}RUN echo "\${env:|"`)).toEqual(['${env:V}: ${env: -> ${env:V}', '${env:APP}: ${env: -> ${env:APP}', '${env:PATH}: ${env: -> ${env:PATH}']);
    // The closing brace already there is kept.
    expect(items(`${pwsh}RUN echo \${|}`, '{')).toEqual(['${env:V}: ${ -> ${env:V', '${env:APP}: ${ -> ${env:APP', '${env:PATH}: ${ -> ${env:PATH']);
    // The container of CMD has the image's ENV only.
    expect(items(`${pwsh}CMD echo $|`, '$')).toEqual(['$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
  });

  it('under PowerShell, nothing for another scope, an escaped $ or single quotes; BuildKit\'s own text keeps its forms', () => {
    expect(items(`${pwsh}RUN echo $script:|`)).toEqual([]);
    expect(items(`${pwsh}RUN echo \`$|`, '$')).toEqual([]);
    expect(items(`${pwsh}RUN echo '$|`, '$')).toEqual([]);
    expect(items(`${pwsh}ENV X=$|`, '$')).toEqual(['V:  -> V', 'APP:  -> APP', 'PATH:  -> PATH']);
    expect(items(`${pwsh}RUN --mount=type=cache,target=$| x`, '$')).toEqual(['V:  -> V', 'APP:  -> APP', 'PATH:  -> PATH']);
  });

  it('under cmd, %NAME% after an opening %, and nothing after $', () => {
    expect(items(`${windows}RUN echo %|`, '%')).toEqual(['%V%: % -> %V%', '%APP%: % -> %APP%', '%PATH%: % -> %PATH%']);
    expect(items(`${windows}RUN echo %A|%`)).toEqual(['%V%: %A -> %V', '%APP%: %A -> %APP', '%PATH%: %A -> %PATH']);
    expect(items(`${windows}RUN echo %V% 50% %|`, '%')).toEqual(['%V%: % -> %V%', '%APP%: % -> %APP%', '%PATH%: % -> %PATH%']);
    // The % that closes a reference opens none.
    expect(items(`${windows}RUN echo %V%|`, '%')).toEqual([]);
    expect(items(`${windows}RUN echo $|`, '$')).toEqual([]);
  });

  it('under cmd, in the PowerShell script the line starts, the environment forms, as the parser reads them', () => {
    const env = ['$env:V: $env: -> $env:V', '$env:APP: $env: -> $env:APP', '$env:PATH: $env: -> $env:PATH'];
    expect(items(`${windows}RUN powershell -Command "echo $env:|`)).toEqual(env);
    expect(items(`${windows}RUN powershell -NoProfile -ExecutionPolicy Bypass echo $env:|`)).toEqual(env);
    expect(items(`${windows}RUN pwsh -c "\${|`, '{')).toEqual(['${env:V}: ${ -> ${env:V}', '${env:APP}: ${ -> ${env:APP}', '${env:PATH}: ${ -> ${env:PATH}']);
    expect(items('FROM alpine\nARG V=1\nSHELL ["cmd", "/S", "/C"]\nRUN powershell -Command echo $|', '$')).toEqual(['$env:V: $ -> $env:V', '$env:PATH: $ -> $env:PATH']);
    // The container's cmd, and a trigger's in the stage that runs it.
    expect(items(`${windows}CMD powershell -Command echo $env:|`)).toEqual(['$env:APP: $env: -> $env:APP', '$env:PATH: $env: -> $env:PATH']);
    expect(items(`${windows}ONBUILD RUN powershell -Command echo $env:|`)).toEqual(['$env:APP: $env: -> $env:APP', '$env:PATH: $env: -> $env:PATH']);
    // cmd still expands %NAME% in the line first.
    expect(items(`${windows}RUN powershell -Command echo %|`, '%')).toEqual(['%V%: % -> %V%', '%APP%: % -> %APP%', '%PATH%: % -> %PATH%']);
    // PowerShell's single quotes (cmd's double quotes gone), a script file, and cmd's own text: nothing after $.
    expect(items(`${windows}RUN powershell -Command "echo '$|`, '$')).toEqual([]);
    expect(items(`${windows}RUN powershell -File x.ps1 $|`, '$')).toEqual([]);
    expect(items(`${windows}RUN pwsh x.ps1 $|`, '$')).toEqual([]);
    expect(items(`${windows}RUN echo $| && powershell -Command x`, '$')).toEqual([]);
  });

  it('in a Windows stage, each proxy argument once, as Windows reads their names regardless of case', () => {
    const proxies = (fixture: string, trigger: string) => {
      const offset = fixture.indexOf('|');
      const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
      const document = TextDocument.create('file:///completion/Dockerfile', 'dockerfile', 1, text);
      const list = getCompletions(analyzedDocument(document, SyntaxTree.parse(text)), document.positionAt(offset), { snippets: false, format: 'plaintext', triggerCharacter: trigger });
      return list.items.map((i) => i.label).filter((l) => /proxy/i.test(l));
    };
    expect(proxies(`${windows}ENV Http_Proxy=x\nRUN echo %|`, '%')).toEqual(['%Http_Proxy%', '%HTTPS_PROXY%', '%FTP_PROXY%', '%NO_PROXY%', '%ALL_PROXY%']);
    expect(proxies('FROM alpine\nRUN echo $|', '$')).toHaveLength(10);
  });

  it('the shell of an exec form\'s script, an ONBUILD trigger\'s shell and a RUN heredoc\'s', () => {
    expect(items(`${windows}RUN ["powershell", "-Command", "echo $env:|`)).toEqual(['$env:V: $env: -> $env:V', '$env:APP: $env: -> $env:APP', '$env:PATH: $env: -> $env:PATH']);
    // A trigger runs in the shell the image ends with, and sees its ENV.
    expect(items('FROM alpine\nENV APP=/app\nONBUILD RUN echo $|\nSHELL ["pwsh", "-Command"]\n', '$')).toEqual(['$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
    expect(items(`${pwsh}RUN <<EOF\necho $|\nEOF\n`, '$')).toEqual(['$env:V: $ -> $env:V', '$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
    // Also when a line continuation splits the marker: the body is still the whole command.
    expect(items(`${pwsh}RUN <<\\\nEOF\necho $|\nEOF\n`, '$')).toEqual(['$env:V: $ -> $env:V', '$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
    // The container runs a HEALTHCHECK in the shell the image ends with.
    expect(items('FROM alpine\nENV APP=/app\nHEALTHCHECK CMD echo $|\nSHELL ["pwsh", "-Command"]\n', '$')).toEqual(['$env:APP: $ -> $env:APP', '$env:PATH: $ -> $env:PATH']);
    // PowerShell has no here-documents: the body of `cat <<EOF` is data nothing expands.
    expect(items(`${pwsh}RUN cat <<EOF\n$|\nEOF\n`, '$')).toEqual([]);
  });

  it('a typed % opens nothing elsewhere', () => {
    expect(items('FROM alpine\nRUN date +%|', '%')).toEqual([]);
    expect(items('FROM alpine\nENV X=${Y%|', '%')).toEqual([]);
    expect(items('FROM %|', '%')).toEqual([]);
    expect(items('FROM alpine\n# %|', '%')).toEqual([]);
  });
});
