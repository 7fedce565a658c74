// The semantic token encoding helpers: line starts as LSP counts lines, splitting tokens that span
// lines, the relative encoding, and the prefix/suffix delta; and the tokens a variable gets.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../../server/src/services/document';
import { diffTokenData, encodeRelative, TOKEN_TYPES } from '../../server/src/services/semanticTokens';
import { collectFlatTokens } from '../../server/src/services/semanticTokens/collect';
import { flatToLineTokens, lineStarts, lineStartsIn } from '../../server/src/services/semanticTokens/encode';
import { SyntaxTree } from '../../server/src/syntax';

describe('semantic token encoding', () => {
  it('counts \\n, \\r\\n and a lone \\r as line ends', () => {
    expect(lineStarts('a\nb\r\nc\rd')).toEqual(Int32Array.from([0, 2, 5, 7]));
  });

  it('gives the line starts of a range, up to and including its end, with and without carriage returns', () => {
    expect(lineStartsIn('ab\ncd\nef\ngh', 3, 9, false)).toEqual(Int32Array.from([3, 6, 9]));
    expect(lineStartsIn('ab\r\ncd\ref\ngh', 4, 10)).toEqual(Int32Array.from([4, 7, 10]));
    expect(lineStartsIn('abc', 0, 3)).toEqual(Int32Array.from([0]));
  });

  it('splits a token at line ends, without the terminators, and drops blank pieces', () => {
    const text = 'ab \\\r\n   \n  cd\n';
    // One token from `b` to `c` (offsets 1..13): pieces `b \`, `  c` (the blank line is dropped).
    expect(flatToLineTokens(text, [1, 13, 2, 1])).toEqual([0, 1, 3, 2, 1, 2, 0, 3, 2, 1]);
  });

  it('encodes line and character relative to the previous token', () => {
    expect(encodeRelative([0, 4, 3, 1, 0, 0, 10, 2, 0, 0, 2, 1, 5, 3, 1])).toEqual([0, 4, 3, 1, 0, 0, 6, 2, 0, 0, 2, 1, 5, 3, 1]);
  });

  it('diffs by common prefix and suffix', () => {
    expect(diffTokenData([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toEqual([]);
    expect(diffTokenData([1, 2, 3, 4, 5], [1, 2, 9, 9, 4, 5])).toEqual([{ start: 2, deleteCount: 1, data: [9, 9] }]);
    expect(diffTokenData([1, 2, 3], [])).toEqual([{ start: 0, deleteCount: 3, data: [] }]);
    expect(diffTokenData([], [7])).toEqual([{ start: 0, deleteCount: 0, data: [7] }]);
  });
});

describe('semantic tokens of variables', () => {
  /** Each token as `"text" type`, in document order. */
  function tokens(text: string): string[] {
    const doc = analyzedDocument(TextDocument.create('file:///tokens/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
    const flat = collectFlatTokens(doc);
    const out: string[] = [];
    for (let i = 0; i < flat.length; i += 4) out.push(`${JSON.stringify(text.slice(flat[i], flat[i + 1]))} ${TOKEN_TYPES[flat[i + 2]]}`);
    return out.filter((token) => /variable|operator/.test(token));
  }

  it('gives ${NAME} one token, in arguments and in a COPY heredoc body BuildKit expands', () => {
    const text = 'ARG BASE=alpine\nFROM ${BASE}\nARG A=1\nENV X=${A}/x\nWORKDIR /w/${A}\nCOPY <<EOF /x\n${A} $A\nEOF\nRUN echo ${A}\n';
    expect(tokens(text)).toEqual(['"BASE" variable', '"${BASE}" variable', '"A" variable', '"X" variable', '"${A}" variable', '"${A}" variable', '"${A}" variable', '"$A" variable', '"${A}" variable']);
  });

  it('tokenizes the variables in the body of an ONBUILD COPY heredoc as those of a COPY heredoc, none in a quoted one', () => {
    const body = '${A} $A\nFROM $B\n';
    const plain = tokens(`FROM alpine\nCOPY <<EOF /x\n${body}EOF\nCOPY <<'EOF' /y\n$Q\nEOF\n`);
    const trigger = tokens(`FROM alpine\nONBUILD COPY <<EOF /x\n${body}EOF\nONBUILD COPY <<'EOF' /y\n$Q\nEOF\n`);
    expect(trigger).toEqual(['"${A}" variable', '"$A" variable', '"$B" variable']);
    expect(trigger).toEqual(plain);
  });

  it('splits ${NAME:-word} into the name, the operator and the closing brace, around the word', () => {
    const text = 'FROM alpine\nARG A=1\nENV X=${A:-d}\nCOPY <<EOF /x\n${A:+${A}}\nEOF\n';
    expect(tokens(text)).toEqual(['"A" variable', '"X" variable', '"${A" variable', '":-" operator', '"}" variable', '"${A" variable', '":+" operator', '"${A}" variable', '"}" variable']);
  });

  it('cuts ${NAME} around a continuation inside it', () => {
    const text = 'FROM alpine\nARG A=1\nENV X=${A\\\n}\n';
    expect(tokens(text)).toEqual(['"A" variable', '"X" variable', '"${A" variable', '"}" variable']);
  });
});
