import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const message = 'apt-get install asks for confirmation, which a build cannot give. Add -y: apt-get install -y.';
const only = ['DL3014'];

describe('DL3014', () => {
  it('flags apt-get install without an assume-yes option, from apt-get to install', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get update && $[apt-get install$] curl\nRUN $[apt-get -o Dpkg::Use-Pty=0 install$] curl\nRUN $[/usr/bin/apt-get \\\n    install$] curl\n',
      [
        { code: 'DL3014', message },
        { code: 'DL3014', message },
        { code: 'DL3014', message },
      ],
      { only },
    );
  });

  it('accepts -y, --yes, --assume-yes, -qq, grouped flags and the Assume-Yes option', () => {
    for (const flags of ['-y', '--yes', '--assume-yes', '-qq', '-qy', '-yq', '-q=2', '-o APT::Get::Assume-Yes=true', '-q -q', '--quiet --quiet', '-q --quiet', '--quiet=2']) {
      checkDiagnostics(`FROM debian:12\nRUN apt-get install ${flags} curl\nRUN apt-get ${flags} install curl\n`, [], { only });
    }
  });

  it('flags quiet level 1 (-q, --quiet), and -q after a --', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN $[apt-get install$] -q curl\nRUN $[apt-get --quiet install$] curl\nRUN $[apt-get install$] -q -- -q\nRUN $[apt-get install$] -q=1 curl\n',
      [
        { code: 'DL3014', message },
        { code: 'DL3014', message },
        { code: 'DL3014', message },
        { code: 'DL3014', message },
      ],
      { only },
    );
  });

  it('ignores other subcommands, -q alone, and apt-get as an argument', () => {
    checkDiagnostics('FROM debian:12\nRUN apt-get update && apt-get remove curl\nRUN echo apt-get install curl\nRUN apt-get -q upgrade\n', [], { only });
  });

  it('stays quiet when a variable may hold the options, judges package lists from $(…) and option values', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get install $APT_OPTS curl\nRUN apt-get install "${APT_FLAGS}" curl\nRUN apt-get install "$@"\nRUN $[apt-get install$] $(cat pkgs)\nRUN $[apt-get -o $OPT install$] curl=$VERSION\n',
      [{ code: 'DL3014', message }, { code: 'DL3014', message }],
      { only },
    );
  });

  it('stays quiet after the Dockerfile writes APT configuration that sets Assume-Yes, in the stage or a base stage', () => {
    checkDiagnostics(
      [
        'FROM debian:12 AS base',
        'RUN $[apt-get install$] curl',
        'RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90assumeyes',
        'RUN apt-get install --no-install-recommends curl',
        'FROM base',
        'RUN apt-get install git',
        'FROM debian:12',
        'RUN printf \'APT::Install-Recommends "0";\\nAPT::Get::Assume-Yes "1";\\n\' > /etc/apt/apt.conf.d/01docker && apt-get install curl',
        'COPY <<EOF /etc/apt/apt.conf.d/02yes',
        'APT { Get { Assume-Yes "true"; }; };',
        'EOF',
        'RUN apt-get install make',
        '',
      ].join('\n'),
      [{ code: 'DL3014', message }],
      { only },
    );
  });

  it('still flags an install after configuration that sets Assume-Yes false, sets only other keys, or is removed again', () => {
    checkDiagnostics(
      [
        'FROM debian:12',
        'RUN echo \'APT::Get::Assume-Yes "false";\' > /etc/apt/apt.conf.d/90yes',
        'RUN $[apt-get install$] curl',
        'RUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/90yes',
        'RUN $[apt-get install$] curl',
        'RUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes && rm /etc/apt/apt.conf.d/90yes',
        'RUN $[apt-get install$] curl',
        '',
      ].join('\n'),
      [{ code: 'DL3014', message }, { code: 'DL3014', message }, { code: 'DL3014', message }],
      { only },
    );
  });

  it("adds ' -y' after install", () => {
    checkFix('FROM debian:12\nRUN apt-get update && apt-get install curl\n', 'DL3014', "Add '-y'", 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n');
  });

  it('offers the fix, then the pragma; none in exec form', () => {
    expect(fixTitles('FROM debian:12\nRUN apt-get install curl\n', 'DL3014')).toEqual(["Add '-y' (preferred)", 'Ignore DL3014 for this instruction']);
    expect(fixTitles('FROM debian:12\nRUN ["apt-get", "install", "curl"]\n', 'DL3014')).toEqual(['Ignore DL3014 for this instruction']);
  });
  it('reads the heredoc scripts of ONBUILD RUN, and adds -y there', () => {
    checkDiagnostics(
      'FROM debian:12\nONBUILD RUN <<EOF\nset -e\napt-get update\n$[apt-get install$] curl\nEOF\nONBUILD RUN bash <<EOF\n$[apt-get install$] git\nEOF\nONBUILD RUN cat <<EOF > /x\napt-get install make\nEOF\n',
      [{ code: 'DL3014', message }, { code: 'DL3014', message }],
      { only },
    );
    checkFix('FROM debian:12\nONBUILD RUN <<EOF\napt-get install curl\nEOF\n', 'DL3014', "Add '-y'", 'FROM debian:12\nONBUILD RUN <<EOF\napt-get install -y curl\nEOF\n');
  });
});
