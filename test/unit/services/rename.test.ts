// Rename at the service level: the renamed Dockerfile means what it meant, with every place the
// builder or the shell reads the variable renamed and nothing else.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../../../server/src/services/document';
import { prepareRename, rename } from '../../../server/src/services/navigation/rename';
import { SyntaxTree } from '../../../server/src/syntax';
import { parseFixture } from '../../lsp/fixture';

/** Renames at `$0` and returns the text (or the refusal). */
function renamed(fixture: string, newName: string): string {
  const { text, cursor } = parseFixture(fixture);
  const document = TextDocument.create('file:///rename/Dockerfile', 'dockerfile', 1, text);
  const result = rename(analyzedDocument(document, SyntaxTree.parse(text)), cursor!, newName);
  if (!result || !Array.isArray(result)) return JSON.stringify(result);
  return TextDocument.applyEdits(document, result);
}

/** What prepareRename answers at `$0`: the placeholder, or the refusal. */
function prepared(fixture: string): string {
  const { text, cursor } = parseFixture(fixture);
  const document = TextDocument.create('file:///rename/Dockerfile', 'dockerfile', 1, text);
  const result = prepareRename(analyzedDocument(document, SyntaxTree.parse(text)), cursor!);
  return result && 'placeholder' in result ? result.placeholder : JSON.stringify(result);
}

const refused = (refusal: string): string => JSON.stringify({ refusal });

