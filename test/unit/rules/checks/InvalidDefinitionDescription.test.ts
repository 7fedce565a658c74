import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = (what: string, name: string) =>
  `This comment reads as the description of the ${what} below but does not follow '# ${name} <description>'. Start it with '${name}', or end the comment block with an empty '#' line if it is not a description.`;

describe('InvalidDefinitionDescription (experimental)', () => {
  const text = '# check=experimental=InvalidDefinitionDescription\n$[# the version to install$]\nARG VERSION=1\n\n$[# builds the app$]\n\nFROM alpine AS build\n';

  it('runs only when opted in', () => {
    checkDiagnostics(text.replace('experimental=InvalidDefinitionDescription', 'skip=all').replace(/\$\[|\$\]/g, ''), []);
  });

  it('flags a comment above an ARG or named stage that does not start with the name, across blank lines', () => {
    checkDiagnostics(text, [
      { code: 'InvalidDefinitionDescription', message: message('ARG', 'VERSION') },
      { code: 'InvalidDefinitionDescription', message: message('stage', 'build') },
    ]);
  });

  it('accepts descriptions that start with the name, an empty # line, and unnamed stages', () => {
    checkDiagnostics(
      '# check=experimental=all\n# VERSION to install\nARG VERSION=1 OTHER=2\n# builds the app\n#\nFROM alpine AS build\n# just a note\nFROM alpine\n',
      [],
    );
  });

  it('is not affected by skip=all', () => {
    checkDiagnostics('# check=skip=all;experimental=all\n$[# version$]\nARG VERSION=1\nFROM alpine\n', [{ code: 'InvalidDefinitionDescription', message: message('ARG', 'VERSION') }]);
  });
});
