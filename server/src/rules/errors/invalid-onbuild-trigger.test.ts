import { describe, it } from 'vitest';
import { invalidOnbuildTrigger } from './invalid-onbuild-trigger';
import { checkErrors } from './testing';

/** `word` marked as the range of `count` diagnostics. */
const ranges = (count: number, word: string) => '$['.repeat(count) + word + '$]'.repeat(count);

const AT = (line: number) => `Building FROM base runs its ONBUILD triggers here, and the one on line ${line} is not a valid instruction: `;

describe('invalid-onbuild-trigger', () => {
  it('reports each problem of a trigger on the FROM word of the stage built on it, naming the trigger line', () => {
    checkErrors(
      `FROM alpine AS base\nONBUILD BOGUS x\nONBUILD RUN --bogus=1 echo\nONBUILD runn make\nONBUILD RUN make\nFROM ${ranges(3, 'base')}\nRUN true\n`,
      [
        ['invalid-onbuild-trigger', `${AT(2)}Unknown instruction "BOGUS".`],
        ['invalid-onbuild-trigger', `${AT(3)}Unknown flag --bogus for RUN, which accepts --mount, --network, --security or --device.`],
        ['invalid-onbuild-trigger', `${AT(4)}Unknown instruction "runn". Did you mean RUN?`],
      ],
      [invalidOnbuildTrigger],
    );
  });

  it('uses the checks of the instruction rules: arguments, names, flags and their values, mounts, SHELL and HEALTHCHECK forms', () => {
    checkErrors(
      `FROM alpine AS base\nONBUILD COPY onlyone\nONBUILD ADD --link=maybe a /b\nONBUILD RUN --mount=type=bogus echo\nONBUILD SHELL sh -c\nONBUILD HEALTHCHECK NONE x\nONBUILD WORKDIR /ok\nFROM ${ranges(5, 'base')} AS child\n`,
      [
        ['invalid-onbuild-trigger', `${AT(2)}COPY needs a source and a destination: COPY [OPTIONS] <src>... <dest>. Only one was given.`],
        ['invalid-onbuild-trigger', `${AT(3)}--link is true or false, not "maybe".`],
        ['invalid-onbuild-trigger', `${AT(4)}"bogus" is not a mount type; use bind, cache, tmpfs, secret or ssh.`],
        ['invalid-onbuild-trigger', `${AT(5)}SHELL needs a JSON array of strings in double quotes, such as ["sh", "-c"].`],
        ['invalid-onbuild-trigger', `${AT(6)}HEALTHCHECK NONE takes nothing after NONE: it only turns off a health check inherited from the base image.`],
      ],
      [invalidOnbuildTrigger],
    );
    checkErrors(
      `FROM alpine AS base\nONBUILD VOLUME [""]\nONBUILD ENV =x\nONBUILD COPY --link --link a b\nONBUILD COPY --from a b\nONBUILD HEALTHCHECK --interval=5s NONE\nFROM ${ranges(4, 'base')}\n`,
      [
        ['invalid-onbuild-trigger', `${AT(2)}A VOLUME path cannot be empty; give the directory to keep, such as "/data".`],
        ['invalid-onbuild-trigger', `${AT(3)}ENV needs a name before the equals sign: ENV NAME=x.`],
        ['invalid-onbuild-trigger', `${AT(4)}--link is given more than once; COPY accepts it only once. Keep the one you mean and remove the other.`],
        ['invalid-onbuild-trigger', `${AT(5)}--from needs a value, written with an equals sign: --from=build.`],
      ],
      [invalidOnbuildTrigger],
    );
  });

  it('reports nothing at all when no stage is built FROM the stage, which then builds', () => {
    // Every error rule: the triggers themselves are not checked where they are registered.
    checkErrors('FROM alpine AS base\nONBUILD BOGUS x\nONBUILD RUN --bogus=1 echo\nONBUILD COPY onlyone\nFROM alpine\nCOPY --from=base / /\n', []);
  });

  it('runs triggers only in the stages built directly FROM their stage', () => {
    checkErrors(
      'FROM alpine AS base\nONBUILD BOGUS x\nFROM $[base$] AS child\nONBUILD RUN --bogus echo\nFROM $[child$] AS grandchild\nFROM $[base$]\n',
      [
        ['invalid-onbuild-trigger', `${AT(2)}Unknown instruction "BOGUS".`],
        ['invalid-onbuild-trigger', 'Building FROM child runs its ONBUILD triggers here, and the one on line 4 is not a valid instruction: Unknown flag --bogus for RUN, which accepts --mount, --network, --security or --device.'],
        ['invalid-onbuild-trigger', `${AT(2)}Unknown instruction "BOGUS".`],
      ],
      [invalidOnbuildTrigger],
    );
  });

  it('finds the stage built FROM as BuildKit does: the nearest earlier one of that exact name, global ARGs expanded', () => {
    checkErrors(
      'ARG B=bad\nFROM alpine AS base\nONBUILD BOGUS x\nFROM alpine AS base\nONBUILD RUN true\nFROM base\nFROM Base\nFROM alpine AS bad\nONBUILD BOGUS y\nFROM $[${B}$]\nFROM $["bad"$]\nFROM alpine\n',
      [
        ['invalid-onbuild-trigger', 'Building FROM ${B} runs its ONBUILD triggers here, and the one on line 9 is not a valid instruction: Unknown instruction "BOGUS".'],
        ['invalid-onbuild-trigger', 'Building FROM "bad" runs its ONBUILD triggers here, and the one on line 9 is not a valid instruction: Unknown instruction "BOGUS".'],
      ],
      [invalidOnbuildTrigger],
    );
  });

  it('leaves the lines the registering stage already fails on to their own errors', () => {
    checkErrors(
      'FROM alpine AS base\nONBUILD FROM alpine\nONBUILD MAINTAINER me\nONBUILD ONBUILD RUN x\nONBUILD --x RUN y\nONBUILD ENV A\nONBUILD RUN ["a", 1]\nFROM base\n',
      [],
      [invalidOnbuildTrigger],
    );
  });

  it('reads a trigger as BuildKit does: its lines joined, its heredocs after it', () => {
    checkErrors(
      'FROM alpine AS base\nONBUILD ENV A=1 \\\n# a comment\n    B=2\nONBUILD COPY a \\\n\n    /b\nONBUILD RUN <<EOF\necho hi\nEOF\nONBUILD COPY a <<EOF\nbody\nEOF\nFROM $[base$]\n',
      [['invalid-onbuild-trigger', `${AT(11)}COPY cannot write to a heredoc: a heredoc is a source file. Put the destination path last, as in COPY <<EOF /etc/app.conf.`]],
      [invalidOnbuildTrigger],
    );
  });

  it('reports a substitution BuildKit cannot read in a trigger: it fails only where the trigger is expanded', () => {
    const EXPAND = (line: number) => `Building FROM base runs its ONBUILD triggers here, and the one on line ${line} stops the build as its words are expanded: `;
    // COPY splits its words before expanding them, so `${SRC:?set` is a word of its own.
    checkErrors(
      'FROM alpine AS base\nONBUILD COPY ${SRC:?set SRC} /app\nONBUILD COPY ${SRC /app\nONBUILD WORKDIR ${}\nONBUILD ENV A=${B:x}\nONBUILD COPY <<EOF /etc/conf\n${HOST\nEOF\nONBUILD LABEL a="open\nFROM $[$[$[$[$[$[base$]$]$]$]$]$]\n',
      [
        ['invalid-onbuild-trigger', `${EXPAND(2)}This \${ is never closed: end the variable with }.`],
        ['invalid-onbuild-trigger', `${EXPAND(3)}This \${ is never closed: end the variable with }.`],
        ['invalid-onbuild-trigger', `${EXPAND(4)}Bad substitution: \${ must be followed by a variable name, as in \${NAME} or \${NAME:-default}.`],
        ['invalid-onbuild-trigger', `${EXPAND(5)}":x" is not a substitution BuildKit knows; use one of :- :+ :? - + ? # ## % %% / //, as in \${NAME:-default}.`],
        ['invalid-onbuild-trigger', `${EXPAND(6)}This \${ is never closed: end the variable with }.`],
        ['invalid-onbuild-trigger', `${EXPAND(9)}A " is never closed. Add the closing ", or escape the character if it is meant literally.`],
      ],
      [invalidOnbuildTrigger],
    );
  });

  it('leaves a substitution that reads to the variables of the stage that runs it: set or not, it is no error here', () => {
    // `${X:?}` stops only when X is unset or empty where the trigger runs, which the base image may
    // decide (UndefinedVar warns at the FROM); the shell text of RUN and a quoted heredoc are not expanded.
    checkErrors(
      'FROM alpine AS base\nARG SRC=src\nENV DIR=/app\nONBUILD COPY ${SRC:?set_SRC} ${DIR:?} /app\nONBUILD WORKDIR ${X:?}\nONBUILD ENV A=${B:?no_B}\nONBUILD RUN echo ${broken\nONBUILD COPY <<"EOF" /etc/conf\n${HOST\nEOF\nFROM base\n',
      [],
      [invalidOnbuildTrigger],
    );
  });

  it('expands a trigger with the escape character of the file, as the stage that runs it does', () => {
    // Read with \ (so `\}` stays in the word) and expanded with ` (so \ escapes nothing and } closes).
    checkErrors('# escape=`\nFROM alpine AS base\nONBUILD WORKDIR ${A:-x\\}\nONBUILD WORKDIR ${A:-x`}\nFROM $[base$]\n', [
      ['invalid-onbuild-trigger', 'Building FROM base runs its ONBUILD triggers here, and the one on line 4 stops the build as its words are expanded: This ${ is never closed: end the variable with }.'],
    ], [invalidOnbuildTrigger]);
  });

  it('reads a trigger with \\ as the escape character, whatever the file uses', () => {
    // With ` as the escape, `A=1\ =2` is two words and `A=1` =2` one; BuildKit reads the trigger
    // again with \, which turns both around: only the second has a pair without a name.
    checkErrors(
      '# escape=`\nFROM alpine AS base\nONBUILD ENV A=1 `\n  B=2\nONBUILD ENV A=1\\ =2\nONBUILD ENV A=1` =2\nFROM $[base$]\n',
      [['invalid-onbuild-trigger', `${AT(6)}ENV needs a name before the equals sign: ENV NAME=2.`]],
      [invalidOnbuildTrigger],
    );
  });
});
