import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { actionsFor, checkDiagnostics, fixTitles } from '../harness';

const only = ['SC1110'];
const quote = (name: string, code: string) =>
  `This is ${name} (${code}), not a shell quote: the shell keeps it as a character of the word and splits the text it seems to quote at its spaces. It often comes with text copied from a web page or a document. Write '"' instead, or put it in single quotes to keep it as a character.`;
const LEFT = quote('a left double quotation mark', 'U+201C');
const RIGHT = quote('a right double quotation mark', 'U+201D');

describe('SC1110', () => {
  it('flags typographic double quotes the shell reads outside quotes, in the command line and heredoc scripts', () => {
    checkDiagnostics('FROM debian:12\nRUN bash -c $[\u201c$]apt-get update && make$[\u201d$]\nRUN <<EOF\ngit commit -m $[\u201e$]first$[\u201d$]\nEOF\n', [
      { code: 'SC1110', message: LEFT },
      { code: 'SC1110', message: RIGHT },
      { code: 'SC1110', message: quote('a low double quotation mark', 'U+201E') },
      { code: 'SC1110', message: RIGHT },
    ], { only });
  });

  it('leaves them alone inside quotes and comments, single typographic quotes (often apostrophes), exec form and data', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN echo "say \u201chi\u201d" \'\u201cx\u201d\' It\u2019s \u2018fine\u2019 # \u201cnote\u201d\nRUN ["echo", "\u201ca\u201d"]\nRUN cat <<EOF > /x\n\u201cdata\u201d\nEOF\nLABEL a=\u201cb\u201d\n',
      [],
      { only },
    );
  });

  it('writes straight quotes for all of the RUN at once, preferred when they pair up', () => {
    const fixture = 'FROM debian:12\nRUN sh -c $0\u201cecho a && echo b\u201d\n';
    expect(fixTitles(fixture, 'SC1110')).toEqual(['Write straight double quotes for all 2 of this RUN (preferred)', 'Ignore SC1110 for this instruction']);
    const { text, actions } = actionsFor(fixture, 'SC1110');
    const fixed = TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), Object.values(actions[0].edit!.changes!).flat());
    expect(fixed).toBe('FROM debian:12\nRUN sh -c "echo a && echo b"\n');
    expect(fixTitles('FROM debian:12\nRUN echo $0\u201chalf\n', 'SC1110')).toEqual(['Write a straight double quote', 'Ignore SC1110 for this instruction']);
  });
});
