// "Skip <Rule> for this instruction" and "Skip <Rule> in this file": offered for every build
// check, merged into existing `# check=` comments and directives (BuildKit rejects a second
// directive), and checked by applying them and linting again.

import { describe, expect, it } from 'vitest';
import { addSkipRule } from '../../../server/src/services/skipCheck';
import { checkFix, codesOf, fixTitles } from './harness';

const here = (rule: string) => `Skip ${rule} for this instruction`;
const file = (rule: string) => `Skip ${rule} in this file`;

describe('skip for this instruction', () => {
  it('adds a check comment above the instruction, with its indentation', () => {
    checkFix('FROM alpine\n  CMD echo hi\n', 'JSONArgsRecommended', here('JSONArgsRecommended'), 'FROM alpine\n  # check=skip=JSONArgsRecommended\n  CMD echo hi\n');
  });

  it('merges into the check comment already above it', () => {
    checkFix(
      'FROM alpine\n# check=skip=MultipleInstructionsDisallowed // why\n# note\n\nCMD echo hi\nCMD ["a"]\n',
      'JSONArgsRecommended',
      here('JSONArgsRecommended'),
      'FROM alpine\n# check=skip=MultipleInstructionsDisallowed,JSONArgsRecommended // why\n# note\n\nCMD echo hi\nCMD ["a"]\n',
    );
    checkFix('FROM alpine\n# check=error=true\nCMD echo hi\n', 'JSONArgsRecommended', here('JSONArgsRecommended'), 'FROM alpine\n# check=error=true;skip=JSONArgsRecommended\nCMD echo hi\n');
  });

  it('keeps a comment right after the directives from becoming a second directive', () => {
    checkFix(
      '# syntax=docker/dockerfile:1\n# check=error=true\nFROM alpine AS Build\n',
      'StageNameCasing',
      here('StageNameCasing'),
      '# syntax=docker/dockerfile:1\n# check=error=true\n\n# check=skip=StageNameCasing\nFROM alpine AS Build\n',
    );
    checkFix('FROM alpine AS Build\n', 'StageNameCasing', here('StageNameCasing'), '\n# check=skip=StageNameCasing\nFROM alpine AS Build\n');
  });

  it('leaves a check comment BuildKit cannot read alone, and adds one it can (found by fuzzing)', () => {
    // An invalid comment only loses its effect, so a rule merged into it would stay unskipped.
    checkFix('FROM alpine\n# check=bogus\nCMD echo hi\n', 'JSONArgsRecommended', here('JSONArgsRecommended'), 'FROM alpine\n# check=bogus\n# check=skip=JSONArgsRecommended\nCMD echo hi\n');
    checkFix(
      'FROM alpine\n# check=error=true\n# check=skip=X;FROM\nCMD echo hi\n',
      'JSONArgsRecommended',
      here('JSONArgsRecommended'),
      'FROM alpine\n# check=error=true;skip=JSONArgsRecommended\n# check=skip=X;FROM\nCMD echo hi\n',
    );
    // No room for a fourth option: a comment of its own.
    checkFix(
      'FROM alpine\n# check=error=false;experimental=all;error=false\nCMD echo hi\n',
      'JSONArgsRecommended',
      here('JSONArgsRecommended'),
      'FROM alpine\n# check=error=false;experimental=all;error=false\n# check=skip=JSONArgsRecommended\nCMD echo hi\n',
    );
  });

  it('uses the file’s CRLF line breaks', () => {
    checkFix('FROM alpine\r\nCMD echo hi\r\n', 'JSONArgsRecommended', here('JSONArgsRecommended'), 'FROM alpine\r\n# check=skip=JSONArgsRecommended\r\nCMD echo hi\r\n');
  });
});

