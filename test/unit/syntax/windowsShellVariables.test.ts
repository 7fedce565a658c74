// References in text that PowerShell or cmd runs: what reads the environment (`$env:NAME`,
// `%NAME%`), what is the script's own (PowerShell's `$name`), and the exec form's Windows shells.
import { describe, expect, it } from 'vitest';
import { SyntaxTree, shellFormVariables, type InstructionNode, type VariableRef } from '../../../server/src/syntax';
import { scanCmdVariables, scanPowerShellVariables, type WindowsShellReference } from '../../../server/src/syntax/windowsShellVariables';
import { readCorpusFile, readExpected } from './corpus';

/** Each reference as `text [name] local?`. */
function shown(text: string, refs: readonly (WindowsShellReference | VariableRef)[]): string[] {
  return refs.map((r) => `${text.slice(r.start, r.end)} [${text.slice(r.nameSpan.start, r.nameSpan.end)}]${r.local ? ' local' : ''}`);
}

describe('PowerShell references', () => {
  const scan = (text: string) => shown(text, scanPowerShellVariables(text, 0, text.length));

  it('$env:NAME and ${env:NAME} read the environment, in any case of `env`; $name and scoped names are the script\'s', () => {
    expect(scan('Write-Host $env:APP ${env:APP_HOME} $Env:Path $x $script:y ${my var} $_')).toEqual([
      '$env:APP [APP]',
      '${env:APP_HOME} [APP_HOME]',
      '$Env:Path [Path]',
      '$x [x] local',
      '$script:y [script:y] local',
      '${my var} [my var] local',
      '$_ [_] local',
    ]);
  });

  it('reads names up to a character that ends them, and ${env:…} up to its brace', () => {
    expect(scan('"$env:A\\bin;$env:B.Length" ${env:ProgramFiles(x86)}')).toEqual(['$env:A [A]', '$env:B [B]', '${env:ProgramFiles(x86)} [ProgramFiles(x86)]']);
  });

  it('nothing in single quotes, here-strings of them, comments, or after the backtick escape', () => {
    expect(scan("echo '$env:A' `$env:B # $env:C\necho <# $env:D #> $env:E")).toEqual(['$env:E [E]']);
    expect(scan("$v = @'\n$env:A\n'@\n$w = @\"\n$env:B \"q\"\n\"@")).toEqual(['$v [v] local', '$w [w] local', '$env:B [B]']);
  });

  it('double quotes and subexpressions expand; `$(`, `$$` and `$?` name nothing', () => {
    expect(scan('"x $($env:A) $$ $? y"')).toEqual(['$env:A [A]']);
  });
});

describe('cmd references', () => {
  const scan = (text: string) => shown(text, scanCmdVariables(text, 0, text.length));

  it('%NAME% in or out of quotes; no `$`', () => {
    expect(scan('echo %APP% "%ProgramFiles(x86)%\\x" $APP')).toEqual(['%APP% [APP]', '%ProgramFiles(x86)% [ProgramFiles(x86)]']);
  });

  it('text between percent signs that is no name leaves the second one to open a reference', () => {
    expect(scan('for %i in (a) do echo %A% 50% %B:~0,2% %C%')).toEqual(['%A% [A]', '%C% [C]']);
  });
});

describe('exec form with a Windows shell', () => {
  function variables(line: string): string[] {
    const text = `FROM a\n${line}\n`;
    const tree = SyntaxTree.parse(text);
    const node = tree.node(1) as InstructionNode;
    return node.variables.map((r) => `${shown(tree.nodeText(1), [r])[0]} ${r.context.kind} ${r.shell ?? 'posix'}`);
  }

  it('PowerShell reads its command line in its own syntax', () => {
    expect(variables('RUN ["powershell", "-Command", "Write-Host $env:A $b"]')).toEqual(['$env:A [A] shell powershell', '$b [b] local shell powershell']);
    expect(variables('CMD ["C:\\\\Program Files\\\\PowerShell\\\\7\\\\pwsh.exe", "-c", "$env:A"]')).toEqual(['$env:A [A] shell powershell']);
  });

  it('cmd reads %NAME%, also without any `$` in the instruction', () => {
    expect(variables('RUN ["cmd", "/S", "/C", "echo %A% $B"]')).toEqual(['%A% [A] shell cmd']);
  });

  it('a POSIX shell\'s script is read as before', () => {
    expect(variables('RUN ["sh", "-c", "echo $A %B%"]')).toEqual(['$A [A] shell posix']);
  });
});

describe('shellFormVariables', () => {
  it('reads a shell form again as PowerShell or cmd, across continuation lines, keeping builder-expanded flags', () => {
    const text = '# escape=`\nFROM a\nRUN --mount=type=cache,target=$D Write-Host $env:A `\n  $b %C%\n';
    const tree = SyntaxTree.parse(text);
    const index = 2;
    const node = tree.node(index) as InstructionNode;
    const nodeText = tree.nodeText(index);
    const read = (shell?: 'powershell' | 'cmd') => shellFormVariables(node, nodeText, tree.escape, shell).map((r) => `${shown(nodeText, [r])[0]} ${r.context.kind}`);
    expect(read('powershell')).toEqual(['$D [D] flag', '$env:A [A] shell', '$b [b] local shell']);
    expect(read('cmd')).toEqual(['$D [D] flag', '%C% [C] shell']);
    expect(read()).toEqual(['$D [D] flag', '$env [env] shell', '$b [b] shell']);
  });

  it('a RUN that is only a heredoc runs the body as the script; other bodies are no Windows shell\'s text', () => {
    const text = 'FROM a\nRUN <<EOF\nWrite-Host $env:A\nEOF\nRUN cat <<EOF\n$env:B\nEOF\n';
    const tree = SyntaxTree.parse(text);
    const read = (index: number) =>
      shellFormVariables(tree.node(index) as InstructionNode, tree.nodeText(index), tree.escape, 'powershell').map((r) => shown(tree.nodeText(index), [r])[0]);
    expect(read(1)).toEqual(['$env:A [A]']);
    expect(read(2)).toEqual([]);
  });

  it('without a shell, gives every corpus instruction its own references (the logical line maps back as the parse did)', () => {
    let checked = 0;
    for (const expected of readExpected('real-world')) {
      const tree = SyntaxTree.parse(readCorpusFile('real-world', expected.file));
      tree.forEach((node, _start, index) => {
        if (node.kind !== 'instruction' || node.variables.length === 0) return;
        expect(shellFormVariables(node, tree.nodeText(index), tree.escape), `${expected.file} node ${index}`).toEqual(node.variables);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('as either Windows shell, every reference of every corpus instruction lies in the node, its name inside it', () => {
    for (const expected of readExpected('real-world')) {
      const tree = SyntaxTree.parse(readCorpusFile('real-world', expected.file));
      tree.forEach((node, _start, index) => {
        if (node.kind !== 'instruction') return;
        const text = tree.nodeText(index);
        for (const shell of ['powershell', 'cmd'] as const) {
          for (const ref of shellFormVariables(node, text, tree.escape, shell)) {
            const inside = 0 <= ref.start && ref.start <= ref.nameSpan.start && ref.nameSpan.start < ref.nameSpan.end && ref.nameSpan.end <= ref.end && ref.end <= text.length;
            expect(inside, `${expected.file} node ${index} ${shell} ${JSON.stringify(ref)}`).toBe(true);
            expect(text.slice(ref.nameSpan.start, ref.nameSpan.end)).toBe(ref.name);
          }
        }
      });
    }
  });
});
