// Windows stages at the service level: PATH, which BuildKit sets by default only for Linux, and the
// variables of a PowerShell or cmd command, where the environment (the ARG and ENV values) is read
// as `$env:NAME` or `%NAME%`, and a PowerShell `$NAME` is the script's own variable.
import { describe, expect, it } from 'vitest';
import type { MarkupContent } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCompletions } from '../../../server/src/services/completion';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getHover } from '../../../server/src/services/hover';
import { getInlayHints } from '../../../server/src/services/inlayHints';
import { foldName } from '../../../server/src/semantics';
import { findDefinition } from '../../../server/src/services/navigation/definition';
import { findReferences } from '../../../server/src/services/navigation/references';
import { rename } from '../../../server/src/services/navigation/rename';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { SyntaxTree } from '../../../server/src/syntax';
import { parseFixture, type Fixture } from '../../lsp/fixture';

function open(source: string): { doc: AnalyzedDocument; fixture: Fixture; document: TextDocument } {
  const fixture = parseFixture(source);
  const document = TextDocument.create('file:///windows/Dockerfile', 'dockerfile', 1, fixture.text);
  return { doc: analyzedDocument(document, SyntaxTree.parse(fixture.text)), fixture, document };
}

/** The hints of the whole document as `line: word before it label` (lines from 1). */
function hints(source: string): string[] {
  const { doc, document } = open(source);
  const text = document.getText();
  return getInlayHints(doc, undefined, DEFAULT_SETTINGS.inlayHints).map((h) => {
    const offset = document.offsetAt(h.position);
    const word = text.slice(Math.max(text.lastIndexOf(' ', offset - 1), text.lastIndexOf('\n', offset - 1)) + 1, offset);
    return `${h.position.line + 1}: ${word} ${String(h.label)}`;
  });
}

/** The hover at `$0`: its Markdown and the text of its range. */
function hover(source: string): [string, string] | null {
  const { doc, fixture, document } = open(source);
  const found = getHover(doc, fixture.cursor!, 'markdown');
  if (!found) return null;
  const range = found.range!;
  return [(found.contents as MarkupContent).value, document.getText(range)];
}

/** The text at each location of a navigation answer at `$0`. */
function textsAt(source: string, find: (doc: AnalyzedDocument, fixture: Fixture) => { range: { start: unknown; end: unknown } }[] | null): string[] | null {
  const { doc, fixture, document } = open(source);
  const found = find(doc, fixture);
  return found && found.map((l) => document.getText(l.range as never));
}

const SERVERCORE = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\n';
const BUILDER_NOTE = 'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.';
const WINDOWS_PATH =
  'Not declared in this Dockerfile. In a Windows stage BuildKit sets no default `PATH` (it does for Linux): the value comes from the base image and Windows, which cannot be known without the image.';

describe('PATH in a Windows stage', () => {
  it('claims no Linux default: the value is the base image\'s and Windows\', unknown offline', () => {
    expect(hover(`${SERVERCORE}RUN echo %PA$0TH%\n`)).toEqual([`**\`PATH\`** environment variable\n\n${WINDOWS_PATH}\n\n${BUILDER_NOTE}`, '%PATH%']);
    expect(hover(`${SERVERCORE}SHELL ["pwsh", "-Command"]\nRUN echo $env:Pa$0th\n`)).toEqual([`**\`Path\`** environment variable\n\n${WINDOWS_PATH}\n\n${BUILDER_NOTE}`, '$env:Path']);
  });

  it('where the builder expands it, says it reads the image\'s configuration, empty when that sets none', () => {
    expect(hover(`${SERVERCORE}ENV PATH="C:\\tools;\${PA$0TH}"\n`)).toEqual([
      `**\`PATH\`** environment variable\n\n${WINDOWS_PATH}\n\nHere the builder expands it from the base image's configuration, not from Windows: it is empty when that configuration sets no \`PATH\`.`,
      '${PATH}',
    ]);
  });

  it('a --platform of Windows counts, and a stage built FROM a Windows stage; a Linux stage keeps the Linux default', () => {
    const windowsHover = (source: string) => hover(source)?.[0].includes(WINDOWS_PATH);
    expect(windowsHover('FROM --platform=windows/amd64 busybox\nENV PATH=C:\\x;$PA$0TH\n')).toBe(true);
    expect(windowsHover(`${SERVERCORE.replace('ltsc2022', 'ltsc2022 AS w')}FROM w\nENV PATH=C:\\x;$PA$0TH\n`)).toBe(true);
    expect(hover('FROM alpine\nENV PATH=/opt/bin:$PA$0TH\n')?.[0]).toContain('`/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` when the image sets none');
  });

  it('completion names who sets it', () => {
    const detail = (source: string) => {
      const { doc, document } = open(source);
      const list = getCompletions(doc, document.positionAt(source.length), { snippets: false, format: 'plaintext' });
      return list.items.find((i) => i.label === 'PATH')?.detail;
    };
    expect(detail(`${SERVERCORE}ENV X=$`)).toBe('set by the base image and Windows');
    expect(detail('FROM alpine\nENV X=$')).toBe('set in every stage, by the base image or BuildKit');
  });
});