describe('rename of a variable', () => {
  it('renames a global ARG with the ONBUILD ARG that takes its value, and the uses in the stages built FROM that stage', () => {
    const text = 'ARG G=1\nFROM a AS base\nONBUILD ARG G\nFROM base\nRUN echo $G\n';
    const expected = 'ARG H=1\nFROM a AS base\nONBUILD ARG H\nFROM base\nRUN echo $H\n';
    expect(renamed(text.replace('ARG G=1', 'ARG G$0=1'), 'H')).toBe(expected);
    expect(renamed(text.replace('ONBUILD ARG G', 'ONBUILD ARG G$0'), 'H')).toBe(expected);
    expect(renamed(text.replace('echo $G', 'echo $G$0'), 'H')).toBe(expected);
  });

  it('renames it in the body of a RUN that is only a heredoc, quoted marker or not (BuildKit runs the body as the script)', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'EOF'\necho $FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'EOF'\necho $BAR\nEOF\n");
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<"EOF"\n#!/bin/bash\necho $FOO\nEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<"EOF"\n#!/bin/bash\necho $BAR\nEOF\n');
  });

  it('renames it in a quoted heredoc body that a shell of the command reads as its script, not in one another program reads', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'EOF' sh\necho $FOO '$FOO'\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'EOF' sh\necho $BAR '$FOO'\nEOF\n");
    expect(renamed("FROM a\nENV FO$0O=1\nRUN bash -s <<'E' && cat <<'F'\necho ${FOO:-x}\nE\n$FOO\nF\n", 'BAR')).toBe(
      "FROM a\nENV BAR=1\nRUN bash -s <<'E' && cat <<'F'\necho ${BAR:-x}\nE\n$FOO\nF\n",
    );
    expect(renamed("FROM a\nARG FOO=1\nRUN <<-'E' bash\n\techo $FO$0O\n\tE\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<-'E' bash\n\techo $BAR\n\tE\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN python3 <<'E'; sh -c 'cat' <<'F'\nprint('$FOO')\nE\n$FOO\nF\n", 'BAR')).toBe(
      "FROM a\nARG BAR=1\nRUN python3 <<'E'; sh -c 'cat' <<'F'\nprint('$FOO')\nE\n$FOO\nF\n",
    );
  });

  it('renames it in a quoted body that a plain cat pipes into a shell, not when cat adds to it', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN cat <<'EOF' | bash -s\necho $FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN cat <<'EOF' | bash -s\necho $BAR\nEOF\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN cat -A <<'EOF' | sh\necho $FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN cat -A <<'EOF' | sh\necho $FOO\nEOF\n");
  });

  it('renames `$env:NAME` where cmd starts PowerShell on a script, and `%NAME%`, but not a file\'s arguments or verbatim strings', () => {
    const windows = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';
    const text =
      `${windows}ENV FO$0O=1\n` +
      `RUN powershell -Command "Write-Host $env:FOO %FOO% '$env:FOO'" && echo $FOO\n` +
      'RUN pwsh -NoProfile -ExecutionPolicy Bypass -c Write-Host ${env:FOO}\n' +
      'RUN pwsh ./run.ps1 $env:FOO && powershell -File x.ps1 $env:FOO\n';
    expect(renamed(text, 'BAR')).toBe(
      `${windows}ENV BAR=1\n` +
        `RUN powershell -Command "Write-Host $env:BAR %BAR% '$env:FOO'" && echo $FOO\n` +
        'RUN pwsh -NoProfile -ExecutionPolicy Bypass -c Write-Host ${env:BAR}\n' +
        'RUN pwsh ./run.ps1 $env:FOO && powershell -File x.ps1 $env:FOO\n',
    );
    // A cmd SHELL on any image.
    expect(renamed('FROM a\nSHELL ["cmd", "/S", "/C"]\nARG FO$0O=1\nRUN powershell.exe $env:FOO\n', 'BAR')).toBe('FROM a\nSHELL ["cmd", "/S", "/C"]\nARG BAR=1\nRUN powershell.exe $env:BAR\n');
  });

  it('leaves a quoted heredoc alone where the shell reads it as text', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN cat <<'EOF'\n$FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN cat <<'EOF'\n$FOO\nEOF\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'A' <<B\n$FOO\nA\n$FOO\nB\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'A' <<B\n$FOO\nA\n$BAR\nB\n");
    expect(renamed("FROM a\nARG FO$0O=1\nCOPY <<'EOF' /x\n$FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nCOPY <<'EOF' /x\n$FOO\nEOF\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'EOF'\n#!/usr/bin/env python3\nprint('$FOO')\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'EOF'\n#!/usr/bin/env python3\nprint('$FOO')\nEOF\n");
    // BuildKit looks for `#!` after `<<-` strips the tabs (frontend 1.21, moby/buildkit#6402): indented
    // or not, python runs the script, and `$FOO` is its own text.
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<-EOF\n\t#!/usr/bin/env python3\n\tprint("$FOO")\n\tEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<-EOF\n\t#!/usr/bin/env python3\n\tprint("$FOO")\n\tEOF\n');
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<-EOF\n#!/usr/bin/env python3\n\tprint("$FOO")\n\tEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<-EOF\n#!/usr/bin/env python3\n\tprint("$FOO")\n\tEOF\n');
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<-EOF\n\t#!/bin/sh\n\techo "$FOO"\n\tEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<-EOF\n\t#!/bin/sh\n\techo "$BAR"\n\tEOF\n');
    // A marker split by a line continuation is still the whole command: python runs the first body, the shell the second.
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<\\\nEOF\n#!/usr/bin/env python3\nprint("$FOO")\nEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<\\\nEOF\n#!/usr/bin/env python3\nprint("$FOO")\nEOF\n');
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<\\\n'EOF'\necho \"$FOO\"\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<\\\n'EOF'\necho \"$BAR\"\nEOF\n");
  });

  it('leaves the body of a COPY or ADD heredoc with white space after << alone: BuildKit reads it and drops it', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nCOPY << EOF /x\n$FOO\nEOF\nADD <<EOF /y\n$FOO\nEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nCOPY << EOF /x\n$FOO\nEOF\nADD <<EOF /y\n$BAR\nEOF\n');
    expect(renamed('FROM a\nARG FO$0O=1\nONBUILD ADD << EOF /x\n$FOO\nEOF\nRUN cat << EOF\n$FOO\nEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nONBUILD ADD << EOF /x\n$FOO\nEOF\nRUN cat << EOF\n$BAR\nEOF\n');
  });

  it('leaves a heredoc marker alone: neither BuildKit nor the shell expands `<<$FOO` (found by fuzzing: its terminator was left behind)', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN cat <<$FOO\nhi\n$FOO\nRUN echo $FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN cat <<$FOO\nhi\n$FOO\nRUN echo $BAR\n');
    expect(renamed('FROM a\nARG FO$0O=1\nCOPY <<"${FOO}" /x\n$FOO\n${FOO}\n', 'BAR')).toBe('FROM a\nARG BAR=1\nCOPY <<"${FOO}" /x\n$FOO\n${FOO}\n');
    expect(renamed('FROM a\nARG FO$0O=1\nCOPY << $FOO /x\n$FOO\nhi\n$FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nCOPY << $FOO /x\n$FOO\nhi\n$FOO\n');
  });

  it('leaves a name that follows a special parameter in shell text ($$FOO is the process id, then FOO)', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN echo $$FOO $$$FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN echo $$FOO $$$BAR\n');
  });

  it('refuses when a command that reads the variable also sets it in the shell, where the two cannot be told apart', () => {
    const refusal = (line: number) => JSON.stringify({ refusal: `The shell sets "FOO" itself on line ${line}, in a command that also reads "$FOO", so a rename cannot tell which of them mean this variable; rename by hand.` });
    expect(renamed('FROM a\nARG FO$0O=1@x\nRUN FOO=${FOO%%@*}; \\\n  echo $FOO\n', 'BAR')).toBe(refusal(3));
    expect(renamed('FROM a\nENV FO$0O=/x\nRUN cd /y && \\\n  export FOO="$PWD"; make PREFIX="$FOO"\n', 'BAR')).toBe(refusal(4));
    expect(renamed('FROM a\nARG FO$0O=a\nRUN for FOO in $FOO b; do echo $FOO; done\n', 'BAR')).toBe(refusal(3));
    expect(renamed('FROM a\nARG FO$0O=a\nRUN <<EOF\nread -r FOO\necho $FOO\nEOF\n', 'BAR')).toBe(refusal(4));
  });

  it('renames it in the single-quoted script of `sh -c`, which the shell it starts expands, and refuses where that script sets it', () => {
    expect(renamed("FROM a\nENV PO$0RT=80\nCMD sh -c 'exec app --port $PORT' && echo '$PORT'\n", 'P')).toBe(
      "FROM a\nENV P=80\nCMD sh -c 'exec app --port $P' && echo '$PORT'\n",
    );
    expect(renamed("FROM a\nARG V$0=1\nRUN bash -ec 'echo \"${V:-0}\"'\n", 'W')).toBe("FROM a\nARG W=1\nRUN bash -ec 'echo \"${W:-0}\"'\n");
    expect(renamed("FROM a\nENV PO$0RT=80\nRUN sh -c 'PORT=1; echo $PORT'\n", 'P')).toBe(
      JSON.stringify({ refusal: 'The shell sets "PORT" itself on line 3, in a command that also reads "$PORT", so a rename cannot tell which of them mean this variable; rename by hand.' }),
    );
  });

  it('renames where the shell only passes the value on or sets another name', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN make FOO=$FOO && FOO_X=1 echo "$FOO"\nRUN FOO=2\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN make FOO=$BAR && FOO_X=1 echo "$BAR"\nRUN FOO=2\n');
  });
});

