// The parser takes anything: random text, binary junk, half-typed prefixes of real files. It never
// throws, the tree always covers the input exactly, and every span stays inside its node.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_ENVIRONMENT, lex, SyntaxTree, type InstructionNode, type Span } from '../../../server/src/syntax';
import { readCorpusFile, readExpected } from './corpus';
import { fcParams, fcTimeout } from '../../fuzzing';

/** Plain checks (not expect) so that the many-thousand-times loops stay fast. */
function check(ok: boolean, what: string, text: string): void {
  if (!ok) throw new Error(`${what} for input ${JSON.stringify(text.slice(0, 300))}`);
}

function checkInvariants(text: string): SyntaxTree {
  const tree = SyntaxTree.parse(text);
  check(tree.length === text.length, 'tree length differs from text length', text);
  let joined = '';
  let expectedStart = 0;
  for (const { node, start, index } of tree.entries()) {
    check(start === expectedStart, `node ${index} does not start where the previous ended`, text);
    check(node.length > 0, `node ${index} is empty`, text);
    joined += tree.nodeText(index);
    expectedStart = start + node.length;
    if (node.kind === 'instruction') checkSpans(node, node.length, text);
  }
  check(joined === text, 'nodes do not give back the text', text);
  for (const e of tree.errors()) {
    check(e.start >= 0 && e.end <= text.length && e.start <= e.end, `error ${e.code} out of range`, text);
    check(e.message.length > 0, 'error without message', text);
  }
  return tree;
}

function checkSpans(node: InstructionNode, length: number, text: string): void {
  const inside = (s: Span | undefined): void => {
    if (!s) return;
    check(s.start >= 0 && s.end >= s.start && s.end <= length, `span ${JSON.stringify(s)} outside its node of length ${length}`, text);
  };
  inside(node.keyword);
  inside(node.args);
  node.argList.forEach(inside);
  node.flags.forEach((f) => {
    inside(f);
    inside(f.name);
    inside(f.value);
    f.mountOptions?.forEach((o) => [o, o.key, o.value].forEach(inside));
  });
  node.pairs.forEach((p) => [p, p.key, p.value].forEach(inside));
  node.heredocs.forEach((h) => [h.marker, h.body, h.terminator].forEach(inside));
  node.variables.forEach((v) => [v, v.nameSpan, v.operatorSpan, v.argument].forEach(inside));
  if (node.trigger) checkSpans(node.trigger, length, text);
}

const DOCKERISH = fc.constantFrom(
  'FROM ', 'RUN ', 'COPY ', 'ONBUILD ', 'HEALTHCHECK ', 'ENV ', 'ARG ', 'LABEL ', ' AS ', '--mount=', 'type=cache,', '--from=', '=',
  '\\', '`', '\n', '\r\n', '\r', ' ', '\t', '#', '# escape=`', '# syntax=', '"', "'", '$', '${', '}', ':-', '#', '%', '/', '[', ']', ',',
  '<<', '<<-', 'EOF', '\uFEFF', '\u0000', '\uD800', '😀', 'é',
);

describe('parser robustness', () => {
  it('random Dockerfile-like text', () => {
    fc.assert(fc.property(fc.array(DOCKERISH, { maxLength: 80 }).map((a) => a.join('')), (text) => void checkInvariants(text)), fcParams(1500));
  });

  it('random strings of any characters', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void checkInvariants(text)), fcParams(1000));
  });

  it('random bytes decoded as UTF-8', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => void checkInvariants(Buffer.from(bytes).toString('utf8'))), fcParams(500));
  });

  it('every real-world file cut at every instruction boundary and at random offsets', () => {
    const files = readExpected('real-world');
    for (const [i, expected] of files.entries()) {
      const text = readCorpusFile('real-world', expected.file);
      const tree = SyntaxTree.parse(text);
      const cuts = new Set<number>();
      for (const { node, start } of tree.instructions()) {
        cuts.add(start + node.keyword.end);
        cuts.add(start + Math.floor(node.length / 2));
      }
      for (let k = 0; k < 3; k++) cuts.add(((i + 1) * 7919 * (k + 3)) % (text.length + 1));
      for (const cut of cuts) checkInvariants(text.slice(0, cut));
    }
  }, fcTimeout(120_000));

  it('substitutions nested 20,000 deep: an error, not a stack overflow (found by fuzzing)', () => {
    const nested = (depth: number) => '${a:-'.repeat(depth) + 'x' + '}'.repeat(depth);
    for (const line of [`ENV A=${nested(20_000)}`, `RUN echo "${nested(20_000)}"`, `COPY <<EOF /x\n${nested(20_000)}\nEOF`]) checkInvariants(`FROM alpine\n${line}\n`);
    expect(lex(nested(20_000), EMPTY_ENVIRONMENT, { escape: '\\' }).error?.message).toBe('substitutions nested more than 500 deep');
    // As deep as that, still read.
    const deepest = lex(nested(500), EMPTY_ENVIRONMENT, { escape: '\\' });
    expect([deepest.value, deepest.error]).toEqual(['x', undefined]);
  });

  it('a 70,000-character line and a 5 MB file', () => {
    checkInvariants(`FROM a\nRUN ${'x '.repeat(35_000)}\n`);
    const big = readCorpusFile('real-world', readExpected('real-world')[0].file).repeat(Math.ceil(5_000_000 / 4000));
    const tree = SyntaxTree.parse(big);
    expect(tree.length).toBe(big.length);
  });
});
