import { describe, it } from 'vitest';
import { expect } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const only = ['DL3009'];
const message = 'The package lists apt-get update downloads stay in the image. Remove them in the same RUN: && rm -rf /var/lib/apt/lists/*';

describe('DL3009', () => {
  it('flags apt-get update without removing the lists, as information', () => {
    checkDiagnostics('FROM debian:12\nRUN $[apt-get update$] && apt-get install -y curl\n', [{ code: 'DL3009', message, severity: 'information' }], { only });
  });

  it('accepts removing the lists, apt-get dist-clean, and cache mounts over /var/lib/apt', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get update; apt-get dist-clean\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update\nRUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update\nRUN echo apt-get update\n',
      [],
      { only },
    );
  });

  it('accepts removing /var/lib/apt itself or all it holds, and find … -delete on the lists', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt/*\nRUN apt-get update && apt-get install -y x && rm -rf /var/lib/apt\nRUN apt-get update && apt-get install -y x && find /var/lib/apt/lists -type f -delete\nRUN $[apt-get update$] && rm -rf /var/lib/aptitude/* && find /var/lib/apt/lists -name x\n',
      [{ code: 'DL3009', message, severity: 'information' }],
      { only: ['DL3009'] },
    );
  });

  it('looks only at the stages the image is made of: the last one and those it is built FROM', () => {
    checkDiagnostics(
      'FROM debian:12 AS base\nRUN $[apt-get update$]\nFROM debian:12 AS builder\nRUN apt-get update\nFROM base\nCOPY --from=builder /out /out\nRUN $[apt-get update$]\n',
      [
        { code: 'DL3009', message, severity: 'information' },
        { code: 'DL3009', message, severity: 'information' },
      ],
      { only },
    );
  });

  it('fixes by removing the lists at the end of the RUN, after its last word', () => {
    const title = "Add 'rm -rf /var/lib/apt/lists/*' at the end of the RUN";
    checkFix('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n', 'DL3009', title, 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n');
    checkFix(
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl   \n\nCMD ["sh"]\n',
      'DL3009',
      title,
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*   \n\nCMD ["sh"]\n',
    );
    checkFix('FROM debian:12\nRUN apt-get update > /dev/null\n', 'DL3009', title, 'FROM debian:12\nRUN apt-get update > /dev/null && rm -rf /var/lib/apt/lists/*\n');
  });

  it('fixes a heredoc script with a line of its own before the terminator, in its line ends', () => {
    const title = "Add 'rm -rf /var/lib/apt/lists/*' at the end of the RUN";
    checkFix('FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n', 'DL3009', title, 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n');
    checkFix('FROM debian:12\r\nRUN <<-EOF\r\n\tapt-get update\r\n\tEOF\r\n', 'DL3009', title, 'FROM debian:12\r\nRUN <<-EOF\r\n\tapt-get update\r\nrm -rf /var/lib/apt/lists/*\r\n\tEOF\r\n');
  });

  it('offers no fix where an addition at the end would be swallowed or change what runs', () => {
    // A comment, `;`, `&`, a redirection it does not read, the exec form, a finding on the line of a heredoc RUN, an unterminated body.
    const runs = [
      'apt-get update && apt-get install -y curl # tools',
      'apt-get update;',
      'apt-get update &',
      'apt-get update 2>&1',
      '["apt-get", "update"]',
      'apt-get update && bash <<EOF\napt-get install -y curl\nEOF',
      '<<EOF\napt-get update',
    ];
    for (const run of runs) expect(fixTitles(`FROM debian:12\nRUN ${run}\n`, 'DL3009'), run).toEqual(['Ignore DL3009 for this instruction']);
  });

  it('offers no fix where the script before the addition would take it in', () => {
    const ignore = ['Ignore DL3009 for this instruction'];
    // A last line ending in a backslash joins the added line to it (apt-get update rm -rf …).
    expect(fixTitles('FROM debian:12\nRUN <<EOF\napt-get update \\\nEOF\n', 'DL3009')).toEqual(ignore);
    // A here-document inside the script that never ends, or an unclosed quote, would hold the line as text.
    expect(fixTitles('FROM debian:12\nRUN <<EOF\napt-get update\ncat > /etc/motd <<X\nhello\nEOF\n', 'DL3009')).toEqual(ignore);
    expect(fixTitles('FROM debian:12\nRUN <<EOF\napt-get update\necho "hello\nEOF\n', 'DL3009')).toEqual(ignore);
    // On the command line, an unclosed `${` or `$(` (the second would have put the edit on the next line).
    expect(fixTitles('FROM debian:12\nRUN apt-get update && echo ${A:-\n', 'DL3009')).toEqual(ignore);
    expect(fixTitles('FROM debian:12\nRUN apt-get update && echo "$(\n)"\n', 'DL3009')).toEqual(ignore);
    // After `exit` or `exec PROGRAM` the cleanup would never run, though the finding would be gone.
    expect(fixTitles('FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nexit 0\nEOF\n', 'DL3009')).toEqual(ignore);
    expect(fixTitles('FROM debian:12\nRUN apt-get update && exec apt-get install -y curl\n', 'DL3009')).toEqual(ignore);
    checkFix(
      'FROM debian:12\nRUN apt-get update && echo $(exit 0) && exec >/dev/null\n',
      'DL3009',
      "Add 'rm -rf /var/lib/apt/lists/*' at the end of the RUN",
      'FROM debian:12\nRUN apt-get update && echo $(exit 0) && exec >/dev/null && rm -rf /var/lib/apt/lists/*\n',
    );
    // A closed script still gets it.
    checkFix(
      'FROM debian:12\nRUN <<EOF\napt-get update\ncat > /etc/motd <<X\nhello\nX\nEOF\n',
      'DL3009',
      "Add 'rm -rf /var/lib/apt/lists/*' at the end of the RUN",
      'FROM debian:12\nRUN <<EOF\napt-get update\ncat > /etc/motd <<X\nhello\nX\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    );
  });
});