describe('rename of a variable to a name the shell or another declaration already gives a value', () => {
  it('refuses a name that a command reading the variable sets in the shell, naming the line (assignment, loop, export, read)', () => {
    const text = 'FROM alpine\nARG A$0=1\nRUN B=5; echo $A\nRUN for C in x y; do echo "$A"; done\nRUN export D=7 && echo $A\nRUN <<EOF\nread -r E\necho $A\nEOF\n';
    const message = (name: string, line: number) =>
      refused(`The shell sets "${name}" itself on line ${line}, in a command that reads this variable; after the rename "$${name}" there would read the shell's value.`);
    expect(renamed(text, 'B')).toBe(message('B', 3));
    expect(renamed(text, 'C')).toBe(message('C', 4));
    expect(renamed(text, 'D')).toBe(message('D', 5));
    expect(renamed(text, 'E')).toBe(message('E', 7));
    // The shell form of CMD and HEALTHCHECK, which read an ENV when the container runs.
    expect(renamed('FROM alpine\nENV A$0=1\nCMD F=1; echo $A\n', 'F')).toBe(message('F', 3));
    expect(renamed('FROM alpine\nENV A$0=1\nHEALTHCHECK CMD for G in 1; do test $A; done\n', 'G')).toBe(message('G', 3));
  });

  it('allows a name the shell sets only in commands that do not read the variable (each RUN has a shell of its own)', () => {
    expect(renamed('FROM alpine\nARG A$0=1\nRUN B=5\nRUN echo $A\n', 'B')).toBe('FROM alpine\nARG B=1\nRUN B=5\nRUN echo $B\n');
  });

  it('refuses a name the shell gives a value of its own (PWD, IFS...), to or from it, where a shell reads the variable', () => {
    expect(renamed('FROM alpine\nARG A$0=1\nRUN echo $A\n', 'PWD')).toBe(
      refused('The shell gives "PWD" a value of its own, so on line 3 "$PWD" would read the shell\'s value rather than this variable.'),
    );
    const fromPwd = refused('The shell gives "PWD" a value of its own, so "$PWD" on line 3 reads the shell\'s value rather than this variable; rename by hand.');
    expect(renamed('FROM alpine\nENV PW$0D=/x\nRUN echo $PWD\n', 'P')).toBe(fromPwd);
    expect(prepared('FROM alpine\nENV PW$0D=/x\nRUN echo $PWD\n')).toBe(fromPwd);
    // Only the builder reads it here.
    expect(renamed('FROM alpine\nARG A$0=1\nENV X=$A\n', 'IFS')).toBe('FROM alpine\nARG IFS=1\nENV X=$IFS\n');
  });

  it('says that bash, not every shell, gives UID a value of its own', () => {
    const fromUid = refused(
      'bash (the /bin/sh of Fedora- and RHEL-based images, and any SHELL that runs it) gives "UID" a value of its own, so "$UID" on line 3 reads the shell\'s value rather than this variable; rename by hand.',
    );
    expect(prepared('FROM fedora\nARG UI$0D=1000\nRUN useradd -u $UID app\n')).toBe(fromUid);
  });

  it('refuses the name of an ENV of a stage it is built FROM, which the image keeps', () => {
    const message = refused('"B" is already declared on line 2; renaming would change which value its uses get.');
    expect(renamed('FROM alpine AS base\nENV B=2\nFROM base\nARG A$0=1\nRUN echo $A\n', 'B')).toBe(message);
    expect(renamed('FROM alpine AS base\nENV B=2\nFROM base AS mid\nFROM mid\nENV A$0=1\nRUN echo $A\n', 'B')).toBe(message);
    // An ARG does not pass to the stages built FROM its own, nor does a global ARG reach a stage ARG with a default.
    expect(renamed('FROM alpine AS base\nARG B=2\nFROM base\nARG A$0=1\nRUN echo $A\n', 'B')).toBe('FROM alpine AS base\nARG B=2\nFROM base\nARG B=1\nRUN echo $B\n');
    expect(renamed('ARG B=2\nFROM alpine\nARG A$0=1\nRUN echo $A\n', 'B')).toBe('ARG B=2\nFROM alpine\nARG B=1\nRUN echo $B\n');
  });
});

