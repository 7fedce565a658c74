import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const only = ['SC1100'];
const dash = (name: string, code: string, word: string, option: string, meant: string) =>
  `This is ${name} (${code}), not a minus, so '${word}' is not the option '${option}' to the shell or the command it runs. It often comes with text copied from a web page or a document. Write '${meant}' instead.`;

describe('SC1100', () => {
  it('flags a word that starts with a Unicode dash where an option was meant, with the option it likely stood for', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN apt-get install $[\u2013$]y --no-install-recommends curl && rm $[\u2212$]rf /tmp/x\n' +
        'RUN apt-get install $[\u2014$]no-install-recommends git\nRUN docker build $[\u2013$]-pull .\nRUN curl $[\u2013$]fsSLO x && apt-get $[\u2013$]quiet update\n',
      [
        { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013y', '-y', '-') },
        { code: 'SC1100', message: dash('a minus sign', 'U+2212', '\u2212rf', '-rf', '-') },
        { code: 'SC1100', message: dash('an em dash', 'U+2014', '\u2014no-install-recommends', '--no-install-recommends', '--') },
        { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013-pull', '--pull', '-') },
        { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013fsSLO', '-fsSLO', '-') },
        { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013quiet', '--quiet', '--') },
      ],
      { only },
    );
  });

  it("says of RUN's own flags before the command that BuildKit runs them as the command", () => {
    const flag = (dash: string, code: string, word: string, name: string, meant: string) =>
      `This is ${dash} (${code}), not "--", so '${word}' is not RUN's flag --${name}: BuildKit takes it for the start of the command, which the shell then runs. It often comes with text copied from a web page or a document. Write '${meant}' instead.`;
    checkDiagnostics(
      'FROM debian:12\nRUN $[\u2013$]mount=type=cache,target=/var/cache/apt $[\u2014$]-network=none apt-get $[\u2013$]network\n',
      [
        { code: 'SC1100', message: flag('an en dash', 'U+2013', '\u2013mount=type=cache,target=/var/cache/apt', 'mount', '--') },
        { code: 'SC1100', message: flag('an em dash', 'U+2014', '\u2014-network=none', 'network', '-') },
        // After the command's first word, an option of that command.
        { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013network', '--network', '--') },
      ],
      { only },
    );
    checkFix('FROM debian:12\nRUN \u2013mount=type=cache,target=/x make\n', 'SC1100', "Write '--'", 'FROM debian:12\nRUN --mount=type=cache,target=/x make\n');
  });

  it('reads continuations, heredoc scripts and ONBUILD RUN as the shell does', () => {
    checkDiagnostics('FROM debian:12\nRUN ls \\\n    $[\u2013$]la\nRUN <<EOF\nset $[\u2013$]eux\nEOF\nONBUILD RUN make $[\u2013$]j4\n', [
      { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013la', '-la', '-') },
      { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013eux', '-eux', '-') },
      { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013j4', '-j4', '-') },
    ], { only });
  });

  it('leaves a dash inside a word or standing alone, quoted text, comments, data and exec form alone', () => {
    checkDiagnostics(
      'FROM debian:12\n' +
        'RUN echo a \u2013 b pre\u2013post "\u2013y" \'\u2014x\' # \u2013y\n' +
        'RUN cat <<EOF > /notes\n\u2013y\nEOF\n' +
        'RUN ["apt-get", "install", "\u2013y"]\n' +
        'LABEL note=\u2013x\n',
      [],
      { only },
    );
  });

  it('takes two Unicode dashes together for the two hyphens of a long option, and fixes both', () => {
    checkDiagnostics('FROM debian:12\nRUN pip install $[\u2013$]\u2013no-cache-dir x\n', [
      { code: 'SC1100', message: dash('an en dash', 'U+2013', '\u2013\u2013no-cache-dir', '--no-cache-dir', '--') },
    ], { only });
    checkFix('FROM debian:12\nRUN pip install \u2013\u2013no-cache-dir x\n', 'SC1100', "Write '--'", 'FROM debian:12\nRUN pip install --no-cache-dir x\n');
  });

  it('writes the likelier hyphens, offering the other too', () => {
    checkFix('FROM debian:12\nRUN apt-get install \u2013y curl\n', 'SC1100', "Write '-'", 'FROM debian:12\nRUN apt-get install -y curl\n');
    checkFix('FROM debian:12\nRUN pip install \u2014no-cache-dir x\n', 'SC1100', "Write '--'", 'FROM debian:12\nRUN pip install --no-cache-dir x\n');
    expect(fixTitles('FROM debian:12\nRUN pip install \u2014no-cache-dir x\n', 'SC1100')).toEqual([
      "Write '--' (preferred)",
      "Write '-'",
      'Ignore SC1100 for this instruction',
    ]);
  });
});
