// The syntax tree's memory: what nodes share rather than keep a copy of each (issue 9, a 50,000-line
// file). Tokens, spans and variable contexts are values nothing changes, so equal ones may be one object.
import { describe, expect, it } from 'vitest';
import { SyntaxTree, type InstructionNode } from '../../../server/src/syntax';

function instructions(text: string): InstructionNode[] {
  return [...SyntaxTree.parse(text).instructions()].map((e) => e.node);
}

describe('what syntax nodes share', () => {
  it('the shell form of RUN, CMD, ENTRYPOINT and SHELL: argList is [args], the same token', () => {
    for (const node of instructions('RUN echo hi\nCMD echo hi\nENTRYPOINT exec x\nSHELL pwsh -c\nWORKDIR /x\n')) {
      expect(node.argList).toHaveLength(1);
      expect(node.argList[0]).toBe(node.args);
    }
    // HEALTHCHECK's command is part of its arguments: a token of its own.
    const [healthcheck] = instructions('HEALTHCHECK CMD curl -f x\n');
    expect(healthcheck.argList.map((t) => t.text)).toEqual(['CMD', 'curl -f x']);
    expect(healthcheck.argList[0]).toBe(healthcheck.healthcheckType);
  });

  it('the exec form: one object per element, both the JSON string and the argument token', () => {
    const [cmd, healthcheck] = instructions('CMD ["a", "b\\u0024"]\nHEALTHCHECK CMD ["c"]\n');
    expect(cmd.argList).toBe(cmd.json!.elements);
    expect(cmd.json!.elements.map((e) => e.value)).toEqual(['a', 'b$']);
    expect(cmd.argList.map((t) => t.text)).toEqual(['a', 'b$']);
    expect(healthcheck.argList.map((t) => t.text)).toEqual(['CMD', 'c']);
    expect(healthcheck.argList[1]).toBe(healthcheck.json!.elements[0]);
  });

  it('keyword tokens of known instructions in upper case at the start of their line', () => {
    const [a, b, c, d] = instructions('RUN a\nRUN b\n  RUN c\nrun d\n');
    expect(a.keyword).toBe(b.keyword);
    expect(c.keyword).not.toBe(a.keyword);
    expect([c.keyword.start, c.keyword.end, c.keyword.text]).toEqual([2, 5, 'RUN']);
    expect([d.keyword.start, d.keyword.end, d.keyword.text]).toEqual([0, 3, 'run']);
  });

  it('variable contexts without data of their own, and flag contexts by flag name', () => {
    const nodes = instructions('RUN echo $A\nRUN echo $B\nCOPY $C /x\nCOPY $D /y\nCMD ["x", "$E"]\nCMD ["y", "$F"]\nCOPY --chown=$G a b\nADD --chown=$H a b\n');
    const contexts = nodes.map((n) => n.variables[0].context);
    expect(contexts.map((c) => c.kind)).toEqual(['shell', 'shell', 'args', 'args', 'exec', 'exec', 'flag', 'flag']);
    for (let i = 0; i < contexts.length; i += 2) expect(contexts[i]).toBe(contexts[i + 1]);
  });

  it('the spans of line-continuing escapes and the separators ENV and LABEL pairs end with', () => {
    const [a, b, envA, envB, legacyA, legacyB] = instructions('RUN a \\\n  b\nRUN c \\\n  d\nENV K=v\nENV K=w\nENV K v\nENV K w\n');
    expect(a.continuations[0]).toBe(b.continuations[0]);
    expect(a.continuations[0]).toEqual({ start: 6, end: 7 });
    expect(envA.argList[2]).toBe(envB.argList[2]);
    expect(envA.argList[2]).toEqual({ start: 7, end: 7, text: '=' });
    expect(legacyA.argList[2]).toBe(legacyB.argList[2]);
    expect(legacyA.argList[2]).toEqual({ start: 7, end: 7, text: '' });
  });

  it("a flag's text, made from its name and value, is the flag word as BuildKit keeps it", () => {
    const [node] = instructions('RUN --mount="type=cache,target=/x" --a=b=c --bare --=v --"q"=\'1 2\' --e= true\n');
    expect(node.flags.map((f) => f.text)).toEqual(['--mount=type=cache,target=/x', '--a=b=c', '--bare', '--=v', '--q=1 2', '--e=']);
  });

  it('the fields most instructions leave empty read as before', () => {
    const [plain, onbuild, copy] = instructions('RUN x\nONBUILD RUN y\nCOPY -- a b\n');
    expect([plain.flagTerminator, plain.healthcheckType, plain.trigger, plain.innerComments, plain.emptyContinuationLines, plain.errors]).toEqual([undefined, undefined, undefined, [], [], []]);
    expect(onbuild.trigger?.kind).toBe('instruction');
    expect(onbuild.trigger?.name).toBe('RUN');
    expect(copy.flagTerminator).toEqual({ start: 5, end: 7 });
    expect(plain.kind).toBe('instruction');
  });
});
