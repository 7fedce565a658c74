import { describe, it } from 'vitest';
import { instructionBeforeFrom } from './instruction-before-from';
import { checkErrors } from './testing';

describe('instruction-before-from', () => {
  it('reports what comes before the first FROM except ARG, as BuildKit did on its json test file', () => {
    checkErrors('# syntax=docker/dockerfile:1\nARG V=1\n$[CMD$] ["echo"]\n$[run$] make\nFROM alpine\nRUN make\n', [
      ['instruction-before-from', 'CMD comes before the first FROM, so it belongs to no build stage. Only ARG may come before FROM; start the stage with FROM <image> above this line.'],
      ['instruction-before-from', 'RUN comes before the first FROM, so it belongs to no build stage. Only ARG may come before FROM; start the stage with FROM <image> above this line.'],
    ], [instructionBeforeFrom]);
  });

  it('leaves unknown instructions to unknown-instruction', () => {
    checkErrors('FORM alpine\nFROM alpine\n', [], [instructionBeforeFrom]);
  });
});
