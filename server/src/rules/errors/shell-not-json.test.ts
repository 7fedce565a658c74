import { describe, it } from 'vitest';
import { shellNotJson } from './shell-not-json';
import { checkErrors, checkFix } from './testing';

describe('shell-not-json', () => {
  it('reports SHELL in shell form, and single-quoted arrays', () => {
    checkErrors('FROM alpine\nSHELL $[/bin/bash -c$]\nSHELL $[[\'pwsh\', \'-c\']$]\nSHELL ["/bin/sh", "-c"]\nSHELL $[["cmd" "/S" "/C"]$]\n', [
      ['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["/bin/bash", "-c"].'],
      ['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["pwsh", "-c"].'],
      ['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["cmd", "/S", "/C"].'],
    ], [shellNotJson]);
  });

  it('suggests no array when strings touch: one word or two is unclear', () => {
    checkErrors("FROM alpine\nSHELL $[['/bin/sh''-c']$]\n", [['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["/bin/bash", "-c"].']], [shellNotJson]);
  });

  it('reads an array in typographic quotes, pasted from a word processor, as the JSON it meant', () => {
    checkFix('FROM alpine\nSHELL [\u201c/bin/ba$0sh\u201d, \u201c-c\u201d]\n', 'shell-not-json', 'Change to ["/bin/bash", "-c"]', 'FROM alpine\nSHELL ["/bin/bash", "-c"]\n');
  });

  it('converts to the JSON form', () => {
    checkFix('FROM alpine\nSHELL /bin/ba$0sh -o pipefail -c\n', 'shell-not-json', 'Change to ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM alpine\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n');
  });
});