describe('variables in a PowerShell command', () => {
  const head = `${SERVERCORE}ARG V=1\nENV APP=C:\\app\nSHELL ["powershell", "-Command"]\n`;

  it('hints follow $env:NAME and ${env:NAME}, never a PowerShell $NAME', () => {
    expect(hints(`${head}RUN Write-Host $env:APP ${'${env:V}'} $APP $V\nCMD Write-Host $env:APP $env:V $APP\n`)).toEqual([
      '6: $env:APP = C:\\app',
      '6: ${env:V} = 1',
      // The container has the ENV, not the ARG.
      '7: $env:APP = C:\\app',
    ]);
  });

  it('no hint where the command sets the variable itself', () => {
    expect(
      hints(
        `${head}RUN $env:APP = 'D:\\x'; Write-Host $env:APP\nRUN [Environment]::SetEnvironmentVariable('V', '2'); echo $env:V\nRUN Set-Item env:V 3; echo $env:V\nRUN echo $env:V\n`,
      ),
    ).toEqual(['9: $env:V = 1']);
  });

  it('hover on $NAME says it is the script\'s own variable, and how to read the ENV', () => {
    expect(hover(`${head}RUN Write-Host $A$0PP\n`)).toEqual([
      '**`APP`** PowerShell variable\n\nA variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.\n\nTo read the `ENV APP` of line 4, write `$env:APP`.',
      '$APP',
    ]);
    // Where the container runs the command, the ARG is gone.
    expect(hover(`${head}CMD Write-Host $$0V\n`)).toEqual([
      '**`V`** PowerShell variable\n\nA variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.',
      '$V',
    ]);
  });

  it('hover on $NAME in an ONBUILD trigger suggests only what the trigger sees: the image\'s ENV, not the stage\'s ARGs', () => {
    const trigger = 'FROM alpine:3\nSHELL ["pwsh","-c"]\nARG S=1\nENV E=2\n';
    expect(hover(`${trigger}ONBUILD RUN echo $$0S\n`)).toEqual([
      '**`S`** PowerShell variable\n\nA variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.',
      '$S',
    ]);
    expect(hover(`${trigger}ONBUILD RUN echo $$0E\n`)).toEqual([
      '**`E`** PowerShell variable\n\nA variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.\n\nTo read the `ENV E` of line 4, write `$env:E`.',
      '$E',
    ]);
  });

  it('hover on $env:NAME gives the value the environment has', () => {
    expect(hover(`${head}RUN Write-Host $env:A$0PP\n`)).toEqual([
      [
        '**`APP`** environment variable (`ENV`)',
        'Value here: `C:\\app`',
        'Declared on line 4: `ENV APP=C:\\app`',
        'Stays in the image: later instructions and every container started from the image see it.',
        BUILDER_NOTE,
      ].join('\n\n'),
      '$env:APP',
    ]);
    expect(hover(`${head}RUN Write-Host $env:FO$0O\n`)).toEqual([
      '**`FOO`** environment variable\n\nNot an `ARG` or `ENV` of this Dockerfile. The shell reads it from the environment when this step runs: one the command itself sets, or one of Windows or the base image.',
      '$env:FOO',
    ]);
  });

  it('definition and references go from $env:NAME to the ENV, and leave $NAME out', () => {
    expect(textsAt(`${head}RUN Write-Host $env:A$0PP $APP\n`, (doc, f) => findDefinition(doc, f.cursor!))).toEqual(['APP']);
    expect(textsAt(`${head}RUN Write-Host $env:APP $A$0PP\n`, (doc, f) => findDefinition(doc, f.cursor!))).toEqual(null);
    expect(textsAt(`${head}RUN Write-Host $env:A$0PP $APP %APP% ${'${env:APP}'}\n`, (doc, f) => findReferences(doc, f.cursor!, true))).toEqual(['APP', 'APP', 'APP']);
  });

  it('rename changes the name in $env:NAME and ${env:NAME}, not the script\'s $NAME', () => {
    const { doc, fixture, document } = open(`${head.replace('ENV APP', 'ENV A$0PP')}RUN Write-Host $env:APP ${'${env:APP}'} $APP\n`);
    const edits = rename(doc, fixture.cursor!, 'HOME_DIR');
    expect(Array.isArray(edits) && TextDocument.applyEdits(document, edits).split('\n').slice(3, 6)).toEqual([
      'ENV HOME_DIR=C:\\app',
      'SHELL ["powershell", "-Command"]',
      'RUN Write-Host $env:HOME_DIR ${env:HOME_DIR} $APP',
    ]);
  });

  it('rename to the name of a PowerShell $NAME is no clash; to one a Windows shell reads in another case is', () => {
    const renamed = (source: string, newName: string) => {
      const { doc, fixture } = open(source);
      const result = rename(doc, fixture.cursor!, newName);
      return Array.isArray(result) ? result.length : result;
    };
    expect(renamed(`${head.replace('ENV APP', 'ENV A$0PP')}RUN Write-Host $env:APP $NEW\n`, 'NEW')).toBe(2);
    expect(renamed(`${head.replace('ENV APP', 'ENV A$0PP')}RUN Write-Host $env:APP $env:new\n`, 'NEW')).toEqual({
      refusal: '"$NEW" is already used on line 6; renaming would change what it refers to.',
    });
    // The script's own variable has nothing to rename.
    expect(renamed(`${head}RUN Write-Host $A$0PP\n`, 'NEW')).toEqual({
      refusal: '"$APP" is a variable of the PowerShell script, not of this Dockerfile (PowerShell reads the environment as "$env:APP"), so there is nothing here to rename.',
    });
  });

  it('a HEALTHCHECK reads in the shell the image ends with, set by a SHELL after it', () => {
    const source = 'FROM alpine:3\nENV FOO=1\nHEALTHCHECK CMD echo $env:F$0OO $FOO\nSHELL ["pwsh","-c"]\n';
    expect(hover(source)).toEqual([
      [
        '**`FOO`** environment variable (`ENV`)',
        'Value here: `1`',
        'Declared on line 2: `ENV FOO=1`',
        'Stays in the image: later instructions and every container started from the image see it.',
        "Expanded by the shell when the container runs this command, from the container's environment.",
      ].join('\n\n'),
      '$env:FOO',
    ]);
    expect(hints(source.replace('$0', ''))).toEqual(['3: $env:FOO = 1']);
  });

  it('the exec form of PowerShell reads the same way, whatever the stage\'s shell', () => {
    expect(hints('FROM alpine\nENV APP=/srv\nRUN ["pwsh", "-Command", "Write-Host $env:APP $APP"]\n')).toEqual(['3: $env:APP = /srv']);
  });
});

