import { describe, expect, it } from 'vitest';
import { shebangCommand, shebangProgram } from '../../../server/src/syntax';

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
