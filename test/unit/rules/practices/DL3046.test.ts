import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, diagnosticsOf, fixTitles } from '../harness';

const message = (uid: string, mb: number) =>
  `useradd with UID ${uid} writes the user into /var/log/lastlog and faillog at an offset that grows with the UID. The files are sparse on disk, but the image layer stores every byte: about ${mb} MB of zeros here. Add -l (--no-log-init) to leave the user out of them.`;
const only = ['DL3046'];

describe('DL3046', () => {
  it('flags useradd with a UID of 100000 or more and no -l, however the UID is written', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN $[useradd$] -m -u 100000 app\nRUN groupadd -g 1000 app && $[/usr/sbin/useradd$] --uid=123456 -g app app\n' +
        'RUN $[useradd$] -mu1000000 app; $[useradd$] --uid 200000 -s /bin/sh app\nRUN sudo $[useradd$] -r -u 999999 svc\n',
      [
        { code: 'DL3046', message: message('100000', 29) },
        { code: 'DL3046', message: message('123456', 36) },
        { code: 'DL3046', message: message('1000000', 292) },
        { code: 'DL3046', message: message('200000', 58) },
        { code: 'DL3046', message: message('999999', 292) },
      ],
      { only },
    );
  });

  it('leaves alone -l in any form, small or unknown UIDs, the value of another option, and other commands', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN useradd -l -u 100000 app && useradd -lmu 100000 b && useradd --no-log-init --uid=100000 c\n' +
        'RUN useradd -u 99999 app && useradd -u $APP_UID app && useradd -u "${UID:-100000}" x && useradd -c 100000 y\n' +
        'RUN useradd -m app && echo useradd -u 100000 && adduser -u 100000 z && useradd -- -u 100000\n' +
        'RUN useradd -g 100000 -u 1000 app && useradd -s -u -u 100 k\n',
      [],
      { only },
    );
  });

  it('reads heredoc scripts, ONBUILD RUN and exec form', () => {
    const found = diagnosticsOf('FROM debian:12\nRUN <<EOF\nuseradd -u 100000 app\nEOF\nONBUILD RUN useradd -u 100000 app\nRUN ["useradd", "-u", "100000", "app"]\n', { only });
    expect(found.map((d) => d.range.start.line)).toEqual([2, 4, 5]);
  });

  it("adds -l after useradd, in a shell-form RUN or script only", () => {
    checkFix('FROM debian:12\nRUN /usr/sbin/useradd --uid 100000 app\n', 'DL3046', "Add '-l' (--no-log-init)", 'FROM debian:12\nRUN /usr/sbin/useradd -l --uid 100000 app\n', { only });
    checkFix('FROM debian:12\nONBUILD RUN <<EOF\nuseradd -u 100000 app\nEOF\n', 'DL3046', "Add '-l' (--no-log-init)", 'FROM debian:12\nONBUILD RUN <<EOF\nuseradd -l -u 100000 app\nEOF\n', { only });
    expect(fixTitles('FROM debian:12\nRUN ["useradd", "-u", "100000", "app"]\n', 'DL3046', { only })).toEqual(['Ignore DL3046 for this instruction']);
  });
});
