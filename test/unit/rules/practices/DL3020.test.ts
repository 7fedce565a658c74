import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const only = ['DL3020'];
const message = 'Use COPY to copy local files and folders: ADD also downloads URLs and unpacks archives, and COPY says that none of that happens here.';

describe('DL3020', () => {
  it('flags ADD of local files and folders, on the keyword', () => {
    checkDiagnostics('FROM alpine:3\n$[ADD$] app.py /app/\n$[add$] --chown=1000 ["src", "lib", "/app/"]\n', [
      { code: 'DL3020', message },
      { code: 'DL3020', message },
    ], { only });
  });

  it('flags an ONBUILD ADD trigger of local files, and fixes it there', () => {
    checkDiagnostics('FROM alpine:3\nONBUILD $[ADD$] . /app/src\nONBUILD ADD https://example.com/a /a\n', [{ code: 'DL3020', message }], { only });
    checkFix('FROM alpine:3\nonbuild add . /app/src\n', 'DL3020', 'Replace ADD with COPY', 'FROM alpine:3\nonbuild copy . /app/src\n');
  });

  it('ignores URLs, git sources, archives ADD unpacks, variables and ADD-only flags', () => {
    checkDiagnostics(
      'FROM alpine:3\nADD https://example.com/a.txt /a\nADD git@github.com:moby/buildkit.git /src\nADD https://github.com/moby/buildkit.git#v0.12 /bk\nADD rootfs.tar.xz /\nADD app.tgz /opt\nADD app.tpz /opt\nADD app.tZ /opt\nADD app.tb2 /opt\nADD ${SRC} /x\nADD --checksum=sha256:abc file /f\nADD --checksum=sha256:abc <<EOF /f\nhi\nEOF\nCOPY a /b\n',
      [],
      { only },
    );
  });

  it('flags ADD of heredocs, which BuildKit copies as COPY does, never unpacking them', () => {
    const heredocs = 'Use COPY for heredocs: ADD copies a heredoc exactly as COPY does (it never unpacks one), and COPY says so.';
    checkDiagnostics('FROM alpine:3\n$[ADD$] <<EOF /etc/motd\nhi\nEOF\nONBUILD $[add$] --chmod=600 <<-A <<B /x/\n\ta\n\tA\nb\nB\n$[ADD$] <<EOF app.py /app/\nx\nEOF\n', [
      { code: 'DL3020', message: heredocs },
      { code: 'DL3020', message: heredocs },
      { code: 'DL3020', message },
    ], { only });
    checkFix('FROM alpine:3\nADD <<EOF /etc/motd\nhi\nEOF\n', 'DL3020', 'Replace ADD with COPY', 'FROM alpine:3\nCOPY <<EOF /etc/motd\nhi\nEOF\n');
  });

  it('leaves ADD of a heredoc with an archive, and the heredocs other warnings are about, alone', () => {
    // `<< EOF` is two paths to BuildKit (heredoc-not-copied); a JSON-form "<<EOF" an empty file (heredoc-in-json-form).
    checkDiagnostics('FROM alpine:3\nADD <<EOF app.tgz /opt/\nx\nEOF\nADD << EOF /x\nhi\nEOF\nADD ["<<EOF", "/x"]\n', [], { only });
  });

  it('replaces ADD with COPY, keeping the case', () => {
    checkFix('FROM alpine:3\nADD app.py /app/\n', 'DL3020', 'Replace ADD with COPY', 'FROM alpine:3\nCOPY app.py /app/\n');
    checkFix('from alpine:3\nadd app.py /app/\n', 'DL3020', 'Replace ADD with COPY', 'from alpine:3\ncopy app.py /app/\n');
    expect(fixTitles('FROM alpine:3\nADD a /b\n', 'DL3020')).toEqual(['Replace ADD with COPY (preferred)', 'Ignore DL3020 for this instruction']);
  });
});
