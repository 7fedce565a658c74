import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

const message = 'Empty line inside a continued instruction; empty continuation lines are deprecated and will become an error. Delete the line.';

describe('NoEmptyContinuation', () => {
  it('flags each empty line inside a continued instruction, blank or white space only', () => {
    checkDiagnostics('FROM alpine\nRUN apk add \\\n$[$]\n    curl \\\n$[  $]\n    git\n', [
      { code: 'NoEmptyContinuation', message },
      { code: 'NoEmptyContinuation', message },
    ]);
  });

  it('accepts comment lines inside the instruction and blank lines between instructions', () => {
    checkDiagnostics('FROM alpine\nRUN apk add \\\n# a comment\n    curl\n\nRUN true\n', []);
  });

  it('deletes the empty line', () => {
    checkFix('FROM alpine\nRUN apk add \\\n\n    curl\n', 'NoEmptyContinuation', 'Delete the empty continuation line', 'FROM alpine\nRUN apk add \\\n    curl\n');
  });

  it('deletes a white-space-only line with a CRLF line break', () => {
    checkFix('FROM alpine\r\nRUN apk add \\\r\n   \r\n    curl\r\n', 'NoEmptyContinuation', 'Delete the empty continuation line', 'FROM alpine\r\nRUN apk add \\\r\n    curl\r\n');
  });
});
