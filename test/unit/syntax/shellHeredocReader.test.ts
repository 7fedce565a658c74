// Which quoted RUN heredoc bodies a shell of the command reads as its script (`sh <<'EOF'`), so that
// `$NAME` in them is a variable; every other quoted body is data nobody expands.
import { describe, expect, it } from 'vitest';
import { SyntaxTree, type InstructionNode } from '../../../server/src/syntax';

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
