import { describe, expect, it } from 'vitest';
import { checkErrors, checkFix, fixesAt } from './testing';
import { tooManyArguments } from './too-many-arguments';

describe('too-many-arguments', () => {
  const rules = [tooManyArguments];

  it('reports FROM with words other than an image and AS <name>', () => {
    checkErrors('FROM alpine $[build$]\nFROM alpine $[ass$] build\nFROM alpine AS build $[extra words$]\nFROM alpine as build\n', [
      ['too-many-arguments', 'FROM takes a single image. To name the stage, write FROM alpine AS build.'],
      ['too-many-arguments', 'FROM takes an image, then AS and a stage name; "ass" stands where AS should be.'],
      ['too-many-arguments', 'FROM ends with the stage name (build); remove what follows it.'],
    ], rules);
  });

  it('inserts AS, corrects it, or drops what follows the name', () => {
    checkFix('FROM alpine bu$0ild\n', 'too-many-arguments', 'Insert AS before build', 'FROM alpine AS build\n');
    checkFix('FROM alpine a$0ss build\n', 'too-many-arguments', 'Change to AS', 'FROM alpine AS build\n');
    checkFix('from alpine bu$0ild\n', 'too-many-arguments', 'Insert as before build', 'from alpine as build\n');
    checkFix('from alpine a$0ss build\n', 'too-many-arguments', 'Change to as', 'from alpine as build\n');
    checkFix('FROM alpine AS build ex$0tra words\n', 'too-many-arguments', 'Remove the extra words', 'FROM alpine AS build\n');
  });

  it('offers no AS when the word after it is no valid stage name (found by fuzzing: `FROM build /a /b`)', () => {
    checkErrors('FROM build $[/a$] /b\nFROM alpine $[/x$]\nFROM alpine $[1st$]\n', [
      ['too-many-arguments', 'FROM takes an image, then AS and a stage name; "/a" stands where AS should be.'],
      ['too-many-arguments', 'FROM takes a single image, or an image, AS and a stage name; "/x" is no stage name.'],
      ['too-many-arguments', 'FROM takes a single image, or an image, AS and a stage name; "1st" is no stage name.'],
    ], rules);
    expect(fixesAt('FROM build /$0a /b\n', 'too-many-arguments').actions).toEqual([]);
    expect(fixesAt('FROM alpine /$0x\n', 'too-many-arguments').actions).toEqual([]);
    // AS in place of `alpine` would leave `Build` too many (found by fuzzing: FROM FROM alpine AS Build).
    expect(fixesAt('FROM FROM al$0pine AS Build\n', 'too-many-arguments').actions).toEqual([]);
    // Stage names are compared in lower case: an upper-case name is still a name.
    checkFix('FROM alpine a$0ss Build\n', 'too-many-arguments', 'Change to AS', 'FROM alpine AS Build\n');
  });

  it('offers no removal after a word that is no stage name, and explains a # that was meant as a comment', () => {
    // Found by fuzzing: removing `hadolint ignore=DL3008` left `FROM alpine as #`, an invalid-stage-name error.
    checkErrors('from alpine as # $[hadolint ignore=DL3008$]\nFROM alpine AS build $[# the builder$]\n', [
      ['too-many-arguments', 'FROM ends with the stage name (#); remove what follows it.'],
      ['too-many-arguments', 'FROM ends with the stage name (build); remove what follows it. A # starts a comment only at the start of a line.'],
    ], rules);
    expect(fixesAt('from alpine as # hado$0lint ignore=DL3008\n', 'too-many-arguments').actions).toEqual([]);
    checkFix('FROM alpine AS build # the$0 builder\n', 'too-many-arguments', 'Remove the extra words', 'FROM alpine AS build\n');
  });
});
