import { describe, expect, it } from 'vitest';
import { checkDiagnostics, fixTitles } from '../harness';

const message = 'apt-get install also installs recommended packages, which makes the image larger. Add --no-install-recommends and list what you need.';
const only = ['DL3015'];

describe('DL3015', () => {
  it('flags apt-get install without --no-install-recommends, as information', () => {
    checkDiagnostics('FROM debian:12\nRUN $[apt-get install$] -y curl\nRUN $[apt-get -y install$] git\n', [
      { code: 'DL3015', message, severity: 'information' },
      { code: 'DL3015', message, severity: 'information' },
    ], { only });
  });

  it('accepts the option anywhere, and Install-Recommends set to false', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\nRUN apt-get --no-install-recommends install -y git\nRUN apt-get install -y -o APT::Install-Recommends=false git\nRUN apt-get update\n',
      [],
      { only },
    );
  });

  it('stays quiet when a variable may hold the options', () => {
    checkDiagnostics('FROM debian:12\nRUN apt-get install -y $APT_OPTS curl\nRUN apt-get install -y ${INSTALL_FLAGS:-} curl\n', [], { only: ['DL3015'] });
  });

  it('offers only the pragma: leaving recommended packages out may break the image', () => {
    expect(fixTitles('FROM debian:12\nRUN apt-get install -y curl\n', 'DL3015')).toEqual(['Ignore DL3015 for this instruction']);
  });
});
