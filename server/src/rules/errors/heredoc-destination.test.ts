import { describe, it } from 'vitest';
import { heredocDestination } from './heredoc-destination';
import { checkErrors } from './testing';

describe('heredoc-destination', () => {
  it('reports a heredoc as the destination of COPY or ADD', () => {
    checkErrors('FROM alpine\nCOPY app.conf $[<<EOF$]\nhi\nEOF\nADD ["a", $["<<-END"$]]\n', [
      ['heredoc-destination', 'COPY cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in COPY <<EOF /etc/app.conf.'],
      ['heredoc-destination', 'ADD cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in ADD <<EOF /etc/app.conf.'],
    ], [heredocDestination]);
  });

  it('accepts heredocs as sources and ordinary destinations', () => {
    checkErrors('FROM alpine\nCOPY <<EOF /etc/app.conf\nhi\nEOF\nCOPY <<A <<B /dir/\na\nA\nb\nB\nCOPY a "<<" /x\n', [], [heredocDestination]);
  });

  it('asks of the destination what BuildKit asks of a source: its terminator must lex as one word', () => {
    // BuildKit copies to the directory "<<a b" here; "<< END" is still a heredoc to it.
    checkErrors('FROM alpine\nCOPY ["a", "<<a b"]\nADD ["a", $["<< END"$]]\n', [
      ['heredoc-destination', 'ADD cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in ADD <<EOF /etc/app.conf.'],
    ], [heredocDestination]);
  });
});
