import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf } from '../harness';

const only = ['DL3036'];
const message = 'The repository metadata zypper downloads stays in the image. Remove it at the end of the same RUN: && zypper clean --all';
const info = { code: 'DL3036', message, severity: 'information' } as const;

describe('DL3036', () => {
  it('flags zypper installing, updating or refreshing without zypper clean, as information, from zypper to the subcommand', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN $[zypper -n in$] curl\nRUN $[/usr/bin/zypper --gpg-auto-import-keys ref$]\nRUN sudo $[zypper \\\n  --non-interactive dup$]\n',
      [info, info, info],
      { only },
    );
  });

  it('accepts a later zypper clean or cc (any options), or removing the cache', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper clean -a\nRUN zypper -n in x; zypper cc\nRUN zypper -n in x && zypper clean\nRUN zypper -n in x && rm -rf /var/cache/zypp/*\nRUN zypper -n up && rm -rf /var/cache\n',
      [],
      { only },
    );
  });

  it('reports what comes after the last clean', () => {
    checkDiagnostics('FROM opensuse/leap:15.6\nRUN zypper clean -a && $[zypper -n in$] curl\nRUN $[zypper ref$] && rm -rf /var/cache/zypper-old\n', [info, info], { only });
  });

  it('accepts a cache mount, reads heredoc scripts, ignores zypper as an argument, other subcommands and ONBUILD', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl\nRUN <<EOF\n$[zypper -n install$] x\nEOF\nRUN echo zypper in x && zypper -n rm vim && zypper lr\nONBUILD RUN zypper -n in x\n',
      [info],
      { only },
    );
  });

  it('looks only at the stages the image is made of', () => {
    checkDiagnostics(
      'FROM opensuse/leap:15.6 AS builder\nRUN zypper -n in gcc\nFROM opensuse/leap:15.6\nCOPY --from=builder /out /out\nRUN $[zypper -n in$] x\n',
      [info],
      { only },
    );
  });

  it('is silenced by the pragma', () => {
    expect(codesOf('FROM opensuse/leap:15.6\n# hadolint ignore=DL3036\nRUN zypper -n in curl\n', { only })).not.toContain('DL3036');
    expect(codesOf('FROM opensuse/leap:15.6\nRUN zypper -n in curl\n', { only })).toContain('DL3036');
  });

  it('fixes by cleaning at the end of the RUN', () => {
    checkFix('FROM opensuse/leap:15.6\nRUN /usr/bin/zypper -n in curl\n', 'DL3036', "Add 'zypper clean --all' at the end of the RUN", 'FROM opensuse/leap:15.6\nRUN /usr/bin/zypper -n in curl && zypper clean --all\n');
  });
});
