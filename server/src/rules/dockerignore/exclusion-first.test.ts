import { describe, it } from 'vitest';
import { checkIgnoreFile } from '../../../../test/unit/services/ignoreFile/harness';

const only = ['dockerignore-exclusion-first'];
const message = (written: string) =>
  `'${written}' brings nothing back: BuildKit applies a '!' line only to paths a line above it excludes, and no line above this one excludes anything. Move it below the line it is an exception to.`;

describe('dockerignore-exclusion-first', () => {
  it('reports the ! lines above every other pattern', () => {
    checkIgnoreFile('# keep the readme\n$[!README.md$]\n  $[! docs/keep$]\n\n*.md\n!CHANGELOG.md\n', [
      { code: 'dockerignore-exclusion-first', message: message('!README.md') },
      { code: 'dockerignore-exclusion-first', message: message('! docs/keep') },
    ], { only });
  });

  it('says nothing where a pattern comes first, and leaves a bare ! to invalid-dockerignore', () => {
    checkIgnoreFile('*\n!src\n', [], { only });
    checkIgnoreFile('!\n', [], { only });
    checkIgnoreFile('', [], { only });
  });
});
