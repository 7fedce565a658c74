import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const only = ['DL3045'];
const message = (dest: string) =>
  `COPY to the relative destination '${dest}' before any WORKDIR: the files land under the base image's working directory, which this Dockerfile does not show (for most images it is /). Set one with WORKDIR first, or write an absolute path.`;

describe('DL3045', () => {
  it('flags a COPY to a relative destination before the stage has a WORKDIR, heredoc and JSON forms too', () => {
    checkDiagnostics(
      'FROM python:3.12\nCOPY requirements.txt $[.$]\nCOPY --from=build /out $[app/$]\nCOPY <<EOF $[app.conf$]\nx=1\nEOF\nCOPY ["a b", $["dir/"$]]\nWORKDIR /app\nCOPY . .\n',
      [
        { code: 'DL3045', message: message('.') },
        { code: 'DL3045', message: message('app/') },
        { code: 'DL3045', message: message('app.conf') },
        { code: 'DL3045', message: message('dir/') },
      ],
      { only },
    );
  });

  it('counts a WORKDIR of a stage it is built FROM, or that stage\'s ONBUILD WORKDIR, which runs first', () => {
    checkDiagnostics(
      'FROM alpine:3 AS base\nWORKDIR /src\nFROM base\nCOPY . .\n' +
        'FROM alpine:3 AS template\nONBUILD WORKDIR /app\nFROM template\nCOPY . .\n' +
        'FROM alpine:3 AS other\nFROM other\nCOPY x $[y$]\n',
      [{ code: 'DL3045', message: message('y') }],
      { only },
    );
  });

  it('leaves absolute destinations, variables, ADD, Windows drive paths and stages from scratch (at / for certain) alone', () => {
    checkDiagnostics(
      'FROM scratch AS export\nCOPY --from=build /out .\nFROM export\nCOPY x y\n' +
        'FROM alpine:3\nARG DEST=/opt\nCOPY a /a\nCOPY a "/b"\nCOPY a $DEST\nCOPY a ${DEST}/x\nADD a b\n' +
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a C:/app/\nCOPY b \\\\app\nFROM jenkins\nCOPY p.txt C:/ProgramData/p.txt\n',
      [],
      { only },
    );
  });
});
