import { describe, expect, it } from 'vitest';
import { shebangCommand, shebangFailure, shebangProgram } from '../../../server/src/syntax';

// Each expectation was checked against Linux 6 and GNU env 9.1: a file starting with the `#!` line, run
// with programs on PATH that print their arguments (the script's path left out here); undefined where
// env stops with an error or starts the script again, endlessly.
describe('shebangCommand', () => {
  it('gives a plain interpreter the rest of the line as one argument, blanks around it removed', () => {
    expect(shebangCommand('/bin/bash')).toEqual(['/bin/bash']);
    expect(shebangCommand('  /bin/sh   -e  ')).toEqual(['/bin/sh', '-e']);
    expect(shebangCommand('/bin/bash -eo pipefail')).toEqual(['/bin/bash', '-eo pipefail']);
    expect(shebangCommand('')).toBeUndefined();
    expect(shebangCommand(' \t')).toBeUndefined();
  });

  it('reads env -S, alone, joined to its words, or after other short options in one word', () => {
    expect(shebangCommand('/usr/bin/env -S bash -euo pipefail')).toEqual(['bash', '-euo', 'pipefail']);
    expect(shebangCommand('/usr/bin/env -Spython3')).toEqual(['python3']);
    expect(shebangCommand('/usr/bin/env -iS bash -euo pipefail')).toEqual(['bash', '-euo', 'pipefail']);
    expect(shebangCommand('/usr/bin/env -vS bash -o pipefail')).toEqual(['bash', '-o', 'pipefail']);
    expect(shebangCommand('/usr/bin/env -ivS bash -e')).toEqual(['bash', '-e']);
    // -S takes the rest of the word: `i` is the program here.
    expect(shebangCommand('/usr/bin/env -Si bash')).toEqual(['i', 'bash']);
  });

  it('reads --split-string=…, abbreviated too, but not --split-string with a blank, one unknown option', () => {
    expect(shebangCommand('/usr/bin/env --split-string=bash -o pipefail')).toEqual(['bash', '-o', 'pipefail']);
    expect(shebangCommand('/usr/bin/env --split=bash -e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env --split-string bash -o pipefail')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env --de=x bash')).toBeUndefined(); // --debug or --default-signal
  });

  it('reads the words -S makes again as options, a -, settings and then the program', () => {
    expect(shebangCommand('/usr/bin/env -S -i bash -e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env -S -S bash -e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env -S -u FOO bash -e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env -S -- bash -e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env -S - bash')).toEqual(['bash']);
    expect(shebangCommand('/usr/bin/env -S PYTHONUNBUFFERED=1 python3 -u')).toEqual(['python3', '-u']);
    expect(shebangCommand('/usr/bin/env -S A=1 B=2 python3')).toEqual(['python3']);
  });

  it("splits as env does: quotes, escapes, a # word and \\_", () => {
    expect(shebangCommand('/usr/bin/env -S "bash" \'-o\' pipefail # comment')).toEqual(['bash', '-o', 'pipefail']);
    expect(shebangCommand('/usr/bin/env -S bash\\_-e')).toEqual(['bash', '-e']);
    expect(shebangCommand('/usr/bin/env -S bash -c \'echo "a b"\'')).toEqual(['bash', '-c', 'echo "a b"']);
    expect(shebangCommand('/usr/bin/env -S bash "unterminated')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -S bash \\q')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -S ${SHELL} -e')).toBeUndefined(); // a value this cannot know
  });

  it('runs nothing where env fails or would start the script itself again', () => {
    // The whole argument is one word: a program called "bash -e", or an option group with a blank.
    expect(shebangCommand('/usr/bin/env bash -e')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env python3 -u')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -i -S bash')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -0S bash')).toBeUndefined();
    // No program: env runs the script, whose first line runs env again.
    expect(shebangCommand('/usr/bin/env')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -S')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env --debug')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -u FOO -S bash')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env FOO=1 python3')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env bash')).toEqual(['bash']);
  });

  it('names the program', () => {
    expect(shebangProgram('/usr/bin/env -iS /usr/local/bin/python3 -u')).toBe('python3');
    expect(shebangProgram('/bin/sh -e')).toBe('sh');
    expect(shebangProgram('/usr/bin/env python3 -u')).toBeUndefined();
  });
});

