// What an edit costs in variable references: the incremental parser parses a window of text to find
// where it falls back in step, then parses each new node again from its own text. Only the nodes it
// keeps need their references, so a long instruction full of `$` is searched once per keystroke.
import { describe, expect, it, vi } from 'vitest';
import { scanShellVariables } from '../../../server/src/syntax/shellVariables';
import { SyntaxTree } from '../../../server/src/syntax';

vi.mock('../../../server/src/syntax/shellVariables', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../server/src/syntax/shellVariables')>();
  return { ...original, scanShellVariables: vi.fn(original.scanShellVariables) };
});

describe('variable references on an edit', () => {
  it('are found once for the edited instruction, not also for the window the edit is measured in', () => {
    const text = 'FROM alpine\nRUN echo $A \\\n  && echo $B\nRUN echo $C\n';
    const tree = SyntaxTree.parse(text);
    const scan = vi.mocked(scanShellVariables);
    scan.mockClear();
    const at = text.indexOf('$B');
    const edited = tree.edit({ start: at, end: at, text: 'x' });
    const run = [...edited.instructions()][1].node;
    expect(run.variables.map((v) => v.name)).toEqual(['A', 'B']);
    expect(scan).toHaveBeenCalledTimes(1);
  });
});
