// A `# syntax=` that names a frontend other than docker/dockerfile: BuildKit hands the file to that
// frontend, which may accept what docker/dockerfile refuses (dockerfile-x's INCLUDE), so the errors
// this server knows are warnings there, saying why.

import { describe, expect, it } from 'vitest';
import { isOtherFrontend } from '../../../server/src/facts';
import { diagnosticsOf } from './harness';

const NOTE = (frontend: string): string => ` (docker/dockerfile refuses this; the frontend this file names in # syntax=, ${frontend}, may not.)`;

describe('a file built by another frontend', () => {
  it('gets docker/dockerfile\'s errors as warnings that name the frontend, at the same ranges', () => {
    const text = '# syntax=devthefuture/dockerfile-x:v1.4.2\nFROM alpine:3\nINCLUDE ./base.dockerfile\nRUN --bogus true\n';
    expect(diagnosticsOf(text).map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.severity, d.code, d.message])).toEqual([
      [
        2,
        0,
        7,
        2,
        'unknown-instruction',
        'Unknown instruction "INCLUDE". Each instruction starts with a keyword such as FROM, RUN, COPY or CMD; if this line belongs to the instruction above, end that line with \\ to continue it.' +
          NOTE('devthefuture/dockerfile-x:v1.4.2'),
      ],
      [3, 4, 11, 2, 'unknown-flag', 'Unknown flag --bogus for RUN, which accepts --mount, --network, --security or --device.' + NOTE('devthefuture/dockerfile-x:v1.4.2')],
    ]);
  });

  it('keeps them errors under the official frontend, on Docker Hub or a mirror, with any tag or digest', () => {
    for (const syntax of ['docker/dockerfile:1', 'docker.io/docker/dockerfile-upstream:master', 'mirror.gcr.io/docker/dockerfile:1.7@sha256:' + 'a'.repeat(64), 'docker/dockerfile']) {
      expect(diagnosticsOf(`# syntax=${syntax}\nFROM alpine:3\nINCLUDE ./x\n`).map((d) => [d.code, d.severity, String(d.message).includes('frontend this file names')])).toEqual([
        ['unknown-instruction', 1, false],
      ]);
    }
  });

  it('keeps an error the user chose for a code', () => {
    const settings = { diagnostics: { rules: { 'unknown-instruction': 'error' } } };
    expect(diagnosticsOf('# syntax=example/frontend\nFROM alpine:3\nINCLUDE ./x\n', { settings }).map((d) => [d.code, d.severity, String(d.message).includes('frontend this file names')])).toEqual([
      ['unknown-instruction', 1, false],
    ]);
  });

  it('tells the official frontend from others by its repository', () => {
    expect(['docker/dockerfile:1.7-labs', 'localhost:5000/docker/dockerfile', 'docker/dockerfile@sha256:ab'].map(isOtherFrontend)).toEqual([false, false, false]);
    expect(['devthefuture/dockerfile-x', 'docker/dockerfile-x:1', 'tonistiigi/dockerfile:runmount', 'r2d4/mockerfile', 'mydocker/dockerfile2'].map(isOtherFrontend)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
