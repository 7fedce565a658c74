import { describe, it } from 'vitest';
import { missingFrom } from './missing-from';
import { checkErrors } from './testing';

const message = 'This Dockerfile has no FROM, so there is no stage to build. Add FROM <image> (or FROM scratch) after the ARG lines.';

describe('missing-from', () => {
  it('reports a file of ARGs only on its last line, where the FROM is missing', () => {
    checkErrors('# a comment\nARG A=1\n$[ARG B$]\n', [['missing-from', message]], [missingFrom]);
    checkErrors('RUN x\n', [], [missingFrom]);
  });

  it('leaves the ARGs above alone while the file is typed (found typing a Dockerfile)', () => {
    // A final line break ends the line before it, as BuildKit reads lines; a blank line is a line.
    checkErrors('ARG GO_VERSION=1.22\n# The Alpine release of the base images\n$[# It must exist$]\n', [['missing-from', message]], [missingFrom]);
    checkErrors('ARG GO_VERSION=1.22\n$[$]\n', [['missing-from', message]], [missingFrom]);
  });
});
