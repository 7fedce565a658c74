import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf, fixTitles } from '../harness';

const only = ['DL3030'];
const asks = (written: string) => `${written} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${written} -y.`;
const message = asks('yum install');

describe('DL3030', () => {
  it('flags yum install without -y, from yum to install, after sudo, a path, && and ;', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN yum makecache && $[yum install$] curl; $[/usr/bin/yum install$] git\nRUN sudo $[yum --enablerepo epel install$] jq\n',
      [
        { code: 'DL3030', message },
        { code: 'DL3030', message },
        { code: 'DL3030', message },
      ],
      { only },
    );
  });

  it('flags the other installing subcommands, across continuation lines', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN $[yum localinstall$] ./x.rpm && $[yum groupinstall$] "Development Tools"\nRUN $[yum \\\n    reinstall$] tzdata\nRUN $[yum group install$] Base\n',
      [
        { code: 'DL3030', message: asks('yum localinstall') },
        { code: 'DL3030', message: asks('yum groupinstall') },
        { code: 'DL3030', message: asks('yum reinstall') },
        { code: 'DL3030', message: asks('yum group install') },
      ],
      { only },
    );
  });

  it('reads heredoc scripts, ONBUILD RUN and exec form', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN <<EOF\nset -e\n$[yum install$] curl\nEOF\nONBUILD RUN $[yum install$] git\nRUN [$["yum", "install"$], "jq"]\n',
      [
        { code: 'DL3030', message },
        { code: 'DL3030', message },
        { code: 'DL3030', message },
      ],
      { only },
    );
  });

  it('accepts -y (also grouped and before install), --assumeyes, --assumeno and assumeyes set by --setopt', () => {
    for (const flags of ['-y', '-qy', '-yq', '--assumeyes', '--assumeno', '--setopt=assumeyes=1', '--setopt assumeyes=True']) {
      checkDiagnostics(`FROM centos:7\nRUN yum install ${flags} curl\nRUN yum ${flags} install curl\n`, [], { only });
    }
  });

  it('ignores subcommands that do not install, yum as an argument, and other tools', () => {
    checkDiagnostics('FROM centos:7\nRUN yum update -y && yum makecache && yum clean all\nRUN echo yum install curl\nRUN yum-config-manager install x && dnf install -y y\n', [], { only });
  });

  it('stays quiet when a variable may hold the options or answers come through a pipe or a here-document', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN yum install $YUM_OPTS curl\nRUN yum "${YUM_FLAGS}" install curl\nRUN yes | yum install curl\nRUN yum install curl <<EOF\ny\nEOF\nRUN $[yum install$] $(cat pkgs)\nRUN curl -fsS x | sh && $[yum install$] git\n',
      [{ code: 'DL3030', message }, { code: 'DL3030', message }],
      { only },
    );
  });

  it("adds ' -y' after the subcommand, then the RUN is accepted", () => {
    checkFix('FROM centos:7\nRUN yum install curl && yum clean all\n', 'DL3030', "Add '-y'", 'FROM centos:7\nRUN yum install -y curl && yum clean all\n');
    checkFix('FROM centos:7\nRUN yum \\\n  group install Base\n', 'DL3030', "Add '-y'", 'FROM centos:7\nRUN yum \\\n  group install -y Base\n');
    checkFix('FROM centos:7\nRUN <<EOF\nyum localinstall x.rpm\nEOF\n', 'DL3030', "Add '-y'", 'FROM centos:7\nRUN <<EOF\nyum localinstall -y x.rpm\nEOF\n');
  });

  it('offers the fix, then the pragma; none in exec form; the pragma and the settings silence it', () => {
    expect(fixTitles('FROM centos:7\nRUN yum install curl\n', 'DL3030')).toEqual(["Add '-y' (preferred)", 'Ignore DL3030 for this instruction']);
    expect(fixTitles('FROM centos:7\nRUN ["yum", "install", "curl"]\n', 'DL3030')).toEqual(['Ignore DL3030 for this instruction']);
    expect(codesOf('FROM centos:7\n# hadolint ignore=DL3030\nRUN yum install curl\n', { only })).not.toContain('DL3030');
    expect(codesOf('FROM centos:7\nRUN yum install curl\n', { only, settings: { diagnostics: { rules: { DL3030: 'off' } } } })).not.toContain('DL3030');
    expect(codesOf('FROM centos:7\nRUN yum install curl\n', { only })).toContain('DL3030');
  });
  it('reads the heredoc scripts of ONBUILD RUN, and adds -y there', () => {
    checkDiagnostics('FROM centos:7\nONBUILD RUN <<EOF\nset -e\n$[yum install$] curl\nEOF\nONBUILD RUN yum install curl <<EOF\ny\nEOF\n', [{ code: 'DL3030', message }], { only });
    checkFix('FROM centos:7\nONBUILD RUN <<EOF\nyum install x\nEOF\n', 'DL3030', "Add '-y'", 'FROM centos:7\nONBUILD RUN <<EOF\nyum install -y x\nEOF\n');
  });
});
