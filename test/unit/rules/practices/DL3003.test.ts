import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = 'Use WORKDIR to change the directory instead of cd: WORKDIR applies to the instructions that follow and creates the directory if needed.';
const only = ['DL3003'];

describe('DL3003', () => {
  it('flags cd in command position', () => {
    checkDiagnostics('FROM alpine:3\nRUN $[cd$] /src && make\nRUN make; $[cd$] ..; ls\nRUN if true; then $[cd$] /x; fi\n', [
      { code: 'DL3003', message },
      { code: 'DL3003', message },
      { code: 'DL3003', message },
    ], { only });
  });

  it('ignores cd in a subshell, whose directory change ends with it, and flags it around one', () => {
    checkDiagnostics(
      [
        'FROM alpine:3',
        'RUN (cd /out && find . -type f | sort > /SUMS) && tar -C /out -cf /out.tar .',
        'RUN echo "version: $(cd /src && git describe --tags)" > /VERSION && v=`cd /src; git rev-parse HEAD`',
        'RUN if [ -d /x ]; then ( cd /x && make ); fi',
        'RUN (cd /a && make) && $[cd$] /b && make',
        'RUN install() { $[cd$] "$1" && make install; }; install /src',
        'RUN $[cd$] "$(dirname "$(cd /x && pwd)")"',
        '',
      ].join('\n'),
      [
        { code: 'DL3003', message },
        { code: 'DL3003', message },
        { code: 'DL3003', message },
      ],
      { only },
    );
  });

  it('ignores cd as an argument or part of a word, and other instructions', () => {
    checkDiagnostics('FROM alpine:3\nRUN echo cd && mkdir cd && cdrecord -v\nWORKDIR /cd\nCMD cd /tmp\n', [], { only });
  });
  it('reads the heredoc scripts of RUN and ONBUILD RUN', () => {
    checkDiagnostics('FROM alpine:3\nRUN <<EOF\n$[cd$] /src\nEOF\nONBUILD RUN <<EOF\nmake\n$[cd$] /src && make\nEOF\nONBUILD RUN cat <<EOF >/x\ncd /src\nEOF\n', [
      { code: 'DL3003', message },
      { code: 'DL3003', message },
    ], { only });
  });
});
