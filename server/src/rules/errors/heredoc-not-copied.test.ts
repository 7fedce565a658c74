import { describe, expect, it } from 'vitest';
import { heredocNotCopied } from './heredoc-not-copied';
import { checkErrors, checkFix } from './testing';

const message = (instruction: string, marker: string, name: string, written: string, opener = '<<') =>
  `${instruction} does not copy this heredoc: it splits "${marker}" at the white space into two paths in the build context, "${opener}" and "${name}", and drops the body. Write ${written}.`;

describe('heredoc-not-copied', () => {
  it('reports a COPY or ADD heredoc with white space after <<, an ONBUILD trigger too', () => {
    checkErrors(
      'FROM alpine\nCOPY $[<< EOF$] /x\nhi\nEOF\nADD <<A $[<<\t\'B\'$] /dir/\na\nA\nb\nB\nONBUILD COPY $[3<<  END$] /y\nz\nEND\n',
      [
        ['heredoc-not-copied', message('COPY', '<< EOF', 'EOF', '<<EOF')],
        ['heredoc-not-copied', message('ADD', "<< 'B'", 'B', "<<'B'")],
        ['heredoc-not-copied', message('COPY', '3<< END', 'END', '3<<END', '3<<')],
      ],
      [heredocNotCopied],
    );
  });

  it('accepts markers written as one word, and white space after << in RUN, whose shell reads the line', () => {
    checkErrors(
      "FROM alpine\nCOPY <<EOF /x\nhi\nEOF\nCOPY --chmod=755 <<-'EOF' <<B a.txt /dir/\n\tx\n\tEOF\nb\nB\nRUN cat << EOF > /f\nhi\nEOF\nONBUILD RUN << EOF\necho\nEOF\n",
      [],
      [heredocNotCopied],
    );
  });

  it('joins the marker as the fix', () => {
    expect(checkFix('FROM alpine\nCOPY <<$0  "EOF" /x\nhi\nEOF\n', 'heredoc-not-copied', 'Change to <<"EOF"', 'FROM alpine\nCOPY <<"EOF" /x\nhi\nEOF\n')).toEqual([
      '*Change to <<"EOF"',
    ]);
  });
});
