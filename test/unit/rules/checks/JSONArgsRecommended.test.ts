import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const cmd = `CMD in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD ["executable", "arg"].`;
const entrypoint = cmd.replace(/CMD/g, 'ENTRYPOINT');

describe('JSONArgsRecommended', () => {
  it('flags shell-form CMD and ENTRYPOINT', () => {
    checkDiagnostics('FROM alpine\nENTRYPOINT $[nginx -g daemon off;$]\nCMD $[echo hi$]\n', [
      { code: 'JSONArgsRecommended', message: entrypoint },
      { code: 'JSONArgsRecommended', message: cmd },
    ]);
    // Also in a Windows stage: BuildKit asks whether the image's configuration has a shell, and cmd,
    // the default there, is no SHELL of the configuration.
    // The message names the shell the form runs under there, cmd.
    const underCmd = `CMD in shell form runs under 'cmd /S /C', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD ["executable", "arg"].`;
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD $[echo hi$]\n', [{ code: 'JSONArgsRecommended', message: underCmd }]);
    checkDiagnostics('FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS win\nFROM win\nENTRYPOINT $[app.exe$]\n', [{ code: 'JSONArgsRecommended', message: underCmd.replace(/CMD/g, 'ENTRYPOINT') }]);
  });

  it('accepts the JSON form, and the shell form once SHELL is set in the stage or its base stage', () => {
    checkDiagnostics('FROM alpine\nCMD ["echo", "hi"]\n', []);
    checkDiagnostics('FROM alpine AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD echo hi\n', []);
  });

  it('accepts the shell form in a stage built FROM one with an ONBUILD SHELL, which runs first there, and not in that stage itself', () => {
    checkDiagnostics('FROM alpine AS base\nONBUILD SHELL ["/bin/bash", "-c"]\nCMD $[echo base$]\nFROM base\nCMD echo hi\n', [{ code: 'JSONArgsRecommended', message: cmd }]);
    // The shell the trigger set stays in the stages built FROM that one.
    checkDiagnostics('FROM alpine AS base\nONBUILD SHELL ["/bin/bash", "-c"]\nFROM base AS mid\nFROM mid\nCMD echo hi\n', []);
  });

  it('applies to each stage on its own: SHELL in an unrelated stage does not count', () => {
    checkDiagnostics('FROM alpine\nSHELL ["/bin/bash", "-c"]\nFROM alpine\nCMD $[echo hi$]\n', [{ code: 'JSONArgsRecommended', message: cmd }]);
  });

  it('converts plain commands to the JSON form', () => {
    checkFix('FROM alpine\nCMD /usr/bin/app --port=8080\n', 'JSONArgsRecommended', 'Use the JSON form ["/usr/bin/app", "--port=8080"]', 'FROM alpine\nCMD ["/usr/bin/app", "--port=8080"]\n');
  });

  it('prefers the conversion for CMD but not for ENTRYPOINT, which would start taking CMD as arguments', () => {
    const skips = ['Skip JSONArgsRecommended for this instruction', 'Skip JSONArgsRecommended in this file'];
    const convert = 'Use the JSON form ["app", "serve"]';
    expect(fixTitles('FROM alpine\nCMD app serve\n', 'JSONArgsRecommended')).toEqual([`${convert} (preferred)`, ...skips]);
    expect(fixTitles('FROM alpine\nENTRYPOINT app serve\n', 'JSONArgsRecommended')).toEqual([convert, ...skips]);
  });

  it("does not prefer converting a CMD that an ENTRYPOINT receives, and says it changes the ENTRYPOINT's arguments", () => {
    const skips = ['Skip JSONArgsRecommended for this instruction', 'Skip JSONArgsRecommended in this file'];
    const changes = `Use the JSON form ["postgres", "-c", "max_connections=200"] (changes the ENTRYPOINT's arguments)`;
    // Shell form: the entrypoint runs with `/bin/sh -c "postgres -c max_connections=200"`; JSON: with the three words.
    expect(fixTitles('FROM postgres:16\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD postgres -c max_connections=200\n', 'JSONArgsRecommended')).toEqual([changes, ...skips]);
    // The ENTRYPOINT after the CMD in the stage, or in the stage it is built FROM, is in effect too.
    expect(fixTitles('FROM postgres:16\nCMD postgres -c max_connections=200\nENTRYPOINT ["docker-entrypoint.sh"]\n', 'JSONArgsRecommended')).toEqual([changes, ...skips]);
    expect(fixTitles('FROM postgres:16 AS base\nENTRYPOINT ["docker-entrypoint.sh"]\nFROM base\nCMD postgres -c max_connections=200\n', 'JSONArgsRecommended')).toEqual([changes, ...skips]);
    // So is the base stage's ONBUILD ENTRYPOINT, which runs first in the stage built FROM it.
    expect(fixTitles('FROM postgres:16 AS base\nONBUILD ENTRYPOINT ["docker-entrypoint.sh"]\nFROM base\nCMD postgres -c max_connections=200\n', 'JSONArgsRecommended')).toEqual([changes, ...skips]);
    // `ENTRYPOINT []` clears it; an ENTRYPOINT in an unrelated stage does not count.
    const plain = 'Use the JSON form ["postgres", "-c", "max_connections=200"] (preferred)';
    expect(fixTitles('FROM postgres:16 AS base\nENTRYPOINT ["docker-entrypoint.sh"]\nFROM base\nENTRYPOINT []\nCMD postgres -c max_connections=200\n', 'JSONArgsRecommended')).toEqual([plain, ...skips]);
    expect(fixTitles('FROM alpine\nENTRYPOINT ["x"]\nFROM postgres:16\nCMD postgres -c max_connections=200\n', 'JSONArgsRecommended')).toEqual([plain, ...skips]);
  });

  it('offers no conversion when the command needs a shell', () => {
    const skipsOnly = ['Skip JSONArgsRecommended for this instruction', 'Skip JSONArgsRecommended in this file'];
    // Double quotes still expand `$`, `` ` `` and `\`; an unclosed quote is the shell's error to give.
    for (const command of ['echo $HOME', 'a && b', 'app > log', 'exec app', 'FOO=1 app', 'ls *.txt', 'echo "$HOME"', 'echo "`id`"', 'echo "a\\"b"', "echo 'a", 'FOO="a b" app']) {
      expect(fixTitles(`FROM alpine\nCMD ${command}\n`, 'JSONArgsRecommended'), command).toEqual(skipsOnly);
    }
    // cmd, the shell of a Windows stage, passes quotes on to the program: only plain words convert there.
    expect(fixTitles('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD app.exe "a b"\n', 'JSONArgsRecommended')).toEqual(skipsOnly);
  });

  it('converts quoted words the shell would only unquote, as in nginx -g \'daemon off;\'', () => {
    checkFix("FROM nginx:1.27\nCMD nginx -g 'daemon off;'\n", 'JSONArgsRecommended', 'Use the JSON form ["nginx", "-g", "daemon off;"]', 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]\n');
    checkFix('FROM node:22\nCMD node "my app.js" --title="a b"\n', 'JSONArgsRecommended', 'Use the JSON form ["node", "my app.js", "--title=a b"]', 'FROM node:22\nCMD ["node", "my app.js", "--title=a b"]\n');
    // The builder joins continued lines before the shell reads the quotes.
    checkFix("FROM alpine\nCMD echo 'a \\\n  b'\n", 'JSONArgsRecommended', 'Use the JSON form ["echo", "a   b"]', 'FROM alpine\nCMD ["echo", "a   b"]\n');
    // Inside single quotes nothing is special, a backslash included; an empty pair is an empty argument.
    checkFix("FROM alpine\nENTRYPOINT /bin/app 'C:\\x' '' '$ ok'\n", 'JSONArgsRecommended', 'Use the JSON form ["/bin/app", "C:\\\\x", "", "$ ok"]', 'FROM alpine\nENTRYPOINT ["/bin/app", "C:\\\\x", "", "$ ok"]\n');
  });
});
