// The incremental parser's invariant: after any sequence of edits, the tree equals a full parse
// of the same text, while nodes away from the edit are reused, not re-parsed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SyntaxTree } from '../../../server/src/syntax';
import { editArbitrary } from './edits';
import { readCorpusFile, readExpected } from './corpus';
import { fcParams, fcTimeout } from '../../fuzzing';

const files = readExpected('real-world').map((e) => e.file);
const sample = files.filter((_, i) => i % 7 === 0).map((f) => readCorpusFile('real-world', f));

const FRAGMENTS = [
  '\n', '\\', '\\\n', ' ', '\t', '#', '# escape=`\n', '# syntax=docker/dockerfile:1\n', '`', '"', "'", '$', '${', '}', ':-', '=',
  '<<EOF', '<<-EOF', 'EOF\n', '\tEOF\n', 'RUN ', 'FROM ', 'COPY --from=build ', 'ONBUILD ', 'ENV A=1 ', '[', ']', '["a", "b"]', '--mount=type=cache,target=/x ',
  'a', 'b', 'x y', '\r\n', '\r', '\uFEFF', 'é', '😀',
];

const edits = (length: number) => editArbitrary(length, FRAGMENTS, 40);

const entries = (tree: SyntaxTree) => [...tree.entries()].map(({ node, start }) => ({ node, start }));
const instructionCount = (tree: SyntaxTree) => [...tree.instructions()].length;

function expectSameTree(actual: SyntaxTree, expected: SyntaxTree): void {
  expect(actual.text).toBe(expected.text);
  expect(actual.length).toBe(expected.length);
  // Compare serialised first (fast); show a structural diff only when they differ.
  if (JSON.stringify(entries(actual)) !== JSON.stringify(entries(expected))) expect(entries(actual)).toEqual(entries(expected));
  expect(actual.escape).toBe(expected.escape);
  expect(actual.directives()).toEqual(expected.directives());
  for (let i = 0; i < actual.nodeCount; i++) expect(actual.nodeText(i)).toBe(expected.text.slice(expected.start(i), expected.end(i)));
  // Variable references, compared on their own as well, so a difference there names them.
  const variables = (tree: SyntaxTree) => [...tree.instructions()].map(({ node }) => node.variables);
  expect(JSON.stringify(variables(actual))).toBe(JSON.stringify(variables(expected)));
  // What the tree lists for whole-file passes, kept per chunk, against a walk over every node.
  const all = [...actual.entries()];
  expect(actual.fromIndexes()).toEqual(all.filter((e) => e.node.kind === 'instruction' && e.node.name === 'FROM').map((e) => e.index));
  expect(actual.commentIndexes()).toEqual(all.filter((e) => e.node.kind === 'comment').map((e) => e.index));
  expect(actual.errors()).toEqual(expected.errors());
  // Asked twice: the answer is kept per version, and an edit's version must not keep its parent's.
  expect([actual.hasCarriageReturns(), actual.hasCarriageReturns()]).toEqual([expected.text.includes('\r'), expected.text.includes('\r')]);
  const same = all.slice(2, 9).map((e) => e.node);
  if (same.length) expect(actual.sameNodes(2, same)).toBe(true);
  if (same.length > 1) expect(actual.sameNodes(3, same)).toBe(false);
  const visited: number[] = [];
  actual.forEach((_node, start, index) => void visited.push(index, start), 1);
  expect(visited).toEqual(all.slice(1).flatMap((e) => [e.index, e.start]));
}