describe('rename of a heredoc delimiter', () => {
  it('refuses in COPY and ADD, where the delimiter is the name of the file created (found by review: robots.txt became EOF)', () => {
    const copy = 'FROM nginx:1.25\nCOPY <<robots$0.txt <<humans.txt /usr/share/nginx/html/\nUser-agent: *\nrobots.txt\nme\nhumans.txt\n';
    const message = (instruction: string, name: string) =>
      refused(`${instruction} creates a file named "${name}" from this heredoc (the name shows whenever the destination is a directory), so renaming it would change the image.`);
    expect(renamed(copy, 'EOF')).toBe(message('COPY', 'robots.txt'));
    expect(prepared(copy)).toBe(message('COPY', 'robots.txt'));
    // A destination without "/" still gets the name when the image has a directory there.
    expect(renamed('FROM alpine\nCOPY <<EOF$0 /etc\nx\nEOF\n', 'END')).toBe(message('COPY', 'EOF'));
    expect(renamed('FROM alpine\nADD <<-"A" <<B /x/\n\ta\n\tA\nb\nB$0\n', 'C')).toBe(message('ADD', 'B'));
    expect(renamed('FROM alpine\nONBUILD COPY <<EOF$0 /x/\nx\nEOF\n', 'END')).toBe(message('COPY', 'EOF'));
  });

  it('refuses in COPY << EOF, where the name is a path in the build context, with that reason', () => {
    const message = (instruction: string) =>
      refused(`${instruction} reads "EOF" here as a path in the build context, not as a heredoc (the white space after "<<" splits the marker into two paths), so renaming it would change which file is copied.`);
    expect(renamed('FROM alpine\nCOPY << EOF$0 /x\nhi\nEOF\n', 'END')).toBe(message('COPY'));
    expect(prepared('FROM alpine\nCOPY << EOF /x\nhi\nEOF$0\n')).toBe(message('COPY'));
    expect(prepared('FROM alpine\nONBUILD ADD <<  EOF$0 /x\nhi\nEOF\n')).toBe(message('ADD'));
  });

  it('refuses for a RUN that is a `#!` script, which BuildKit runs as /dev/pipes/<name>', () => {
    const script = 'FROM alpine\nRUN <<EOF$0\n#!/usr/bin/env python3\nprint(1)\nEOF\n';
    const message = refused('RUN saves this script as "/dev/pipes/EOF" and runs it (its first line is "#!"), so the script sees the name as its own path; renaming it could change what it does.');
    expect(renamed(script, 'PY')).toBe(message);
    expect(prepared(script)).toBe(message);
    // BuildKit looks for the `#!` after `<<-` strips the tabs: a tab-indented one makes the same file.
    expect(prepared('FROM alpine\nRUN <<-EOF$0\n\t#!/usr/bin/env python3\n\tprint(1)\n\tEOF\n')).toBe(message);
    expect(prepared('FROM alpine\nRUN <<-EOF$0\n#!/usr/bin/env python3\n\tprint(1)\n\tEOF\n')).toBe(message);
    // A line continuation inside the marker: BuildKit joins the lines, so the marker is still the whole command.
    expect(prepared('FROM alpine\nRUN <<\\\nEOF$0\n#!/usr/bin/env python3\nprint(1)\nEOF\n')).toBe(message);
    // The shell reads these bodies; the name is not seen.
    expect(renamed('FROM alpine\nRUN <<EOF$0\necho hi\nEOF\n', 'END')).toBe('FROM alpine\nRUN <<END\necho hi\nEND\n');
    expect(renamed('FROM alpine\nRUN python3 <<EOF$0\n#!/usr/bin/env python3\nprint(1)\nEOF\n', 'PY')).toBe('FROM alpine\nRUN python3 <<PY\n#!/usr/bin/env python3\nprint(1)\nPY\n');
  });

  it('refuses the name of another heredoc of the same instruction', () => {
    expect(renamed('FROM alpine\nRUN cat <<A <<B$0\nx\nA\ny\nB\n', 'A')).toBe(refused('Another heredoc of this instruction (on line 2) is already named "A".'));
    expect(renamed('FROM alpine\nRUN cat <<A <<B$0\nx\nA\ny\nB\n', 'C')).toBe('FROM alpine\nRUN cat <<A <<C\nx\nA\ny\nC\n');
  });
});