// What GNU env (9.1) and BusyBox env (getopt "+iu:", long ignore-environment and unset) do with the one
// argument; a line is a failure only where both fail.
describe('shebangFailure', () => {
  const env = (argument: string, gnu: unknown, busybox: unknown) => ({
    interpreter: '/usr/bin/env',
    argument,
    argumentStart: argument === '' ? 12 : 13,
    gnu,
    busybox,
  });

  it('fails where both envs fail, each in its own way', () => {
    // No interpreter: the kernel refuses the script, and the shell BuildKit runs it with reads it as a script.
    expect(shebangFailure('')).toBeUndefined();
    expect(shebangFailure('   ')).toBeUndefined();
    expect(shebangFailure('/usr/bin/env bash -e')).toEqual(env('bash -e', { kind: 'no-program', name: 'bash -e' }, { kind: 'no-program', name: 'bash -e' }));
    expect(shebangFailure('/usr/bin/env')).toEqual(env('', { kind: 'itself' }, { kind: 'itself' }));
    expect(shebangFailure('/usr/bin/env -')).toEqual(env('-', { kind: 'itself' }, { kind: 'itself' }));
    expect(shebangFailure('/usr/bin/env -i')).toEqual(env('-i', { kind: 'itself' }, { kind: 'itself' }));
    expect(shebangFailure('/usr/bin/env -u FOO -S bash')).toEqual(env('-u FOO -S bash', { kind: 'itself' }, { kind: 'itself' }));
    expect(shebangFailure('/usr/bin/env -i -S bash')).toEqual(env('-i -S bash', { kind: 'refused' }, { kind: 'refused' }));
    expect(shebangFailure('/usr/bin/env -S')).toEqual(env('-S', { kind: 'itself' }, { kind: 'refused' }));
    expect(shebangFailure("/usr/bin/env -S 'bash -e'")).toEqual(env("-S 'bash -e'", { kind: 'no-program', name: 'bash -e' }, { kind: 'refused' }));
    expect(shebangFailure('/usr/bin/env --ignore-environment')).toEqual(env('--ignore-environment', { kind: 'itself' }, { kind: 'itself' }));
    expect(shebangFailure('/usr/bin/env --unset=FOO')).toEqual(env('--unset=FOO', { kind: 'itself' }, { kind: 'itself' }));
  });

  it('leaves lines that run a program, exit without one, or that one env may run', () => {
    for (const line of ['/usr/bin/env bash', '/bin/bash -e', '/usr/bin/env -S bash -e', '/usr/bin/env -u', '/usr/bin/env --unset', '/usr/bin/env --help', '/usr/bin/env --version']) {
      expect(shebangFailure(line)).toBeUndefined();
    }
    // BusyBox env may know -0 and --null; GNU env refuses them with a program.
    expect(shebangFailure('/usr/bin/env -0')).toBeUndefined();
    expect(shebangFailure('/usr/bin/env --null')).toBeUndefined();
    // The value of ${SHELL} is not known; a NUL or a line over 127 bytes is read differently by some kernels.
    expect(shebangFailure('/usr/bin/env -S ${SHELL} -e')).toBeUndefined();
    expect(shebangFailure('/usr/bin/env bash -e\0')).toBeUndefined();
    expect(shebangFailure(`/usr/bin/env bash -e${' '.repeat(110)}x`)).toBeUndefined();
  });

  it('gives an empty --split-string= or --unset= an empty value, not the next word', () => {
    // Checked with GNU env 9.1: -S splits "" into nothing, sets A=' and runs bash.
    expect(shebangCommand("/usr/bin/env -S --split-string= A=\\' bash")).toEqual(['bash']);
    expect(shebangFailure("/usr/bin/env -S --split-string= A=\\' bash")).toBeUndefined();
    expect(shebangFailure('/usr/bin/env -S --split-string= --unset=\\\\x bash')).toBeUndefined();
    expect(shebangCommand('/usr/bin/env -S --split-string= bash -e')).toEqual(['bash', '-e']);
    // unsetenv("") fails: env refuses it (it does not take "bash" as the name to unset).
    expect(shebangFailure('/usr/bin/env -S --unset= bash')).toEqual(env('-S --unset= bash', { kind: 'refused' }, { kind: 'refused' }));
    // Nor a name with = (unsetenv's EINVAL), unless -i or - empties the environment instead of unsetting.
    expect(shebangFailure('/usr/bin/env -S -u A=B bash')).toEqual(env('-S -u A=B bash', { kind: 'refused' }, { kind: 'refused' }));
    expect(shebangCommand('/usr/bin/env -S -i -u A=B bash')).toEqual(['bash']);
    expect(shebangCommand('/usr/bin/env -S -u A=B - bash')).toEqual(['bash']);
  });

  it('leaves abbreviations GNU env 9.1 finds ambiguous but 8.30 (Debian 10, Ubuntu 20.04) reads, before the signal options', () => {
    // 8.30 has no --ignore-signal or --default-signal: --ignore is --ignore-environment there, --de --debug.
    expect(shebangFailure('/usr/bin/env -S --ignore bash -e')).toBeUndefined();
    expect(shebangFailure('/usr/bin/env -S --i bash -e')).toBeUndefined();
    expect(shebangFailure('/usr/bin/env -S --de bash -e')).toBeUndefined();
    // An option no version knows: refused.
    expect(shebangFailure('/usr/bin/env -S --x bash')).toEqual(env('-S --x bash', { kind: 'refused' }, { kind: 'refused' }));
  });
});