/** `sharedWith`, checked against its definition: the same node objects at the start and at the end. */
function expectShared(tree: SyntaxTree, older: SyntaxTree): void {
  const limit = Math.min(tree.nodeCount, older.nodeCount);
  let prefix = 0;
  while (prefix < limit && tree.node(prefix) === older.node(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && tree.node(tree.nodeCount - 1 - suffix) === older.node(older.nodeCount - 1 - suffix)) suffix++;
  expect(tree.sharedWith(older)).toEqual({ prefix, suffix });
}

describe('incremental parsing', () => {
  it('equals a full parse after random edit sequences on corpus files', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sample),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.infiniteStream(fc.nat()),
        (source, seeds, _stream) => {
          let tree = SyntaxTree.parse(source);
          for (const seed of seeds) {
            const edit = fc.sample(edits(tree.text.length), { numRuns: 1, seed })[0];
            const before = tree;
            tree = tree.edit(edit);
            expectSameTree(tree, SyntaxTree.parse(tree.text));
            expectShared(tree, before);
          }
        },
      ),
      fcParams(300),
    );
  });

  it('equals a full parse after random edits to a file of many chunks', () => {
    const big = sample.join('\n') + sample.join('\n');
    const initial = SyntaxTree.parse(big);
    expect(initial.nodeCount).toBeGreaterThan(1000);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 }), (seeds) => {
        let tree = initial;
        for (const [seed, where] of seeds) {
          const edit = fc.sample(edits(0), { numRuns: 1, seed })[0];
          const at = where % (tree.length + 1);
          const before = tree;
          tree = tree.edit({ start: at, end: Math.min(tree.length, at + (edit.end - edit.start) * 7), text: edit.text });
          expectShared(tree, before);
        }
        expectShared(tree, initial);
        expectSameTree(tree, SyntaxTree.parse(tree.text));
      }),
      fcParams(30),
    );
  }, fcTimeout(120_000));

  it('re-parses only the instruction an edit touches', () => {
    const source = readCorpusFile('real-world', files[0]);
    const tree = SyntaxTree.parse(source);
    const middle = tree.start(Math.floor(tree.nodeCount / 2)) + 2;
    const edited = tree.edit({ start: middle, end: middle, text: 'x' });
    expect(edited.stats.parsedNodes).toBe(1);
    expect(edited.stats.reusedNodes).toBe(tree.nodeCount - 1);
    const index = edited.nodeIndexAt(middle);
    for (let i = 0; i < tree.nodeCount; i++) if (i !== index) expect(edited.node(i)).toBe(tree.node(i));
    expect(edited.stats.parsedChars).toBe(edited.nodeText(index).length);
  });

  it('tells how many nodes a tree shares with the one it was edited from, at each end', () => {
    const big = SyntaxTree.parse(sample.join('\n'));
    const middle = Math.floor(big.nodeCount / 2);
    const at = big.start(middle) + 2;
    const edited = big.edit({ start: at, end: at, text: 'x' });
    // One node parsed again: every other one is shared, the nodes before it at the start and those after at the end.
    expect(edited.sharedWith(big)).toEqual({ prefix: middle, suffix: big.nodeCount - middle - 1 });
    expect(edited.sharedWith(edited)).toEqual({ prefix: edited.nodeCount, suffix: 0 });
    expect(SyntaxTree.parse(big.text).sharedWith(big)).toEqual({ prefix: 0, suffix: 0 });
  });

  it('widens the re-parse when an edit opens a heredoc, and narrows again when it closes', () => {
    const source = 'FROM alpine\nRUN echo one\nRUN echo two\nRUN echo three\n';
    const tree = SyntaxTree.parse(source);
    const at = source.indexOf('echo one') + 'echo one'.length;
    const opened = tree.edit({ start: at, end: at, text: ' <<EOF' });
    expect(instructionCount(opened)).toBe(2);
    expect(opened.errors().map((e) => e.code)).toEqual(['unterminated-heredoc']);
    const closeAt = opened.text.indexOf('RUN echo three');
    const closed = opened.edit({ start: closeAt, end: closeAt, text: 'EOF\n' });
    expectSameTree(closed, SyntaxTree.parse(closed.text));
    expect(closed.stats.reusedNodes).toBe(1);
  });

  it('re-parses the whole file when the escape directive changes', () => {
    const source = '# escape=\\\nFROM alpine\nRUN echo a `\n  b\n';
    const tree = SyntaxTree.parse(source);
    expect(instructionCount(tree)).toBe(3);
    const edited = tree.edit({ start: 9, end: 10, text: '`' });
    expect(edited.escape).toBe('`');
    expectSameTree(edited, SyntaxTree.parse(edited.text));
    expect(instructionCount(edited)).toBe(2);
  });

  it('reads only a window around a keystroke in a large file', () => {
    const source = Array.from({ length: 3000 }, (_, i) => `RUN echo ${i}\n`).join('');
    const tree = SyntaxTree.parse(source);
    const at = source.indexOf('echo 1500') + 4;
    const edited = tree.edit({ start: at, end: at, text: 'x' });
    expect(edited.stats.parsedNodes).toBe(1);
    expect(edited.stats.parsedChars).toBe('RUN echox 1500\n'.length);
    expectSameTree(edited, SyntaxTree.parse(edited.text));
  });

  it('widens its window when an edit swallows the rest of a large file', () => {
    const source = 'FROM a\n' + Array.from({ length: 3000 }, (_, i) => `RUN echo ${i}\n`).join('');
    const tree = SyntaxTree.parse(source);
    const edited = tree.edit({ start: 6, end: 6, text: '\nRUN cat <<EOF' });
    expect(instructionCount(edited)).toBe(2);
    expectSameTree(edited, SyntaxTree.parse(edited.text));
  });
});
