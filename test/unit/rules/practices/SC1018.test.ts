import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { actionsFor, checkDiagnostics, checkFix, fixTitles } from '../harness';

const only = ['SC1018'];
const joins = (before: string, after: string) =>
  `This is a no-break space (U+00A0), not a plain one: the shell does not split words at it, so '${before}' and '${after}' run together as one word. It often comes with text copied from a web page. Replace it with a plain space.`;
const partOfWord =
  'This is a no-break space (U+00A0), not a plain one: the shell does not split words at it, so it is part of a word. It often comes with text copied from a web page. Replace it with a plain space.';

describe('SC1018', () => {
  it('flags each no-break space a shell reads outside quotes, naming the words it joins', () => {
    checkDiagnostics('FROM debian:12\nRUN apt-get$[\u00a0$]install -y curl &&$[\u00a0$]rm -rf /tmp/x\n', [
      { code: 'SC1018', message: joins('apt-get', 'install') },
      { code: 'SC1018', message: partOfWord },
    ], { only });
  });

  it('reads the command line with its continuations joined, and the heredoc bodies a shell runs', () => {
    checkDiagnostics(
      'FROM debian:12\nRUN make \\\n    all$[\u00a0$]install\nRUN <<EOF\nmake$[\u00a0$]test\nEOF\nRUN bash <<EOF\nls$[\u00a0$]-l\nEOF\nONBUILD RUN echo$[\u00a0$]hi\n',
      [
        { code: 'SC1018', message: joins('all', 'install') },
        { code: 'SC1018', message: joins('make', 'test') },
        { code: 'SC1018', message: joins('ls', '-l') },
        { code: 'SC1018', message: joins('echo', 'hi') },
      ],
      { only },
    );
  });

  it('leaves quoted text, comments, escaped characters, data heredocs, other interpreters and other instructions alone', () => {
    checkDiagnostics(
      'FROM debian:12\n' +
        'RUN echo "a\u00a0b" \'c\u00a0d\' e\\\u00a0f # note\u00a0here\n' +
        'RUN cat <<EOF > /etc/motd\nhello\u00a0world\nEOF\n' +
        'RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\u00a0\nEOF\n' +
        'RUN ["echo", "a\u00a0b"]\n' +
        'LABEL a="b\u00a0c"\nCMD echo\u00a0x\n',
      [],
      { only },
    );
  });

  it('takes no-break spaces side by side as one', () => {
    checkDiagnostics('FROM debian:12\nRUN make$[\u00a0\u00a0$]all \\\n$[\u00a0\u00a0$]&& echo\n', [
      { code: 'SC1018', message: joins('make', 'all') },
      { code: 'SC1018', message: partOfWord },
    ], { only });
    checkFix('FROM debian:12\nRUN make\u00a0\u00a0all\n', 'SC1018', 'Replace with plain spaces', 'FROM debian:12\nRUN make  all\n');
  });

  it('replaces it with a plain space, or all of a RUN at once', () => {
    checkFix('FROM debian:12\nRUN apt-get\u00a0install -y curl\n', 'SC1018', 'Replace with a plain space', 'FROM debian:12\nRUN apt-get install -y curl\n');
    const fixture = 'FROM debian:12\nRUN apt-get$0\u00a0install\u00a0-y curl\n';
    expect(fixTitles(fixture, 'SC1018')).toEqual([
      'Replace with a plain space (preferred)',
      'Replace every no-break space of this RUN with a plain one',
      'Ignore SC1018 for this instruction',
    ]);
    const { text, actions } = actionsFor(fixture, 'SC1018');
    const all = actions.find((a) => a.title.startsWith('Replace every'))!;
    const fixed = TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), Object.values(all.edit!.changes!).flat());
    expect(fixed).toBe('FROM debian:12\nRUN apt-get install -y curl\n');
  });
});
