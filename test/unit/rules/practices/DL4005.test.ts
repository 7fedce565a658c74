import { describe, expect, it } from 'vitest';
import { checkDiagnostics, fixTitles } from '../harness';

const only = ['DL4005'];
const message = (shell: string) =>
  `Linking /bin/sh to another shell changes it for every program in the image, not only for the build. To run the RUN instructions with it, use SHELL instead: SHELL ["${shell}", "-c"].`;
const warning = (shell = '/bin/bash') => ({ code: 'DL4005', message: message(shell) });

describe('DL4005', () => {
  it('flags ln that makes /bin/sh a link, from ln to /bin/sh, naming the shell it links to', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN $[ln -sf /bin/bash /bin/sh$]\nRUN rm /bin/sh && $[ln -s bash /bin/sh$]\nRUN $[/bin/ln -s -f -- /usr/bin/zsh /bin/sh$] && echo ok\n',
      [warning(), warning(), warning('/usr/bin/zsh')],
      { only },
    );
  });

  it('suggests bash when the link target is no plain shell path', () => {
    checkDiagnostics('FROM alpine:3.20\nRUN $[ln -sf /bin/busybox /bin/sh$]\nRUN $[ln -sf "$MY_SHELL" /bin/sh$]\n', [warning(), warning()], { only });
  });

  it('follows continuations, heredoc scripts, ONBUILD RUN, exec form and the backtick escape', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get update \\\n && $[ln -sf \\\n    /bin/bash /bin/sh$]\nRUN <<EOF\nset -e\n$[ln -sf /bin/dash /bin/sh$]\nEOF\nONBUILD RUN $[ln -sf /bin/bash /bin/sh$]\nRUN [$["ln", "-sf", "/bin/bash", "/bin/sh"$]]\n',
      [warning(), warning('/bin/dash'), warning(), warning()],
      { only },
    );
    checkDiagnostics('# escape=`\nFROM debian:12\nRUN $[ln -sf `\n    /bin/bash /bin/sh$]\n', [warning()], { only });
  });

  it('ignores links to /bin/sh, links elsewhere, a target directory, and /bin/sh as an argument', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN ln -s /bin/sh /usr/local/bin/sh\nRUN ln -sf /bin/bash "$ROOT"/bin/sh\nRUN ln -s /bin/sh\nRUN ln -sf -t /bin bash /bin/sh\nRUN ln -sf a b /bin/sh\nRUN echo ln -sf /bin/bash /bin/sh\nRUN ln -sf /bin/bash /bin/sh.bak\n',
      [],
      { only },
    );
  });

  it('has no fix but the pragma: SHELL is not the same change', () => {
    expect(fixTitles('FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n', 'DL4005')).toEqual(['Ignore DL4005 for this instruction']);
  });
  it('reads the heredoc scripts of ONBUILD RUN', () => {
    checkDiagnostics('FROM debian:12\nONBUILD RUN <<EOF\nset -e\n$[ln -sf /bin/bash /bin/sh$]\nEOF\nONBUILD RUN cat <<EOF > /x\nln -sf /bin/bash /bin/sh\nEOF\n', [warning()], { only });
  });
});