describe('skip in this file', () => {
  it('adds a check directive at the top', () => {
    checkFix('# build the app\nFROM alpine\nCMD echo hi\n', 'JSONArgsRecommended', file('JSONArgsRecommended'), '# check=skip=JSONArgsRecommended\n# build the app\nFROM alpine\nCMD echo hi\n');
  });

  it('adds it after the other directives, or after a #! line', () => {
    checkFix(
      '# syntax=docker/dockerfile:1\n\nFROM alpine\nCMD echo hi\n',
      'JSONArgsRecommended',
      file('JSONArgsRecommended'),
      '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n\nFROM alpine\nCMD echo hi\n',
    );
    checkFix('#!/usr/bin/env docker\nFROM alpine\nCMD echo hi\n', 'JSONArgsRecommended', file('JSONArgsRecommended'), '#!/usr/bin/env docker\n# check=skip=JSONArgsRecommended\nFROM alpine\nCMD echo hi\n');
  });

  it('adds it right after a byte order mark, with no line break between (BuildKit strips the mark)', () => {
    checkFix('\uFEFFFROM alpine\nCMD echo hi\n', 'JSONArgsRecommended', file('JSONArgsRecommended'), '\uFEFF# check=skip=JSONArgsRecommended\nFROM alpine\nCMD echo hi\n');
  });

  it('merges into the existing check directive instead of adding a second one', () => {
    checkFix(
      '# check=error=true\nFROM alpine\nCMD echo hi\n',
      'JSONArgsRecommended',
      file('JSONArgsRecommended'),
      '# check=error=true;skip=JSONArgsRecommended\nFROM alpine\nCMD echo hi\n',
    );
    checkFix(
      '# check=skip=LegacyKeyValueFormat;error=true\nFROM alpine\nCMD echo hi\n',
      'JSONArgsRecommended',
      file('JSONArgsRecommended'),
      '# check=skip=LegacyKeyValueFormat,JSONArgsRecommended;error=true\nFROM alpine\nCMD echo hi\n',
    );
  });
});

describe('which actions are offered', () => {
  it('offers the rule’s fixes first, then both skips', () => {
    expect(fixTitles('FROM alpine AS Build\n', 'StageNameCasing')).toEqual(["Rename the stage to 'build' (preferred)", here('StageNameCasing'), file('StageNameCasing')]);
  });

  it('offers no skip for experimental checks, which skip does not turn off', () => {
    expect(fixTitles('# check=experimental=all\n# note\nARG A=1\nFROM alpine\n', 'InvalidDefinitionDescription')).toEqual([]);
  });

  it('offers no skip in the file when its check directive is invalid (found by fuzzing: `# check=FROM alpine AS Build`)', () => {
    // BuildKit rejects a second directive, and one merged into an invalid directive stays invalid: the directive is to be fixed first.
    expect(fixTitles('# check=FROM alpine AS Build\nFROM alpine\nCMD echo hi\n', 'JSONArgsRecommended')).toEqual(['Use the JSON form ["echo", "hi"] (preferred)', here('JSONArgsRecommended')]);
    expect(fixTitles('# check=error=maybe\nFROM alpine\nCMD echo hi\n', 'JSONArgsRecommended')).toEqual(['Use the JSON form ["echo", "hi"] (preferred)', here('JSONArgsRecommended')]);
  });

  it('offers no skip for an error BuildKit refuses to build', () => {
    expect(codesOf('# check=error=maybe\nFROM alpine\n')).toEqual(['invalid-check-option']);
    expect(fixTitles('# check=error=maybe\nFROM alpine\n', 'invalid-check-option')).toEqual([]);
  });
});

describe('adding a rule to a check value', () => {
  it('follows BuildKit’s option syntax', () => {
    expect(addSkipRule('', 'A')).toBe('skip=A');
    expect(addSkipRule('skip=B', 'A')).toBe('skip=B,A');
    expect(addSkipRule('skip=', 'A')).toBe('skip=A');
    expect(addSkipRule('error=true', 'A')).toBe('error=true;skip=A');
    expect(addSkipRule('skip=all', 'A')).toBeUndefined();
    expect(addSkipRule('skip=A', 'A')).toBeUndefined();
    expect(addSkipRule('error=true;experimental=all;error=false', 'A')).toBeUndefined();
  });
});
