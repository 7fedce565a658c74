// Which quoted RUN heredoc bodies a shell of the command reads as its script (`sh <<'EOF'`), so that
// `$NAME` in them is a variable; every other quoted body is data nobody expands.
import { describe, expect, it } from 'vitest';
import { SyntaxTree, runIsOnlyHeredoc, type InstructionNode } from '../../../server/src/syntax';

/** The names of the variables found in the RUN's heredoc bodies, by heredoc index. */
function bodyVariables(run: string): string[] {
  const tree = SyntaxTree.parse(`FROM a\n${run}`);
  const node = tree.node(1) as InstructionNode;
  return node.variables.filter((v) => v.context.kind === 'heredoc').map((v) => `${v.context.kind === 'heredoc' ? v.context.index : ''}:${v.name}`);
}

describe('a quoted heredoc that a shell reads on standard input', () => {
  it('is the shell\'s script: marker before or after the shell, with options, `-s` arguments, `-`, a path or busybox', () => {
    expect(bodyVariables("RUN <<'EOF' sh\necho $A '$B'\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN sh <<'EOF'\necho ${A:-x} # $B\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN bash -s <<'E'\necho $A\nE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN <<-'E' bash\n\techo $A\n\tE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN /bin/bash -euo pipefail -x <<\"E\"\necho $A\nE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN bash -s one 'two three' <<'E' 2>&1 >/log\necho $A\nE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN sh - <<'E'\necho $A\nE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN set -e && X=1 busybox sh -e <<'E' | tee /log\necho $A\nE\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN dash \\\n  -e <<'E'\necho $A\nE\n")).toEqual(['0:A']);
  });

  it('is data when another program reads it, the shell has its script elsewhere, or the body is not on standard input', () => {
    expect(bodyVariables("RUN cat <<'E' >/x\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN python3 <<'E'\nprint('$A')\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sh -c 'cat' <<'E'\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sh ./script.sh <<'E'\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sh -- ./script.sh <<'E'\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sh 3<<'E'\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sh <<'E' </dev/null\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN echo sh <<'E'\n$A\nE\n")).toEqual([]);
    expect(bodyVariables("RUN sudo sh <<'E'\n$A\nE\n")).toEqual([]);
    // The shell reads the first body; the second one goes to cat.
    expect(bodyVariables("RUN sh <<'A' && cat <<'B'\n$X\nA\n$Y\nB\n")).toEqual(['0:X']);
  });

  it('is the script of a shell that a plain `cat` pipes it into', () => {
    expect(bodyVariables("RUN cat <<'EOF' | sh\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN cat <<'EOF' | bash -s -- x\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN <<'EOF' /bin/cat|/bin/sh -e 2>&1 | tee /log\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN set -e; cat <<'EOF' | sh\necho $A\nEOF\n")).toEqual(['0:A']);
  });

  it('is data when what is piped is more than the body, or the shell does not run its standard input', () => {
    expect(bodyVariables("RUN cat -n <<'EOF' | sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' /etc/x | sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' >/x | sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' | sh -c 'cat'\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' | sh ./script.sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' | sh </dev/null\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' | sudo sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' || sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' && sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN cat <<'EOF' | tr a b | sh\n$A\nEOF\n")).toEqual([]);
    expect(bodyVariables("RUN tac <<'EOF' | sh\n$A\nEOF\n")).toEqual([]);
    // The shell's own heredoc is its standard input: it runs B, not the body cat pipes.
    expect(bodyVariables("RUN cat <<'A' | sh <<'B'\n$X\nA\n$Y\nB\n")).toEqual(['1:Y']);
  });
});

/** Whether the instruction after `FROM a` (in a file that starts with `prefix`) is a RUN whose whole command is its one heredoc. */
function onlyHeredoc(instruction: string, prefix = ''): boolean {
  const tree = SyntaxTree.parse(`${prefix}FROM a\n${instruction}`);
  const node = [...tree.instructions()].at(-1)!.node;
  return runIsOnlyHeredoc(node, node.heredocs);
}

