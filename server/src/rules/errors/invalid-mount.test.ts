import { describe, expect, it } from 'vitest';
import { invalidMount } from './invalid-mount';
import { checkErrors, checkFix, fixesAt } from './testing';

const rules = [invalidMount];
const run = (mount: string) => `FROM alpine\nRUN --mount=${mount} true\n`;

describe('invalid-mount', () => {
  it('accepts the mounts of the reference', () => {
    checkErrors(
      'FROM alpine AS deps\nFROM alpine\n' +
        'RUN --mount=type=cache,target=/root/.cache,sharing=locked,mode=0755,uid=1000,gid=1000 --mount=type=bind,source=go.mod,target=go.mod,rw \\\n' +
        '    --mount=type=secret,id=npmrc,target=/root/.npmrc,required --mount=type=secret,id=tok,env=TOKEN,required=true \\\n' +
        '    --mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m --mount=from=deps,src=/out,dst=/in,ro=true --mount=TYPE=Cache,Target=/x true\n',
      [],
      rules,
    );
  });

  it('reports an unknown key and an unknown type, with suggestions', () => {
    checkErrors(run('type=cache,$[tagret$]=/x') + run('type=$[volume$],target=/x') + run('type=$[cahce$],target=/x'), [
      ['invalid-mount', '"tagret" is not a --mount option. Did you mean target?'],
      ['invalid-mount', '"volume" is not a mount type; use bind, cache, tmpfs, secret or ssh.'],
      ['invalid-mount', '"cahce" is not a mount type; use bind, cache, tmpfs, secret or ssh. Did you mean cache?'],
    ], rules);
  });

  it('reads options left to right, as BuildKit does', () => {
    checkErrors(run('$[required$],type=secret,id=a') + run('$[size$]=1g,type=tmpfs,target=/t') + run('type=cache,target=/c,$[required$]'), [
      ['invalid-mount', 'required is read before type=secret: put type=secret first, BuildKit reads the options left to right.'],
      ['invalid-mount', 'size is read before type=tmpfs: put type=tmpfs first, BuildKit reads the options left to right.'],
      ['invalid-mount', 'required applies only to secret or ssh mounts, not to cache mounts.'],
    ], rules);
  });

  it('takes the last of repeated type= options, as BuildKit does', () => {
    checkErrors(
      run('$[size$]=1g,type=cache,type=tmpfs,target=/t') + run('type=$T,type=bind,target=/b,$[uid$]=1') + run('type=tmpfs,type=cache,target=/c,sharing=locked,uid=1'),
      [
        ['invalid-mount', 'size is read before type=tmpfs: put type=tmpfs first, BuildKit reads the options left to right.'],
        // A literal type after one from a variable is the type BuildKit checks the rest against.
        ['invalid-mount', 'uid applies only to cache, secret or ssh mounts, not to bind mounts.'],
      ],
      rules,
    );
  });

  it('checks values', () => {
    checkErrors(
      run('type=cache,target=/c,sharing=$[lock$],mode=$[rwx$],uid=$[app$]') + run('type=bind,target=/b,ro=$[yes$]') + run('type=tmpfs,target=/t,size=$[lots$]'),
      [
        ['invalid-mount', '"lock" is not a sharing mode; use shared, private or locked. Did you mean locked?'],
        ['invalid-mount', 'mode is an octal number such as 0755, not "rwx".'],
        ['invalid-mount', 'uid is a numeric id such as 1000, not "app".'],
        ['invalid-mount', 'ro is true or false, not "yes".'],
        ['invalid-mount', 'size is a number of bytes, optionally with a unit such as 64m or 1g, not "lots".'],
      ],
      rules,
    );
  });

  it('reports keys that need a value', () => {
    checkErrors(run('type=cache,$[target$]'), [['invalid-mount', 'target needs a value: write target=<value>.']], rules);
  });

  it('checks combinations after reading all options', () => {
    checkErrors(
      run('type=bind,target=/b,$[mode$]=0644') +
        'FROM alpine\nRUN $[--mount=type=secret,env=TOKEN$] true\n' +
        run('type=secret,id=a,$[from=deps$]') +
        run('type=secret,source=a,$[id=b$]') +
        run('type=tmpfs,target=/t,$[sharing=locked$]') +
        run('type=cache,$[target=/$]'),
      [
        ['invalid-mount', 'mode applies only to cache, secret or ssh mounts, not to bind mounts.'],
        ['invalid-mount', 'A secret mount needs id=<name>, the id given to docker build --secret (or a target= path to name it after).'],
        ['invalid-mount', 'A secret mount cannot use from=: secrets come from the build command (docker build --secret id=...).'],
        ['invalid-mount', 'A secret mount takes id= or source= (an older name for it), not both.'],
        ['invalid-mount', 'sharing= applies only to cache mounts, not to tmpfs mounts.'],
        ['invalid-mount', 'A mount cannot cover the root directory: choose a target such as /cache or /src.'],
      ],
      rules,
    );
  });

  it('refuses source= on an ssh mount, which BuildKit rejects when it converts the RUN', () => {
    checkErrors(run('type=ssh,id=default,$[source=key$]') + run('type=ssh,$[src=key$],required'), [
      ['invalid-mount', 'An ssh mount cannot use source=: it forwards the agent or keys given to docker build --ssh; choose which with id=.'],
      ['invalid-mount', 'An ssh mount cannot use source=: it forwards the agent or keys given to docker build --ssh; choose which with id=.'],
    ], rules);
    // An empty source= is no source at all, and ssh mounts ignore from= and env=.
    checkErrors(run('type=ssh,source=') + run('type=ssh,from=deps,env=X') + run('type=bind,target=/b,env=X'), [], rules);
  });

  it('never expands variables in from=, and does not judge other values with variables', () => {
    checkErrors(run('type=bind,from=$[${STAGE}$],target=/s') + run('type=$TYPE,target=/x,size=$SIZE') + run('type=cache,target=$DIR,mode=$MODE'), [
      ['invalid-mount', 'from= cannot use variables: BuildKit does not expand them here. Declare a stage such as FROM ${IMAGE} AS deps and mount from=deps.'],
    ], rules);
  });

  it('does not count a source= or id= with variables as set: it may expand to nothing, which BuildKit takes as unset', () => {
    checkErrors(run('type=secret,id=a,source=$SRC') + run('type=secret,source=$SRC,id=${ID}') + run('type=ssh,source=$KEY') + run('type=$T,type=ssh,src=${KEY:-}'), [], rules);
  });

  it('does not judge a value with quotes or escapes, which BuildKit removes when it expands the value', () => {
    checkErrors(
      "FROM alpine\nRUN --mount=\"type='cache',target=/c,sharing='locked',mode='0755',uid='1'\" true\n" +
        "FROM alpine\nRUN --mount=\"type=tmpfs,target=/t,size='64m'\" --mount=\"type=secret,id=a,required='true',source=''\" --mount=\"type=bind,target=/b,ro='true'\" true\n",
      [],
      rules,
    );
  });

  it('reports an empty option, which BuildKit refuses as it builds the stage, with a fix that removes the extra comma', () => {
    checkErrors(
      run('type=cache$[,,$]target=/x') + run('type=cache,target=/y$[,$]') + run('$[,$]type=cache,target=/z') + run('"type=cache$[,",$]target=/q') + run('type=cache$[,,,$]target=/w'),
      [
        ['invalid-mount', 'This --mount has an empty option (two commas in a row): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.'],
        ['invalid-mount', 'This --mount has an empty option (a comma at its start or end): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.'],
        ['invalid-mount', 'This --mount has an empty option (a comma at its start or end): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.'],
        ['invalid-mount', 'This --mount has an empty option (two commas in a row): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.'],
        ['invalid-mount', 'This --mount has an empty option (two commas in a row): BuildKit refuses it as it builds the stage ("must be a key=value pair"). Remove the extra comma.'],
      ],
      rules,
    );
    expect(checkFix(run('type=cache,$0,target=/x'), 'invalid-mount', 'Remove the extra comma', run('type=cache,target=/x'))).toEqual(['Remove the extra comma']);
    expect(checkFix(run('type=cache,target=/y$0,'), 'invalid-mount', 'Remove the comma', run('type=cache,target=/y'))).toEqual(['Remove the comma']);
    // One comma between options, a bare key BuildKit knows, a line continued without indentation: nothing to report.
    checkErrors(run('type=cache,target=/x,ro') + 'FROM alpine\nRUN --mount=type=bind,\\\ntarget=/x true\n', [], rules);
    // A line continued after a comma: the joined line keeps the next line's indentation, so the flag ends at the comma.
    checkErrors('FROM alpine\nRUN --mount=type=bind$[,$]\\\n    target=/x true\n', [
      [
        'invalid-mount',
        'This --mount ends with a comma, and the indentation of the next line ends the flag: BuildKit joins the lines as written, so the mount gets an empty option, which it refuses as it builds the stage, and target=/x starts the command. Remove the indentation of the next line.',
      ],
    ], rules);
  });

  it('fixes a --mount continued on an indented line by removing the indentation, not the comma (which would leave the options out)', () => {
    const title = 'Join the next line to this --mount (remove its indentation)';
    expect(checkFix('FROM alpine\nRUN --mount=type=cache,$0\\\n\t  target=/root/.cache,sharing=locked \\\n  pip install x\n', 'invalid-mount', title, 'FROM alpine\nRUN --mount=type=cache,\\\ntarget=/root/.cache,sharing=locked \\\n  pip install x\n')).toEqual([`*${title}`]);
    expect(checkFix('# escape=`\r\nFROM alpine\r\nRUN --mount=type=cache,$0`\r\n    target=/c true\r\n', 'invalid-mount', title, '# escape=`\r\nFROM alpine\r\nRUN --mount=type=cache,`\r\ntarget=/c true\r\n')).toEqual([`*${title}`]);
    // Not when the next line starts no option, nor with a blank before the escape (the flag ends there anyway).
    expect(checkFix(run('type=cache,target=/y$0,'), 'invalid-mount', 'Remove the comma', run('type=cache,target=/y'))).toEqual(['Remove the comma']);
    expect(checkFix('FROM alpine\nRUN --mount=type=cache,target=/y,$0 \\\n    true\n', 'invalid-mount', 'Remove the comma', 'FROM alpine\nRUN --mount=type=cache,target=/y \\\n    true\n')).toEqual(['Remove the comma']);
  });

  it('reports broken quoting', () => {
    checkErrors('FROM alpine\nRUN --mount=$[type=bind,\\"target=/x$] true\n', [
      ['invalid-mount', 'This --mount is not a valid comma-separated list: a quoted option is missing its closing quote.'],
    ], rules);
  });

  it('fixes a misspelt key or type', () => {
    checkFix(run('type=cache,tag$0ret=/x'), 'invalid-mount', 'Change to target', run('type=cache,target=/x'));
    checkFix(run('type=cah$0ce,target=/x'), 'invalid-mount', 'Change to cache', run('type=cache,target=/x'));
    checkFix(run('type=secret,id=a,requird$0'), 'invalid-mount', 'Change to required', run('type=secret,id=a,required'));
  });

  it('offers no spelling fix for a bare word whose key needs a value, which would still be refused, and says what to write', () => {
    checkErrors(run('type=cache,$[targ$]'), [['invalid-mount', '"targ" is not a --mount option. Did you mean target=<value>?']], rules);
    expect(fixesAt(run('type=cache,targ$0'), 'invalid-mount').actions).toEqual([]);
  });
});
