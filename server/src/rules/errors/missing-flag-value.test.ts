import { describe, expect, it } from 'vitest';
import { missingFlagValue } from './missing-flag-value';
import { checkErrors, checkFix, fixesAt } from './testing';

const rules = [missingFlagValue];

describe('missing-flag-value', () => {
  it('reports a flag that needs =value', () => {
    checkErrors('FROM alpine AS a\nFROM alpine\nCOPY $[--from$] a /x /y\nRUN $[--network$] true\nHEALTHCHECK $[--retries$] CMD true\n', [
      ['missing-flag-value', '--from needs a value, written with an equals sign: --from=build.'],
      ['missing-flag-value', '--network needs a value, written with an equals sign: --network=none.'],
      ['missing-flag-value', '--retries needs a value, written with an equals sign: --retries=3.'],
    ], rules);
  });

  it('reports a boolean flag with an empty value, and accepts the bare form', () => {
    checkErrors('FROM alpine\nCOPY $[--link=$] --parents a b\n', [
      ['missing-flag-value', '--link= has no value. Write --link (or --link=true) to turn it on, or --link=false.'],
    ], rules);
  });

  it('accepts an empty value after = for a string flag, as BuildKit does', () => {
    checkErrors('FROM alpine\nCOPY --from= --chmod= a b\n', [], rules);
  });

  it('joins a value written after a space', () => {
    checkFix('FROM alpine AS build\nFROM alpine\nCOPY --fr$0om build /x /y\n', 'missing-flag-value', 'Change to --from=build', 'FROM alpine AS build\nFROM alpine\nCOPY --from=build /x /y\n');
    checkFix('FROM alpine\nRUN --netw$0ork none make\n', 'missing-flag-value', 'Change to --network=none', 'FROM alpine\nRUN --network=none make\n');
  });

  it('turns an empty boolean on', () => {
    checkFix('FROM alpine\nCOPY --li$0nk= a b\n', 'missing-flag-value', 'Change to --link', 'FROM alpine\nCOPY --link a b\n');
  });

  it('offers no join that would leave the instruction too few arguments', () => {
    expect(fixesAt('FROM alpine\nADD --check$0sum a b\n', 'missing-flag-value').actions).toEqual([]);
    expect(fixesAt('FROM --plat$0form linux/arm64\n', 'missing-flag-value').actions).toEqual([]);
  });

  it('offers no join when the flag is not the last one', () => {
    expect(fixesAt('FROM alpine\nCOPY --fr$0om --link a b\n', 'missing-flag-value').actions).toEqual([]);
  });

  it('offers no join of a word BuildKit would reject as the value (found by fuzzing: ADD --checksum FROM alpine AS Build)', () => {
    expect(fixesAt('FROM alpine\nADD --check$0sum FROM alpine AS Build\n', 'missing-flag-value').actions).toEqual([]);
    expect(fixesAt('FROM alpine\nRUN --netw$0ork nonexistent make\n', 'missing-flag-value').actions).toEqual([]);
    expect(fixesAt('FROM alpine\nCOPY --chm$0od u+q a b\n', 'missing-flag-value').actions).toEqual([]);
    // The value is judged with the arguments the join leaves: one download and its destination.
    const digest = 'sha256:' + 'a'.repeat(64);
    checkFix(`FROM alpine\nADD --check$0sum ${digest} https://x.example/a.tgz /a\n`, 'missing-flag-value', `Change to --checksum=${digest}`, `FROM alpine\nADD --checksum=${digest} https://x.example/a.tgz /a\n`);
    // A value the builder expands is known only at build time.
    checkFix('FROM alpine\nCOPY --chm$0od $MODE a b\n', 'missing-flag-value', 'Change to --chmod=$MODE', 'FROM alpine\nCOPY --chmod=$MODE a b\n');
  });
});
