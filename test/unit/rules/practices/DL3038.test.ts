import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf, fixTitles } from '../harness';

const only = ['DL3038'];
const asks = (written: string) => `${written} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${written} -y.`;
const message = asks('dnf install');

describe('DL3038', () => {
  it('flags dnf and dnf5 install without -y, from the name to install, after sudo or env, a path, && and ;', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN dnf makecache && $[dnf install$] curl; $[/usr/bin/dnf --setopt=install_weak_deps=False install$] git\nRUN sudo $[dnf5 install$] jq || env LANG=C $[dnf-3 -q install$] x\n',
      [
        { code: 'DL3038', message },
        { code: 'DL3038', message },
        { code: 'DL3038', message: asks('dnf5 install') },
        { code: 'DL3038', message: asks('dnf-3 install') },
      ],
      { only },
    );
  });

  it("flags dnf's aliases of the installing subcommands: in, rei, grp install", () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN $[dnf in$] curl\nRUN $[dnf5 rei$] tzdata\nRUN $[dnf grp install$] x\nRUN dnf in -y curl && dnf rei -y tzdata\n',
      [
        { code: 'DL3038', message: asks('dnf in') },
        { code: 'DL3038', message: asks('dnf5 rei') },
        { code: 'DL3038', message: asks('dnf grp install') },
      ],
      { only },
    );
    checkFix('FROM fedora:41\nRUN dnf in curl\n', 'DL3038', "Add '-y'", 'FROM fedora:41\nRUN dnf in -y curl\n');
  });

  it('flags the other installing subcommands, across continuation lines, in heredoc scripts and ONBUILD', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN $[dnf \\\n  group install$] "C Development Tools"\nRUN <<EOF\n$[dnf reinstall$] tzdata\nEOF\nONBUILD RUN $[dnf localinstall$] ./x.rpm\n',
      [
        { code: 'DL3038', message: asks('dnf group install') },
        { code: 'DL3038', message: asks('dnf reinstall') },
        { code: 'DL3038', message: asks('dnf localinstall') },
      ],
      { only },
    );
  });

  it('leaves microdnf alone: it never asks', () => {
    checkDiagnostics('FROM oraclelinux:10-slim\nRUN microdnf install gzip tar && microdnf clean all\n', [], { only });
  });

  it('accepts -y (also grouped and before install), --assumeyes, --assumeno and assumeyes set by --setopt', () => {
    for (const flags of ['-y', '-qy', '--assumeyes', '--assumeno', '--setopt=assumeyes=True', '--setopt assumeyes=1']) {
      checkDiagnostics(`FROM fedora:41\nRUN dnf install ${flags} curl\nRUN dnf5 ${flags} install curl\n`, [], { only });
    }
  });

  it('ignores subcommands that do not install, dnf as an argument, and answered or unknowable commands', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN dnf upgrade -y && dnf clean all\nRUN echo dnf install curl\nRUN dnf install $DNF_OPTS curl\nRUN yes | dnf install curl\nRUN $[dnf install$] $(cat pkgs)\n',
      [{ code: 'DL3038', message }],
      { only },
    );
  });

  it("adds ' -y' after the subcommand, then the RUN is accepted", () => {
    checkFix('FROM fedora:41\nRUN dnf install curl && dnf clean all\n', 'DL3038', "Add '-y'", 'FROM fedora:41\nRUN dnf install -y curl && dnf clean all\n');
    checkFix('FROM fedora:41\nRUN dnf5 --refresh \\\n    install curl\n', 'DL3038', "Add '-y'", 'FROM fedora:41\nRUN dnf5 --refresh \\\n    install -y curl\n');
  });

  it('offers the fix, then the pragma; none in exec form; the pragma and the settings silence it', () => {
    expect(fixTitles('FROM fedora:41\nRUN dnf install curl\n', 'DL3038')).toEqual(["Add '-y' (preferred)", 'Ignore DL3038 for this instruction']);
    expect(fixTitles('FROM fedora:41\nRUN ["dnf", "install", "curl"]\n', 'DL3038')).toEqual(['Ignore DL3038 for this instruction']);
    expect(codesOf('FROM fedora:41\n# hadolint ignore=DL3038\nRUN dnf install curl\n', { only })).not.toContain('DL3038');
    expect(codesOf('FROM fedora:41\nRUN dnf install curl\n', { only, settings: { diagnostics: { bestPractices: false } } })).not.toContain('DL3038');
    expect(codesOf('FROM fedora:41\nRUN dnf install curl\n', { only })).toContain('DL3038');
  });
  it('reads the heredoc scripts of ONBUILD RUN, and adds -y there', () => {
    checkDiagnostics('FROM fedora:41\nONBUILD RUN <<EOF\n$[dnf install$] curl\nEOF\n', [{ code: 'DL3038', message }], { only });
    checkFix('FROM fedora:41\nONBUILD RUN <<EOF\ndnf install x\nEOF\n', 'DL3038', "Add '-y'", 'FROM fedora:41\nONBUILD RUN <<EOF\ndnf install -y x\nEOF\n');
  });
});
