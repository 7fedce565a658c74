import { describe, expect, it } from 'vitest';
import { missingArguments } from './missing-arguments';
import { checkErrors, checkFix, fixesAt } from './testing';

describe('missing-arguments', () => {
  const rules = [missingArguments];

  it('reports what BuildKit requires, with the usage from the facts', () => {
    checkErrors(
      'FROM alpine\n$[WORKDIR$]\n$[USER$]\n$[HEALTHCHECK$]\n$[EXPOSE$]\n$[VOLUME$]\n$[ENV$]\n$[LABEL$]\n$[ONBUILD$]\n$[SHELL []$]\n$[STOPSIGNAL$]\n$[MAINTAINER$]\n',
      [
        ['missing-arguments', 'WORKDIR needs an argument: WORKDIR <path>.'],
        ['missing-arguments', 'USER needs an argument: USER <user>[:<group>].'],
        ['missing-arguments', 'HEALTHCHECK needs at least one argument: HEALTHCHECK [OPTIONS] CMD <command>.'],
        ['missing-arguments', 'EXPOSE needs at least one argument: EXPOSE <port>[/<protocol>] ...'],
        ['missing-arguments', 'VOLUME needs at least one argument: VOLUME <path> ...'],
        ['missing-arguments', 'ENV needs at least one argument: ENV <key>=<value> [<key>=<value>...].'],
        ['missing-arguments', 'LABEL needs at least one argument: LABEL <key>=<value> [<key>=<value>...].'],
        ['missing-arguments', 'ONBUILD needs at least one argument: ONBUILD <instruction>.'],
        ['missing-arguments', 'SHELL needs at least one argument: SHELL ["<executable>", "<param>", ...].'],
        ['missing-arguments', 'STOPSIGNAL needs an argument: STOPSIGNAL <signal>.'],
        ['missing-arguments', 'MAINTAINER needs an argument: MAINTAINER <name>.'],
      ],
      rules,
    );
  });

  it('wants a source and a destination for COPY and ADD, in both forms', () => {
    checkErrors('FROM alpine\n$[COPY --chown=1 app.py$]\n$[ADD ["a"]$]\nCOPY a b\nCOPY <<EOF /x\nhi\nEOF\n', [
      ['missing-arguments', 'COPY needs a source and a destination: COPY [OPTIONS] <src>... <dest>. Only one was given.'],
      ['missing-arguments', 'ADD needs a source and a destination: ADD [OPTIONS] <src>... <dest>. Only one was given.'],
    ], rules);
  });

  it('names a pasted no-break space in the one word, which BuildKit does not split at', () => {
    checkErrors('FROM alpine\n$[COPY app.py\u00a0/app/$]\n', [
      [
        'missing-arguments',
        "COPY needs a source and a destination: COPY [OPTIONS] <src>... <dest>. Only one was given. The space in 'app.py\u00a0/app/' is a no-break space (U+00A0), which BuildKit does not split words at: write a plain space.",
      ],
    ], rules);
  });

  it('replaces that no-break space with a plain one', () => {
    checkFix('FROM alpine\nCOPY app$0.py\u00a0/app/\n', 'missing-arguments', 'Replace with a plain space', 'FROM alpine\nCOPY app.py /app/\n');
    // Inside quotes a plain space would not split the word either: neither the hint nor the fix.
    expect(fixesAt('FROM alpine\nCOPY "app$0.py\u00a0/app/"\n', 'missing-arguments').actions).toEqual([]);
  });

  it('wants a stage name after AS', () => {
    checkErrors('FROM alpine $[AS$]\n', [['missing-arguments', 'AS must be followed by a name for the stage: FROM alpine AS <name>.']], rules);
  });

  it('accepts RUN, CMD and ENTRYPOINT without arguments, and leaves syntax errors to the parser', () => {
    checkErrors('FROM alpine\nRUN\nCMD\nENTRYPOINT []\nENV A\n', [], rules);
  });
});
