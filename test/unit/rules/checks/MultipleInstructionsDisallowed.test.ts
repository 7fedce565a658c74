import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

describe('MultipleInstructionsDisallowed', () => {
  it('flags every overridden CMD, ENTRYPOINT and HEALTHCHECK of a stage, faded as unnecessary', () => {
    checkDiagnostics(
      'FROM alpine\n$[CMD ["a"]$]\n$[ENTRYPOINT ["b"]$]\n$[CMD ["c"]$]\nCMD ["d"]\nENTRYPOINT ["e"]\n$[HEALTHCHECK NONE$]\nHEALTHCHECK CMD ["true"]\n',
      [
        { code: 'MultipleInstructionsDisallowed', message: 'This CMD has no effect: the CMD on line 4 replaces it, because only the last one in a stage counts.', tags: [1] },
        {
          code: 'MultipleInstructionsDisallowed',
          message: 'This ENTRYPOINT has no effect: the ENTRYPOINT on line 6 replaces it, because only the last one in a stage counts.',
          tags: [1],
        },
        { code: 'MultipleInstructionsDisallowed', message: 'This CMD has no effect: the CMD on line 5 replaces it, because only the last one in a stage counts.', tags: [1] },
        {
          code: 'MultipleInstructionsDisallowed',
          message: 'This HEALTHCHECK has no effect: the HEALTHCHECK on line 8 replaces it, because only the last one in a stage counts.',
          tags: [1],
        },
      ],
    );
  });

  it('counts each stage on its own, also a stage built from another', () => {
    checkDiagnostics('FROM alpine AS base\nCMD ["a"]\nFROM base\nCMD ["b"]\nFROM alpine\nCMD ["c"]\n', []);
  });

  it('removes the overridden instruction', () => {
    checkFix('FROM alpine\nCMD ["a"]\nCMD ["b"]\n', 'MultipleInstructionsDisallowed', 'Remove this CMD', 'FROM alpine\nCMD ["b"]\n');
  });
});
