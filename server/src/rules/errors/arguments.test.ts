// Tests of the rules about instruction arguments: missing-arguments, too-many-arguments,
// blank-name, invalid-stage-name, empty-volume.
import { describe, it } from 'vitest';
import { blankName } from './blank-name';
import { emptyVolume } from './empty-volume';
import { invalidStageName } from './invalid-stage-name';
import { missingArguments } from './missing-arguments';
import { checkErrors, checkFix } from './testing';
import { tooManyArguments } from './too-many-arguments';

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

  it('wants a stage name after AS', () => {
    checkErrors('FROM alpine $[AS$]\n', [['missing-arguments', 'AS must be followed by a name for the stage: FROM alpine AS <name>.']], rules);
  });

  it('accepts RUN, CMD and ENTRYPOINT without arguments, and leaves syntax errors to the parser', () => {
    checkErrors('FROM alpine\nRUN\nCMD\nENTRYPOINT []\nENV A\n', [], rules);
  });
});

describe('too-many-arguments', () => {
  const rules = [tooManyArguments];

  it('reports FROM with words other than an image and AS <name>', () => {
    checkErrors('FROM alpine $[build$]\nFROM alpine $[ass$] build\nFROM alpine AS build $[extra words$]\nFROM alpine as build\n', [
      ['too-many-arguments', 'FROM takes a single image. To name the stage, write FROM alpine AS build.'],
      ['too-many-arguments', 'FROM takes an image, then AS and a stage name; "ass" stands where AS should be.'],
      ['too-many-arguments', 'FROM ends with the stage name (build); remove what follows it.'],
    ], rules);
  });

  it('inserts AS', () => {
    checkFix('FROM alpine bu$0ild\n', 'too-many-arguments', 'Insert AS before build', 'FROM alpine AS build\n');
  });
});

describe('blank-name', () => {
  it('reports a pair with no name', () => {
    checkErrors('ARG $[=1$]\nFROM alpine\nENV A=1 $[=2$]\nLABEL $[="x"$]\n', [
      ['blank-name', 'ARG needs a name before the equals sign: ARG NAME=1.'],
      ['blank-name', 'ENV needs a name before the equals sign: ENV NAME=2.'],
      ['blank-name', 'LABEL needs a name before the equals sign: LABEL NAME="x".'],
    ], [blankName]);
  });
});

describe('invalid-stage-name', () => {
  it('checks the name in lower case, as BuildKit does', () => {
    checkErrors('FROM alpine AS Build_1.x-y\nFROM alpine AS $[1st$]\nFROM alpine AS $[my:stage$]\n', [
      ['invalid-stage-name', '"1st" is not a valid stage name: it must start with a letter.'],
      ['invalid-stage-name', '"my:stage" is not a valid stage name: it may contain only letters, digits, "-", "_" and ".".'],
    ], [invalidStageName]);
  });
});

describe('empty-volume', () => {
  it('reports an empty path in the JSON form', () => {
    checkErrors('FROM alpine\nVOLUME ["/data", $[" "$]]\nVOLUME /a /b\n', [
      ['empty-volume', 'A VOLUME path cannot be empty; give the directory to keep, such as "/data".'],
    ], [emptyVolume]);
  });
});
