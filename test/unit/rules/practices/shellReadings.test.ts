// The reading of a RUN's commands (`runCommands`) is kept for the RUNs read last, not for every RUN
// of a file: the rules read a RUN when its stage is checked, so that keeping the readings of every RUN
// of a large file cost megabytes and bought nothing.
import { describe, expect, it } from 'vitest';
import { runCommands } from '../../../../server/src/rules/practices/shell';
import { SyntaxTree, type InstructionNode } from '../../../../server/src/syntax';

function runs(count: number): { node: InstructionNode; text: string }[] {
  let text = 'FROM alpine:3\n';
  for (let i = 0; i < count; i++) text += `RUN apt-get update && apt-get install -y curl${i} | tee /log\n`;
  const tree = SyntaxTree.parse(text);
  const out: { node: InstructionNode; text: string }[] = [];
  tree.forEach((node, _start, index) => {
    if (node.kind === 'instruction' && node.name === 'RUN') out.push({ node, text: tree.nodeText(index) });
  });
  return out;
}

describe('the readings of RUNs', () => {
  it('are the same object while a RUN is among the last read, and read again after many others', () => {
    const all = runs(2000);
    const first = runCommands(all[0].node, all[0].text, false);
    expect(first?.commands.map((c) => c.words[0].value)).toEqual(['apt-get', 'apt-get', 'tee']);
    expect(runCommands(all[0].node, all[0].text, false)).toBe(first);
    const read = all.map(({ node, text }) => runCommands(node, text, false));
    // The last 256 read (a stage's RUNs, read again by each rule that reads commands) are kept.
    const again256 = all.slice(-256).map(({ node, text }) => runCommands(node, text, false));
    expect(again256.every((script, i) => script === read[read.length - 256 + i])).toBe(true);
    const again = runCommands(all[0].node, all[0].text, false);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
