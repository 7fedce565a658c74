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

  it('accepts -o, --option and -oKEY with false, 0, no or off, in any case', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=0 a\nRUN apt-get -o=apt::install-recommends=off install -y b\n' +
        'RUN apt-get install -y --option APT::Install-Recommends="false" c\nRUN apt-get -oAPT::Install-Recommends=no install d\n',
      [],
      { only },
    );
    // Set to true, or a key that only looks alike: recommends are installed.
    checkDiagnostics(
      'FROM debian:12\nRUN $[apt-get install$] -y -o APT::Install-Recommends=true a\nRUN $[apt-get install$] -y -o APT::Install-Suggests=false b\n',
      [{ code: 'DL3015', message, severity: 'information' }, { code: 'DL3015', message, severity: 'information' }],
      { only },
    );
  });

  describe('APT configuration the Dockerfile writes earlier', () => {
    const flagged = { code: 'DL3015', message, severity: 'information' } as const;

    it('echo or printf redirected into apt.conf.d, in an earlier RUN or earlier in the same RUN', () => {
      checkDiagnostics(
        'FROM debian:12\nRUN $[apt-get install$] -y a\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n',
        [flagged],
        { only },
      );
      checkDiagnostics(
        'FROM debian:12\nRUN printf \'APT::Install-Recommends "0";\\nAPT::Install-Suggests "0";\\n\' >> /etc/apt/apt.conf.d/01norecommend && apt-get update && apt-get install -y curl\n',
        [],
        { only },
      );
      checkDiagnostics('FROM debian:12\nRUN echo APT::Install-Recommends \\"false\\"\\; > /etc/apt/apt.conf\nRUN apt-get install -y curl\n', [], { only });
      // In a heredoc script the shell runs.
      checkDiagnostics(
        'FROM debian:12\nRUN <<EOF\nset -e\necho \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\napt-get install -y curl\nEOF\n',
        [],
        { only },
      );
    });

    it('tee, fed by echo through a pipe or by a here-document', () => {
      checkDiagnostics(
        'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' | tee /etc/apt/apt.conf.d/99norecommends >/dev/null\nRUN apt-get install -y curl\n',
        [],
        { only },
      );
      checkDiagnostics('FROM debian:12\nRUN tee -a /etc/apt/apt.conf.d/99local <<EOF\nAPT::Install-Recommends "false";\nEOF\nRUN apt-get install -y curl\n', [], { only });
      checkDiagnostics('FROM debian:12\nRUN cat <<EOF > /etc/apt/apt.conf.d/99local\nAPT {\n  Install-Recommends "false";\n};\nEOF\nRUN apt-get install -y curl\n', [], { only });
    });

    it('a COPY or ADD of a here-document into apt.conf.d', () => {
      checkDiagnostics('FROM debian:12\nCOPY <<EOF /etc/apt/apt.conf.d/99norecommends\nAPT::Install-Recommends "false";\nEOF\nRUN apt-get install -y curl\n', [], { only });
      checkDiagnostics('FROM debian:12\nADD <<no-recommends /etc/apt/apt.conf.d/\nAPT::Install-Recommends "0";\nno-recommends\nRUN apt-get install -y curl\n', [], { only });
    });

    it('in a stage the stage is built FROM, not in another stage', () => {
      const config = 'FROM debian:12 AS base\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\n';
      checkDiagnostics(`${config}FROM base AS build\nRUN apt-get install -y gcc\nFROM build\nRUN apt-get install -y curl\n`, [], { only });
      checkDiagnostics(`${config}FROM debian:12\nRUN $[apt-get install$] -y curl\n`, [flagged], { only });
    });

    it('not when the text is unknown, sets true, goes elsewhere or is removed again', () => {
      checkDiagnostics(
        'FROM debian:12\nARG APT_CONF\nRUN echo "$APT_CONF" > /etc/apt/apt.conf.d/99local\nRUN $[apt-get install$] -y a\n' +
          'COPY apt.conf /etc/apt/apt.conf.d/99norecommends\nRUN $[apt-get install$] -y b\n' +
          'RUN echo \'APT::Install-Recommends "false";\' > /tmp/99norecommends\nRUN $[apt-get install$] -y c\n' +
          'RUN echo \'APT::Install-Recommends "false";\' 2> /etc/apt/apt.conf.d/99x\nRUN $[apt-get install$] -y d\n',
        [flagged, flagged, flagged, flagged],
        { only },
      );
      checkDiagnostics(
        'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN rm /etc/apt/apt.conf.d/99*\nRUN $[apt-get install$] -y a\n',
        [flagged],
        { only },
      );
      // apt.conf is read after apt.conf.d, and a later file overrides an earlier one.
      checkDiagnostics(
        'FROM debian:12\nRUN echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN echo \'APT::Install-Recommends "true";\' > /etc/apt/apt.conf\nRUN $[apt-get install$] -y a\n',
        [flagged],
        { only },
      );
      checkDiagnostics(
        'FROM debian:12\nRUN echo \'APT::Install-Recommends "true";\' > /etc/apt/apt.conf.d/00recommends && echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y a\n',
        [],
        { only },
      );
    });

    it('an install before the write in the same RUN is still flagged; an ONBUILD RUN writes nothing for this stage', () => {
      checkDiagnostics(
        'FROM debian:12\nRUN $[apt-get install$] -y a && echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x && apt-get install -y b\n',
        [flagged],
        { only },
      );
      checkDiagnostics(
        'FROM debian:12\nONBUILD RUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x\nRUN $[apt-get install$] -y a\n',
        [flagged],
        { only },
      );
    });
  });

  describe('APT configuration an ONBUILD trigger writes, which runs first in each stage built FROM its stage', () => {
    const flagged = { code: 'DL3015', message, severity: 'information' } as const;
    const write = 'echo \'APT::Install-Recommends "false";\' > /etc/apt/apt.conf.d/99norecommends';

    it('an ONBUILD RUN configures the stages built FROM its stage (and theirs), not its own nor another', () => {
      checkDiagnostics(
        `FROM debian:12 AS base\nONBUILD RUN ${write}\nRUN $[apt-get install$] -y a\n` +
          'FROM base AS child\nRUN apt-get install -y b\nFROM child\nRUN apt-get install -y c\nFROM debian:12\nRUN $[apt-get install$] -y d\n',
        [flagged, flagged],
        { only },
      );
    });

    it('an ONBUILD COPY or ADD of a here-document into apt.conf.d', () => {
      checkDiagnostics(
        'FROM debian:12 AS base\nONBUILD COPY <<EOF /etc/apt/apt.conf.d/99norecommends\nAPT::Install-Recommends "false";\nEOF\nFROM base\nRUN apt-get install -y curl\n',
        [],
        { only },
      );
      checkDiagnostics('FROM debian:12 AS base\nONBUILD ADD <<no-recommends /etc/apt/apt.conf.d/\nAPT::Install-Recommends "0";\nno-recommends\nFROM base\nRUN apt-get install -y curl\n', [], { only });
      // Copied from the later build's context: not known.
      checkDiagnostics('FROM debian:12 AS base\nONBUILD COPY apt.conf /etc/apt/apt.conf.d/99norecommends\nFROM base\nRUN $[apt-get install$] -y curl\n', [flagged], { only });
    });

    it('an install in a trigger is checked as it runs: after the whole stage and the triggers before it', () => {
      // Configured by an earlier trigger, or by the stage itself, even below the trigger.
      checkDiagnostics(`FROM debian:12\nONBUILD RUN ${write}\nONBUILD RUN apt-get install -y a\n`, [], { only });
      checkDiagnostics(`FROM debian:12\nONBUILD RUN apt-get install -y a\nRUN ${write}\n`, [], { only });
      // Not by a later trigger, and not by one that removes the file first.
      checkDiagnostics(`FROM debian:12\nONBUILD RUN $[apt-get install$] -y a\nONBUILD RUN ${write}\n`, [flagged], { only });
      checkDiagnostics(`FROM debian:12\nRUN ${write}\nONBUILD RUN rm /etc/apt/apt.conf.d/99norecommends\nONBUILD RUN $[apt-get install$] -y a\n`, [flagged], { only });
    });

    it('the heredoc scripts of ONBUILD RUN install and write configuration as those of RUN do', () => {
      checkDiagnostics('FROM debian:12\nONBUILD RUN <<EOF\nset -e\n$[apt-get install$] -y a\nEOF\n', [flagged], { only });
      // Written by a heredoc script, by `cat` from a heredoc, or by `tee` from one: the stage built FROM it is configured.
      for (const trigger of [
        `ONBUILD RUN <<EOF\n${write}\nEOF\n`,
        'ONBUILD RUN cat <<EOF > /etc/apt/apt.conf.d/99norecommends\nAPT::Install-Recommends "false";\nEOF\n',
        'ONBUILD RUN tee /etc/apt/apt.conf.d/99norecommends <<EOF\nAPT::Install-Recommends "false";\nEOF\n',
      ]) {
        checkDiagnostics(`FROM debian:12 AS base\n${trigger}FROM base\nRUN apt-get install -y curl\n`, [], { only });
        // A later trigger reads it, an earlier one does not.
        checkDiagnostics(`FROM debian:12\n${trigger}ONBUILD RUN <<EOF\napt-get install -y curl\nEOF\n`, [], { only });
        checkDiagnostics(`FROM debian:12\nONBUILD RUN <<EOF\n$[apt-get install$] -y curl\nEOF\n${trigger}`, [flagged], { only });
      }
      // A heredoc written outside apt.conf.d configures nothing.
      checkDiagnostics(
        'FROM debian:12 AS base\nONBUILD RUN cat <<EOF > /tmp/99norecommends\nAPT::Install-Recommends "false";\nEOF\nFROM base\nRUN $[apt-get install$] -y curl\n',
        [flagged],
        { only },
      );
    });
  });

  it('offers only the pragma: leaving recommended packages out may break the image', () => {
    expect(fixTitles('FROM debian:12\nRUN apt-get install -y curl\n', 'DL3015')).toEqual(['Ignore DL3015 for this instruction']);
  });
});
