import { describe, expect, it } from 'vitest';
import { healthcheckType } from './healthcheck-type';
import { checkErrors, checkFix } from './testing';

describe('healthcheck-type', () => {
  it('reports another type, NONE with arguments and CMD without a command', () => {
    checkErrors('FROM alpine\nHEALTHCHECK $[CONNECT$] TCP 7000\nHEALTHCHECK NONE $[curl x$]\nHEALTHCHECK $[CMD$]\nHEALTHCHECK $[cmd$] []\nHEALTHCHECK none\nHEALTHCHECK cmd ["true"]\n', [
      ['healthcheck-type', 'HEALTHCHECK expects CMD or NONE here, not "CONNECT". Write HEALTHCHECK CMD <command> to run a command.'],
      ['healthcheck-type', 'HEALTHCHECK NONE takes nothing after NONE: it only turns off a health check inherited from the base image.'],
      ['healthcheck-type', 'HEALTHCHECK CMD needs a command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.'],
      ['healthcheck-type', 'HEALTHCHECK CMD needs a command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.'],
    ], [healthcheckType]);
  });

  it('inserts CMD before a command, or corrects a misspelt type', () => {
    checkFix('FROM alpine\nHEALTHCHECK --interval=5s cu$0rl -f http://localhost/\n', 'healthcheck-type', 'Insert CMD before curl', 'FROM alpine\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n');
    expect(checkFix('FROM alpine\nHEALTHCHECK CD$0M true\n', 'healthcheck-type', 'Change to CMD', 'FROM alpine\nHEALTHCHECK CMD true\n')).toEqual(['*Change to CMD']);
  });

  it('removes what follows NONE with the blanks around it (found by the code action audit)', () => {
    checkFix('FROM alpine\nHEALTHCHECK NONE   x$0 y  \n', 'healthcheck-type', 'Remove what follows NONE', 'FROM alpine\nHEALTHCHECK NONE\n');
    checkFix('FROM alpine\nHEALTHCHECK --interval=5s NONE \\\n  x$0\nCMD true\n', 'healthcheck-type', 'Remove what follows NONE', 'FROM alpine\nHEALTHCHECK --interval=5s NONE\nCMD true\n');
    checkFix('FROM alpine\r\nHEALTHCHECK NONE x$0\r\n', 'healthcheck-type', 'Remove what follows NONE', 'FROM alpine\r\nHEALTHCHECK NONE\r\n');
  });
});
