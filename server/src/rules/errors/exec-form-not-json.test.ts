import { describe, expect, it } from 'vitest';
import { execFormNotJson } from './exec-form-not-json';
import { checkErrors, checkFix } from './testing';

const message = (why: string, json?: string, shell = "'/bin/sh -c'") =>
  `This is not valid JSON (${why}), so it is not the exec form: BuildKit hands the whole text, brackets included, to ${shell}, where it fails.${json ? ` Write ${json}.` : ''}`;
const QUOTES = 'JSON strings take double quotes';
const COMMAS = 'JSON needs a comma between strings and none after the last';

// In fixtures `$[` opens an expected range, so an array there is written `$[[`.
describe('exec-form-not-json', () => {
  it('an array in single quotes, without commas, or with a comma after the last', () => {
    checkErrors(
      `FROM alpine\nRUN $[["echo", 'hi']$]\nCMD $[["serve" "--port" "80"]$]\nENTRYPOINT $[["/app",]$]\nONBUILD RUN $[['make']$]\n`,
      [
        ['exec-form-not-json', message(QUOTES, '["echo", "hi"]')],
        ['exec-form-not-json', message(COMMAS, '["serve", "--port", "80"]')],
        ['exec-form-not-json', message(COMMAS, '["/app"]')],
        ['exec-form-not-json', message(QUOTES, '["make"]')],
      ],
      [execFormNotJson],
    );
  });

  it('an array in typographic quotes, pasted from a word processor or web page, with the JSON it meant', () => {
    const CURLY = 'it has typographic quotes, such as \u201c \u201d or \u2018 \u2019, where JSON takes straight double quotes';
    checkErrors(
      'FROM node:20\nCMD $[[\u201cnode\u201d, \u201capp.js\u201d]$]\nENTRYPOINT $[[\u2018/bin/app\u2019 \u201e--x\u201c]$]\nRUN $[[\u201decho\u201d, "a"]$]\n',
      [
        ['exec-form-not-json', message(CURLY, '["node", "app.js"]')],
        ['exec-form-not-json', message(CURLY, '["/bin/app", "--x"]')],
        ['exec-form-not-json', message(CURLY, '["echo", "a"]')],
      ],
      [execFormNotJson],
    );
    checkFix('FROM node:20\nCMD [\u201cnode\u201d, \u201ca$0pp.js\u201d]\n', 'exec-form-not-json', 'Change to ["node", "app.js"]', 'FROM node:20\nCMD ["node", "app.js"]\n');
  });

  it('names the shell the text runs under: cmd in a Windows stage, the program of a SHELL in effect', () => {
    checkErrors(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nCMD $[[\'a\']$]\nSHELL ["pwsh", "-c"]\nRUN $[["a" "b"]$]\n' +
        'FROM alpine AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nENTRYPOINT $[["a", "b"] && c$]\nONBUILD CMD $[[\'x\']$]\n' +
        'FROM base\nRUN $[[\'y\']$]\nFROM alpine\nRUN $[[\'z\']$]\n',
      [
        ['exec-form-not-json', message(QUOTES, '["a"]', "'cmd /S /C'")],
        ['exec-form-not-json', message(COMMAS, '["a", "b"]', "'pwsh' (set by SHELL)")],
        [
          'exec-form-not-json',
          "This is not the exec form (text follows the closing ] of the JSON array): BuildKit hands the whole text, brackets included, to '/bin/bash' (set by SHELL), where it fails. Put every word inside the array, or write the command without brackets.",
        ],
        ['exec-form-not-json', message(QUOTES, '["x"]', "'/bin/bash' (set by SHELL)")],
        ['exec-form-not-json', message(QUOTES, '["y"]', "'/bin/bash' (set by SHELL)")],
        ['exec-form-not-json', message(QUOTES, '["z"]')],
      ],
      [execFormNotJson],
    );
  });

  it('also checks a file without FROM, which has no stage (BuildKit refuses it, but the JSON meant is still shown)', () => {
    checkErrors("RUN $[['x']$]\nONBUILD RUN $[['y']$]\n", [
      ['exec-form-not-json', message(QUOTES, '["x"]')],
      ['exec-form-not-json', message(QUOTES, '["y"]')],
    ], [execFormNotJson]);
  });

  it('explains without a fix when the words meant are unclear', () => {
    checkErrors(
      // Strings with nothing between them are one shell word (`[its]`): two strings, or one with a quote?
      'FROM alpine\nCMD $[[\'a\' + b]$]\nCMD $[["echo", "no quote!]$]\nCMD $[["echo", "close it"$]\nCMD $[[\'it\'\'s\']$]\nCMD $[["a""b"]$]\n',
      [
        ['exec-form-not-json', message(QUOTES)],
        ['exec-form-not-json', message('a string has no closing double quote')],
        ['exec-form-not-json', message('the closing ] is missing')],
        ['exec-form-not-json', message(QUOTES)],
        ['exec-form-not-json', message(COMMAS)],
      ],
      [execFormNotJson],
    );
  });

  it('says nothing of valid JSON, shell tests, other instructions and arrays of other things', () => {
    checkErrors(
      'FROM alpine\nRUN ["echo", "hi"]\nRUN [ -f /x ] || touch /x\nRUN ["" -f /etc/passwd ]\nRUN [ "$A" = "b" ] && echo\nRUN [[ -n "$A" ]]\nVOLUME [\'/data\']\nRUN ["a", 1]\nRUN [\'x\'] && y\n',
      [],
      [execFormNotJson],
    );
  });

  it('a valid array with text after it, which BuildKit runs as a shell command named [echo, (its own integration test)', () => {
    const after = "This is not the exec form (text follows the closing ] of the JSON array): BuildKit hands the whole text, brackets included, to '/bin/sh -c', where it fails. Put every word inside the array, or write the command without brackets.";
    checkErrors(
      'FROM alpine\nRUN $[["echo", "hello"]this is invalid$]\nCMD $[["a", "b"] && c$]\nONBUILD ENTRYPOINT $[["x", "]"] y$]\n',
      [
        ['exec-form-not-json', after],
        ['exec-form-not-json', after],
        ['exec-form-not-json', after],
      ],
      [execFormNotJson],
    );
  });

  it('leaves a first word with a ] alone: the shell may match it as a glob ([a]b matches a file ab), and []x is no array', () => {
    checkErrors('FROM alpine\nRUN ["a"]b c\nENTRYPOINT []random string\nRUN ["$A" = b ] && echo\nRUN [1, 2] x\n', [], [execFormNotJson]);
  });

  it('writes the JSON the array meant', () => {
    expect(checkFix(`FROM alpine\nRUN ['echo',$0 'it works']\n`, 'exec-form-not-json', 'Change to ["echo", "it works"]', 'FROM alpine\nRUN ["echo", "it works"]\n')).toEqual([
      '*Change to ["echo", "it works"]',
    ]);
  });
});
