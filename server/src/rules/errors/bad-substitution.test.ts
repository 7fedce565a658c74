import { describe, it } from 'vitest';
import { badSubstitution } from './bad-substitution';
import { checkErrors } from './testing';

describe('bad-substitution', () => {
  const rules = [badSubstitution];

  it('reports unclosed braces, bad substitutions and unknown modifiers where the builder expands', () => {
    checkErrors('FROM alpine\nENV A=$[${B$]\nWORKDIR /app/$[${$]}\nLABEL x=${A$[:x$]}\nCOPY a $[${DEST$]\n', [
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'Bad substitution: ${ must be followed by a variable name, as in ${NAME} or ${NAME:-default}.'],
      ['bad-substitution', '":x" is not a substitution BuildKit knows; use one of :- :+ :? - + ? # ## % %% / //, as in ${NAME:-default}.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
    ], rules);
  });

  it('says what a replacement lacks: the / before it, which BuildKit needs even where the } is written', () => {
    const slash = 'This ${NAME/pattern/replacement} has no / between its pattern and its replacement: BuildKit needs one even for an empty replacement, as in ${NAME/pattern/}.';
    checkErrors('FROM alpine\nARG P=a/b\nENV A=$[${P/a}$] B=$[${P//}$] C=$[${P/a$]\nENV D=${P/a/} E=${P//a/}\n', [
      ['bad-substitution', slash],
      ['bad-substitution', slash],
      ['bad-substitution', slash],
    ], rules);
  });

  it('tells a blank after the name inside a closed ${…} from an unclosed one, and shows a " modifier readably', () => {
    const blank = 'BuildKit allows no white space after the variable name inside ${…}: write ${NAME}, or ${NAME:-default}, with nothing between the name and } or the modifier.';
    checkErrors('FROM alpine\nARG A=1\nLABEL x="$[${A$] B}" y="$[${A$] B"\nLABEL z="${A$["$]"\nCOPY <<EOF /x\n$[${A$] }\nEOF\n', [
      ['bad-substitution', blank],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', '\'"\' is not a substitution BuildKit knows; use one of :- :+ :? - + ? # ## % %% / //, as in ${NAME:-default}.'],
      ['bad-substitution', blank],
    ], rules);
  });

  it('an unclosed ${ at a line end of a COPY heredoc stays unclosed, whatever } a later line has', () => {
    checkErrors('FROM alpine\nCOPY <<EOF /etc/nginx.conf\nroot $[${HOME$]\nserver {\n}\nEOF\nCOPY <<EOF /x\r\n$[${A$]\r\n}\r\nEOF\r\n', [
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
    ], rules);
  });

  it('reports unclosed quotes, as BuildKit did on its env and escapes test files', () => {
    checkErrors("FROM alpine\nENV name='a\\'b$[']$]\nENV name='a\\'b''\nADD \\conf\\\\$[\"$] /.znc\n", [
      ['bad-substitution', "A ' is never closed. Add the closing ', or escape the character if it is meant literally."],
      ['bad-substitution', 'A " is never closed. Add the closing ", or escape the character if it is meant literally.'],
    ], rules);
  });

  it('does not read shell text, and accepts every modifier BuildKit knows', () => {
    checkErrors(
      'ARG V=1\nFROM alpine:${V:-3}\nRUN echo ${broken\nCMD echo "unclosed\nENV A=${V:-x} B=${V:+y} C=${V-z} D=${V+w} E=${V#*.} F=${V##*/} G=${V%.*} H=${V%%/*} I=${V/a/b} J=${V//a/b} K=${V:?must_be_set}\n',
      [],
      rules,
    );
  });

  it('checks RUN --mount values, ARG defaults, FROM and unquoted COPY heredocs', () => {
    checkErrors('ARG X=$[${Y$]\nFROM alpine:$[${X$]\nRUN --mount=type=cache,target=$[${D$] true\nCOPY <<EOF /a\nvalue $[${unclosed$]\nEOF\nCOPY <<"EOF" /b\nliteral ${unclosed\nEOF\n', [
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
      ['bad-substitution', 'This ${ is never closed: end the variable with }.'],
    ], rules);
  });

  it('uses the escape character of the file', () => {
    checkErrors('# escape=`\nFROM alpine\nWORKDIR C:\\app\\\nENV A=\\$[${$] B=`${\n', [['bad-substitution', 'This ${ is never closed: end the variable with }.']], rules);
    checkErrors('FROM alpine\nENV A=\\${\n', [], rules);
  });

  it('stays silent where variables nest deeper than this server reads, instead of overflowing the stack (found by fuzzing)', () => {
    // BuildKit reads any depth: an error here would be a false one.
    checkErrors(`FROM alpine\nENV A=${'${a:-'.repeat(500)}\${a:-x${'}'.repeat(501)}\n`, [], rules);
    checkErrors(`FROM alpine\nCOPY <<EOF /x\n${'${a:-'.repeat(501)}x${'}'.repeat(501)}\nEOF\n`, [], rules);
    // Below the limit, a broken substitution is still found.
    checkErrors(`FROM alpine\nENV A=${'${a:-'.repeat(400)}$[\${$]${'}'.repeat(400)}\n`, [['bad-substitution', 'Bad substitution: ${ must be followed by a variable name, as in ${NAME} or ${NAME:-default}.']], rules);
  });
});
