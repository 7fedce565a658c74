import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf, fixTitles } from '../harness';

const only = ['DL3034'];
const asks = (tool: string, action: string) => `${tool} ${action} asks for confirmation, which a build cannot give, so the RUN fails. Add -y: ${tool} ${action} -y.`;
const globalOnly = (action: string) =>
  `zypper ${action} asks for confirmation, which a build cannot give, so the RUN fails. Add --non-interactive: zypper --non-interactive ${action}.`;

describe('DL3034', () => {
  it('flags install, remove, patch and their short forms without -y, from zypper to the subcommand', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN zypper refresh && $[zypper install$] curl; $[zypper in$] git\nRUN $[zypper rm$] vim && $[/usr/bin/zypper remove$] x\nRUN sudo $[zypper --gpg-auto-import-keys patch$]\n',
      [
        { code: 'DL3034', message: asks('zypper', 'install') },
        { code: 'DL3034', message: asks('zypper', 'in') },
        { code: 'DL3034', message: asks('zypper', 'rm') },
        { code: 'DL3034', message: asks('zypper', 'remove') },
        { code: 'DL3034', message: asks('zypper', 'patch') },
      ],
      { only },
    );
  });

  it('suggests --non-interactive for source-install, which has no -y', () => {
    checkDiagnostics('FROM opensuse/leap:15.6\nRUN $[zypper si$] -d vlc && $[zypper \\\n  source-install$] x\n', [
      { code: 'DL3034', message: globalOnly('si') },
      { code: 'DL3034', message: globalOnly('source-install') },
    ], { only });
  });

  it('reads heredoc scripts and ONBUILD RUN', () => {
    checkDiagnostics('FROM opensuse/leap:15.6\nRUN <<EOF\n$[zypper in$] curl\nEOF\nONBUILD RUN $[zypper install$] git\n', [
      { code: 'DL3034', message: asks('zypper', 'in') },
      { code: 'DL3034', message: asks('zypper', 'install') },
    ], { only });
  });

  it('accepts -y, --no-confirm, and -n or --non-interactive before the subcommand', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN zypper install -y curl && zypper in --no-confirm git\nRUN zypper -n in curl && zypper --non-interactive rm x && zypper -nq patch\nRUN zypper --non-interactive si x && zypper -n si y\n',
      [],
      { only },
    );
  });

  it('does not take -n after the subcommand (--name there) for the global option', () => {
    checkDiagnostics('FROM opensuse/leap:15.6\nRUN $[zypper install$] -n curl\n', [{ code: 'DL3034', message: asks('zypper', 'install') }], { only });
  });

  it('ignores other subcommands, zypper as an argument, and answered or unknowable commands', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper search vim && zypper clean -a\nRUN echo zypper install curl\nRUN zypper $ZYPPER_OPTS install curl\nRUN yes | zypper in curl\n',
      [],
      { only },
    );
  });

  it("adds ' -y' after the subcommand, or ' --non-interactive' after zypper for source-install", () => {
    checkFix('FROM opensuse/leap:15.6\nRUN zypper in curl && zypper clean\n', 'DL3034', "Add '-y'", 'FROM opensuse/leap:15.6\nRUN zypper in -y curl && zypper clean\n');
    checkFix('FROM opensuse/leap:15.6\nRUN zypper si -d vlc\n', 'DL3034', "Add '--non-interactive'", 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive si -d vlc\n');
    checkFix(
      'FROM opensuse/leap:15.6\nRUN /usr/bin/zypper \\\n  source-install x\n',
      'DL3034',
      "Add '--non-interactive'",
      'FROM opensuse/leap:15.6\nRUN /usr/bin/zypper --non-interactive \\\n  source-install x\n',
    );
  });

  it('offers the fix, then the pragma; none in exec form; the pragma silences it', () => {
    expect(fixTitles('FROM opensuse/leap:15.6\nRUN zypper install curl\n', 'DL3034')).toEqual(["Add '-y' (preferred)", 'Ignore DL3034 for this instruction']);
    expect(fixTitles('FROM opensuse/leap:15.6\nRUN ["zypper", "si", "x"]\n', 'DL3034')).toEqual(['Ignore DL3034 for this instruction']);
    expect(codesOf('FROM opensuse/leap:15.6\n# hadolint global ignore=DL3034\nRUN zypper install curl\n', { only })).not.toContain('DL3034');
    expect(codesOf('FROM opensuse/leap:15.6\nRUN zypper install curl\n', { only })).toContain('DL3034');
  });
  it('reads the heredoc scripts of ONBUILD RUN, and fixes them there', () => {
    checkDiagnostics('FROM opensuse/leap:15.6\nONBUILD RUN <<EOF\n$[zypper in$] curl\n$[zypper si$] vlc\nEOF\n', [
      { code: 'DL3034', message: asks('zypper', 'in') },
      { code: 'DL3034', message: globalOnly('si') },
    ], { only });
    checkFix('FROM opensuse/leap:15.6\nONBUILD RUN <<EOF\nzypper in curl\nEOF\n', 'DL3034', "Add '-y'", 'FROM opensuse/leap:15.6\nONBUILD RUN <<EOF\nzypper in -y curl\nEOF\n');
    checkFix('FROM opensuse/leap:15.6\nONBUILD RUN <<EOF\nzypper si vlc\nEOF\n', 'DL3034', "Add '--non-interactive'", 'FROM opensuse/leap:15.6\nONBUILD RUN <<EOF\nzypper --non-interactive si vlc\nEOF\n');
  });
});