describe('variables in a cmd command', () => {
  it('a Windows stage runs cmd by default: hints follow %NAME%, and `$NAME` is text', () => {
    // Windows reads names regardless of case.
    expect(hints(`${SERVERCORE}ENV APP=C:\\app\nRUN echo %APP% $APP %app%\nRUN set APP=x && echo %APP%\nRUN set "app=y" && echo %APP%\n`)).toEqual([
      '4: %APP% = C:\\app',
      '4: %app% = C:\\app',
    ]);
  });

  it('hover on %NAME% gives the value; on `$NAME` nothing, as cmd reads no `$`', () => {
    expect(hover(`${SERVERCORE}ENV APP=C:\\app\nRUN echo %A$0PP%\n`)?.[1]).toBe('%APP%');
    expect(hover(`${SERVERCORE}ENV APP=C:\\app\nRUN echo $A$0PP\n`)).toBeNull();
  });

  it('a Linux stage reads its shell form as a POSIX shell\'s, whatever the escape', () => {
    expect(hints('# escape=`\nFROM alpine\nENV APP=/srv\nRUN echo $APP %APP%\n')).toEqual(['4: $APP = /srv']);
  });
});

describe('names regardless of case: in a Windows stage, not on Linux whatever the shell', () => {
  const PWSH_LINUX = 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL ["pwsh", "-Command"]\n';

  it('a later ENV of another case is the variable: hints, hover and definition read it from every spelling', () => {
    const source = `${SERVERCORE}ENV MyVar=1\nENV MYVAR=2\nRUN echo %MyVar% %myvar%\n`;
    expect(hints(source)).toEqual(['5: %MyVar% = 2', '5: %myvar% = 2']);
    expect(hover(source.replace('%myvar%', '%my$0var%'))?.[0].split('\n\n').slice(0, 3)).toEqual([
      '**`myvar`** environment variable (`ENV`)',
      'Value here: `2`',
      'Declared on line 4: `ENV MYVAR=2`',
    ]);
    expect(textsAt(source.replace('%MyVar%', '%My$0Var%'), (doc, f) => findDefinition(doc, f.cursor!))).toEqual(['MYVAR']);
  });

  it('what the builder expands and what cmd reads agree', () => {
    const source = `${SERVERCORE}ENV MyDir=C:\\app\nWORKDIR $MYDIR\nRUN echo %MYDIR%\n`;
    expect(textsAt(source.replace('$MYDIR', '$MY$0DIR'), (doc, f) => findDefinition(doc, f.cursor!))).toEqual(['MyDir']);
    expect(textsAt(source.replace('%MYDIR%', '%MY$0DIR%'), (doc, f) => findDefinition(doc, f.cursor!))).toEqual(['MyDir']);
    expect(hints(source)).toEqual(['4: $MYDIR = C:\\app', '5: %MYDIR% = C:\\app']);
  });

  it('PowerShell on Linux reads the environment case-sensitively: $env:myvar is not ENV MyVar, $env:Path not PATH', () => {
    expect(hints(`${PWSH_LINUX}ENV MyVar=1\nRUN echo $env:myvar $env:MyVar\n`)).toEqual(['4: $env:MyVar = 1']);
    expect(textsAt(`${PWSH_LINUX}ENV MyVar=1\nRUN echo $env:my$0var\n`, (doc, f) => findDefinition(doc, f.cursor!))).toBeNull();
    expect(hover(`${PWSH_LINUX}RUN echo $env:Pa$0th\n`)).toEqual([
      '**`Path`** environment variable\n\nNot an `ARG` or `ENV` of this Dockerfile. The shell reads it from the environment when this step runs: one the command itself sets, or one of Windows or the base image.',
      '$env:Path',
    ]);
  });

  it('the command sets the variable itself only in the case the OS reads: no hint on Windows, one on Linux', () => {
    const run = "ENV MyVar=1\nRUN $env:myvar = 'x'; echo $env:MyVar\n";
    expect(hints(`${SERVERCORE}SHELL ["powershell", "-Command"]\n${run}`)).toEqual([]);
    expect(hints(`${PWSH_LINUX}${run}`)).toEqual(['4: $env:MyVar = 1']);
  });

  it('references of a name nobody declares gather every spelling in a Windows stage, only the exact one on Linux', () => {
    const refs = (source: string) => textsAt(source, (doc, f) => findReferences(doc, f.cursor!, true));
    expect(refs(`${SERVERCORE}RUN echo %Te$0mp% %TEMP%\nRUN echo %temp%\n`)).toEqual(['Temp', 'TEMP', 'temp']);
    expect(refs(`${PWSH_LINUX}RUN echo $env:Te$0mp $env:TEMP $env:Temp\n`)).toEqual(['Temp', 'Temp']);
  });

  it('completion offers a Windows stage\'s PATH once, in the case its ENV writes it', () => {
    const labels = (source: string) => {
      const { doc, document } = open(source);
      return getCompletions(doc, document.positionAt(source.length), { snippets: false, format: 'plaintext' })
        .items.map((i) => i.label)
        .filter((label) => foldName(label) === 'PATH');
    };
    expect(labels(`${SERVERCORE}ENV Path=C:\\x\nENV X=$`)).toEqual(['Path']);
    expect(labels('FROM alpine\nENV Path=/x\nENV X=$')).toEqual(['Path', 'PATH']);
  });

  it('rename: a name in another case clashes in a Windows stage only', () => {
    const refusal = (source: string, newName: string) => {
      const { doc, fixture } = open(source);
      const result = rename(doc, fixture.cursor!, newName);
      return Array.isArray(result) ? result.length : result;
    };
    expect(refusal(`${SERVERCORE}ENV A$0PP=1\nENV MyVar=2\nRUN echo %APP%\n`, 'MYVAR')).toEqual({
      refusal: '"MYVAR" is already declared on line 4; renaming would change which value its uses get.',
    });
    expect(refusal(`${SERVERCORE}ENV A$0PP=1\nRUN echo %APP%\n`, 'Path')).toEqual({
      refusal: '"PATH" is where every later RUN looks for programs (BuildKit always sets it); a variable of that name would change how they run.',
    });
    // A new spelling of its own name is no clash.
    expect(refusal(`${SERVERCORE}ENV A$0PP=1\nRUN echo %app%\n`, 'App')).toBe(2);
    expect(refusal(`${PWSH_LINUX}ENV A$0PP=1\nENV MyVar=2\nRUN echo $env:APP $env:myvar\n`, 'MYVAR')).toBe(2);
  });
});