describe('a RUN whose whole command is one heredoc (BuildKit runs the body itself)', () => {
  it('is the marker alone, whatever its form, flags before it, the case of the keyword or white space after it', () => {
    expect(onlyHeredoc('RUN <<EOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN <<-EOF\n\tx\n\tEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN <<"EOF"\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc("RUN <<-'EOF'\nx\nEOF\n")).toBe(true);
    expect(onlyHeredoc('RUN << EOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN 3<<EOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN --mount=type=cache,target=/x --network=none <<EOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('run <<EOF  \t\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('ONBUILD RUN <<EOF\nx\nEOF\n')).toBe(true);
  });

  it('is the marker alone when a line continuation comes before it or splits it, as BuildKit joins the lines first', () => {
    expect(onlyHeredoc('RUN --mount=type=cache,target=/x \\\n  <<EOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN <<\\\nEOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc("RUN <<'E\\\nOF'\nx\nEOF\n")).toBe(true);
    expect(onlyHeredoc('ONBUILD RUN <<\\\n# a comment line\nEOF\nx\nEOF\n')).toBe(true);
    expect(onlyHeredoc('RUN <<`\nEOF\nx\nEOF\n', '# escape=`\n')).toBe(true);
  });

  it('is not a command with more words, several markers, a comment after it, the exec form or another instruction', () => {
    expect(onlyHeredoc('RUN <<EOF bash\nx\nEOF\n')).toBe(false);
    expect(onlyHeredoc('RUN cat <<EOF\nx\nEOF\n')).toBe(false);
    expect(onlyHeredoc('RUN <<A <<B\nx\nA\ny\nB\n')).toBe(false);
    // BuildKit keeps `#` in the middle of a line: `# c` is two more words of the command.
    expect(onlyHeredoc('RUN <<EOF # c\nx\nEOF\n')).toBe(false);
    expect(onlyHeredoc('RUN <<EOF \\\n  bash\nx\nEOF\n')).toBe(false);
    expect(onlyHeredoc('RUN ["<<EOF"]\n')).toBe(false);
    expect(onlyHeredoc('COPY <<EOF\nx\nEOF\n')).toBe(false);
    expect(onlyHeredoc('ONBUILD COPY <<EOF\nx\nEOF\n')).toBe(false);
  });

  it('has its quoted body read as the script, also when a line continuation splits the marker', () => {
    expect(bodyVariables("RUN <<'EOF'\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN <<\\\n'EOF'\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("RUN << \\\n'EOF'\necho $A\nEOF\n")).toEqual(['0:A']);
    expect(bodyVariables("ONBUILD RUN <<\\\n'EOF'\necho $A\nEOF\n")).toEqual(['0:A']);
    // A `#!` interpreter other than a shell runs it: `$A` is the program's own text.
    expect(bodyVariables('RUN <<\\\nEOF\n#!/usr/bin/env python3\nprint("$A")\nEOF\n')).toEqual([]);
    // BuildKit looks for the `#!` after `<<-` strips tabs: a tab-indented one runs the body with python too.
    expect(bodyVariables('RUN <<-EOF\n\t#!/usr/bin/env python3\n\tprint("$A")\n\tEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n\t#!/usr/bin/env python3\n\tprint("$A")\n\tEOF\n')).toEqual(['0:A']);
    // A bare `#!` names no interpreter: the kernel refuses the file and the shell that runs it reads it as a script.
    expect(bodyVariables('RUN <<EOF\n#!\necho "$A"\nEOF\n')).toEqual(['0:A']);
    expect(bodyVariables('RUN <<EOF\n#!  \necho "$A"\nEOF\n')).toEqual(['0:A']);
    expect(bodyVariables('RUN <<-EOF\n#!/usr/bin/env python3\n\tprint("$A")\n\tEOF\n')).toEqual([]);
    // `env -S` with the program joined to it, or after a NAME=value setting: still that program.
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -Spython3\nprint("$A")\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -S PYTHONUNBUFFERED=1 python3\nprint("$A")\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -S LC_ALL=C bash -e\necho "$A"\nEOF\n')).toEqual(['0:A']);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -Sbash\necho "$A"\nEOF\n')).toEqual(['0:A']);
  });

  it('finds the #! program as Linux and GNU env do: -S after other options, --split-string=, and lines that run nothing', () => {
    // -S joined to other short options in one word, or written long: the words after it name the program.
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -iS python3 -u\nprint("$A")\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -vS bash -e\necho "$A"\nEOF\n')).toEqual(['0:A']);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env --split-string=python3 -u\nprint("$A")\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env --split-string=bash -e\necho "$A"\nEOF\n')).toEqual(['0:A']);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -S -i sh -e\necho "$A"\nEOF\n')).toEqual(['0:A']);
    // -S takes the rest of its word: `-Si bash` runs a program called i, which is no shell.
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -Si bash\necho "$A"\nEOF\n')).toEqual([]);
    // The kernel gives env one argument: without -S (or with --split-string and a blank) env runs no
    // program, so no shell reads the body.
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env bash -e\necho "$A"\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env --split-string bash -e\necho "$A"\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env -i -S bash\necho "$A"\nEOF\n')).toEqual([]);
    expect(bodyVariables('RUN <<EOF\n#!/usr/bin/env bash\necho "$A"\nEOF\n')).toEqual(['0:A']);
  });
});
