import { describe, expect, it } from 'vitest';
import { checkErrors, checkFix } from './testing';
import { unknownFlag } from './unknown-flag';

const rules = [unknownFlag];

describe('unknown-flag', () => {
  it('reports a flag the instruction does not have, like BuildKit on --user', () => {
    checkErrors('FROM scratch\nCOPY $[--user=me$] foo /tmp/\n', [
      ['unknown-flag', 'Unknown flag --user for COPY, which accepts --from, --chown, --chmod, --link, --parents or --exclude.'],
    ], rules);
  });

  it('suggests the closest flag; flag names are case-sensitive', () => {
    checkErrors('FROM alpine\nRUN $[--mout=type=cache,target=/x$] $[--Network=none$] make\n', [
      ['unknown-flag', 'Unknown flag --mout for RUN. Did you mean --mount?'],
      ['unknown-flag', 'Unknown flag --Network for RUN. Did you mean --network?'],
    ], rules);
  });

  it('reports any flag on an instruction that takes none', () => {
    checkErrors('FROM alpine\nCMD $[--doit$] [ "a", "b" ]\nWORKDIR $[--x=1$] /app\nMAINTAINER $[--boo$] joe@example.com\n', [
      ['unknown-flag', 'CMD takes no flags, so --doit is an error. To pass --doit to the program, use the JSON form: CMD ["program", "--doit"].'],
      ['unknown-flag', 'WORKDIR takes no flags, so --x is an error. Remove it.'],
      ['unknown-flag', 'MAINTAINER takes no flags, so --boo is an error. Remove it.'],
    ], rules);
  });

  it('ignores flags where BuildKit never reads them: ARG, STOPSIGNAL, HEALTHCHECK NONE', () => {
    checkErrors('ARG --foo=1 A\nFROM alpine\nSTOPSIGNAL --x SIGTERM\nHEALTHCHECK --interval=5s NONE\n', [], rules);
  });

  it('accepts every flag in the facts table, and a bare -- ending the flags', () => {
    checkErrors(
      'FROM --platform=linux/amd64 alpine AS a\nRUN --mount=type=cache,target=/c --network=none --security=sandbox --device=x true\n' +
        'COPY --from=a --chown=1 --chmod=755 --link --parents --exclude=*.md -- a b\nADD --checksum=sha256:0 --keep-git-dir --unpack=false --link a b\n' +
        'HEALTHCHECK --interval=5s --timeout=3s --start-period=1s --start-interval=1s --retries=3 CMD true\n',
      [],
      rules,
    );
  });

  it('renames the flag, keeping its value', () => {
    const offered = checkFix('FROM alpine\nRUN --mou$0t=type=cache,target=/x make\n', 'unknown-flag', 'Change to --mount', 'FROM alpine\nRUN --mount=type=cache,target=/x make\n');
    expect(offered).toEqual(['*Change to --mount', 'Remove --mout']);
  });

  it('removes the flag and the space after it', () => {
    checkFix('FROM scratch\nCOPY --us$0er=me foo /tmp/\n', 'unknown-flag', 'Remove --user', 'FROM scratch\nCOPY foo /tmp/\n');
  });
});