// BuildKit runs a `#!` heredoc body as a program only when the image's OS is not Windows
// (dispatchRun checks `d.image.OS != "windows"` before the `#!`); on Windows the shell gets the
// body as its command line, like any heredoc that is the whole RUN.
describe('a RUN that is only a heredoc with a `#!` line, in a Windows stage', () => {
  const python = (stage: string, line: string) => `${stage}ENV APP=C:\\app\nRUN <<EOF\n#!/usr/bin/env python3\n${line}\nEOF\n`;

  it('hints and references follow the variables the shell reads in the body', () => {
    expect(hints(python(SERVERCORE, 'echo %APP%'))).toEqual(['6: %APP% = C:\\app']);
    expect(textsAt(python(SERVERCORE, 'echo %A$0PP%'), (doc, f) => findReferences(doc, f.cursor!, true))).toEqual(['APP', 'APP']);
    // A POSIX SHELL of a Windows stage gets it too: `$APP` is then its variable.
    expect(hints(python(`${SERVERCORE}SHELL ["bash", "-c"]\n`, 'echo $APP'))).toEqual(['7: $APP = C:\\app']);
    // On Linux the program on the `#!` line runs the body, whatever the SHELL.
    expect(hints(python('FROM alpine\n', 'print("$APP")'))).toEqual([]);
    expect(hints(python('FROM alpine\nSHELL ["pwsh", "-Command"]\n', 'print("$env:APP")'))).toEqual([]);
  });

  it('rename changes the name in the body and may rename the heredoc, which names no file there', () => {
    const { doc, fixture, document } = open(python(SERVERCORE, 'echo %APP%').replace('ENV APP', 'ENV A$0PP'));
    const edits = rename(doc, fixture.cursor!, 'HOME_DIR');
    expect(Array.isArray(edits) && TextDocument.applyEdits(document, edits).split('\n').slice(2, 7)).toEqual([
      'ENV HOME_DIR=C:\\app',
      'RUN <<EOF',
      '#!/usr/bin/env python3',
      'echo %HOME_DIR%',
      'EOF',
    ]);
    const heredoc = open(python(SERVERCORE, 'echo %APP%').replace('RUN <<EOF', 'RUN <<E$0OF'));
    const renamed = rename(heredoc.doc, heredoc.fixture.cursor!, 'END');
    expect(Array.isArray(renamed) && TextDocument.applyEdits(heredoc.document, renamed).split('\n').slice(3, 7)).toEqual([
      'RUN <<END',
      '#!/usr/bin/env python3',
      'echo %APP%',
      'END',
    ]);
  });

  it('completion offers the variables the shell reads', () => {
    const { doc, fixture } = open(python(SERVERCORE, 'echo %AP$0'));
    const labels = getCompletions(doc, fixture.cursor!, { snippets: false, format: 'plaintext' }).items.map((i) => i.label);
    expect(labels.filter((label) => label.includes('APP'))).toEqual(['%APP%']);
  });

  it('hover on the marker says the shell runs the body', () => {
    const text = hover(python(SERVERCORE, 'echo %APP%').replace('RUN <<EOF', 'RUN <<E$0OF'))?.[0] ?? '';
    expect(text).toContain('The builder leaves variables in the body to the shell that runs it.');
    expect(text).not.toContain('The program on the `#!` line runs the body');
  });
});
