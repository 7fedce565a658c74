// The formatter's pure helpers: when a continuation line may be re-indented, how the editor's
// options and the settings become the indentation unit, and the minimal edits of `formatEdits`.
import { describe, expect, it } from 'vitest';
import { format, formatEdits, formatOptions, getOnTypeFormattingEdits, onNewLineEdits, type FormatOptions } from '../../server/src/services/formatting';
import { OpenDocument } from './openDocument';
import { ContinuationJoins } from '../../server/src/services/formatting/continuation';
import { DEFAULT_SETTINGS, mergeSettings } from '../../server/src/settings';
import { SyntaxTree } from '../../server/src/syntax';
import { applyOffsetEdits } from './formatting.equivalence';

/** Whether the last line of the single instruction in `text` may be re-indented. */
function canReindentLast(text: string): boolean {
  const tree = SyntaxTree.parse(text);
  const [{ node, index }] = [...tree.instructions()];
  const nodeText = tree.nodeText(index);
  const lineStart = nodeText.lastIndexOf('\n', nodeText.length - 2) + 1;
  const c = nodeText.charCodeAt(lineStart);
  return new ContinuationJoins(nodeText, node, tree.escape).canReindent(lineStart, c === 0x20 || c === 0x09);
}

describe('continuation joins', () => {
  const cases: [string, boolean][] = [
    ['RUN apt-get install \\\ncurl\n', true],
    ['RUN apt-get install\\\n  curl\n', true],
    ['RUN apt-get install\\\ncurl\n', false], // one word: `installcurl`
    ['RUN echo "a \\\nb"\n', false], // inside double quotes
    ["RUN echo 'a \\\nb'\n", false], // inside single quotes
    ['RUN echo "a" \\\nb\n', true],
    ['RUN echo \\"a \\\nb\n', true], // an escaped quote opens nothing
    ['RUN --mount=type=cache,\\\ntarget=/x true\n', false], // inside a flag word
    ['RUN --mount=type=cache \\\n--network=none true\n', true],
    ['RUN --mount="type=cache, \\\ntarget=/x" true\n', false], // inside a quoted flag value
    ['CMD ["a", \\\n"b"]\n', true],
    ['CMD ["a \\\nb"]\n', false], // inside a JSON string
    ['ENV A="x \\\ny" B=1\n', false],
    ['ENV A=x \\\nB=y\n', true],
    ['ENV GREETING hello \\\nworld\n', false], // legacy form: the value is the rest of the line
    ['WORKDIR /a \\\nb\n', false], // taken as one text
    ['WORKDIR \\\n/app\n', true], // before the argument, after white space
    ['WORKDIR\\\n/app\n', false], // one word: `WORKDIR/app`
    ['COPY "a \\\nb" /c\n', true], // split at white space, quotes ignored
    ['FROM alpine \\\nAS build\n', true],
    ['HEALTHCHECK CMD curl "x \\\ny"\n', false],
    ['ONBUILD RUN echo "a \\\nb"\n', false],
    ['ONBUILD RUN echo a \\\nb\n', true],
    ['BOGUS a \\\nb\n', false], // unknown instruction: leave it
    // BuildKit drops only the final escape: an escaped blank before it goes on as part of the word.
    ['ENV A=a\\ \\\nb\n', false], // `A=a\ b`
    ['LABEL a=x\\ \\\ny\n', false],
    ['ARG A=a\\ \\\nb\n', false],
    ['ONBUILD ENV A=a\\ \\\nb\n', false],
    ['RUN --mount=type=bind,source=a\\ \\\nb echo\n', false], // `source=a b`
    ['RUN echo a\\ \\\nb\n', false], // the shell's word `a b`
    ['RUN echo a\\\t\\\nb\n', false],
    ['RUN echo a\\\\\\ \\\nb\n', false], // `\\` then `\ `: the blank is escaped
    ['RUN echo a\\\\ \\\nb\n', true], // `\\` escapes a backslash: the blank is a break
    ['RUN echo a\\ \\\n  b\n', true], // leading white space: the word ended before the join
    ['HEALTHCHECK CMD echo a\\ \\\nb\n', false],
    ['ONBUILD RUN echo a\\ \\\nb\n', false],
    // COPY splits at any white space, but BuildKit finds no heredoc in `a\ <<EOF`: left alone too.
    ['COPY a\\ \\\n<<EOF /c/\nx\nEOF\n', false],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${expected ? 'may' : 'may not'} re-indent`, () => {
      expect(canReindentLast(text)).toBe(expected);
    });
  }

  it("reads BuildKit's words with the escape directive's character, a command with the shell's backslash", () => {
    expect(canReindentLast('# escape=`\nENV A=`"a `\nb\n')).toBe(true); // an escaped quote opens nothing
    expect(canReindentLast('# escape=`\nENV A=a` `\nb\n')).toBe(false); // an escaped blank
    expect(canReindentLast('# escape=`\nENV A=a\\ `\nb\n')).toBe(true); // a backslash is ordinary
    expect(canReindentLast('# escape=`\nRUN echo "C:\\ `\nb"\n')).toBe(false);
    expect(canReindentLast('# escape=`\nRUN echo "a\\" `\nb"\n')).toBe(false); // the shell's `\"` keeps the string open
    expect(canReindentLast('# escape=`\nRUN echo a\\ `\nb\n')).toBe(false); // the shell's word `a b`
    // PowerShell, usual with a backtick escape, escapes the blank with a backtick: left alone too.
    expect(canReindentLast('# escape=`\nRUN echo a` `\nb\n')).toBe(false);
    expect(canReindentLast('# escape=`\nRUN echo a`` `\nb\n')).toBe(true);
  });
});

describe('formatting options', () => {
  it("prefers the editor's tab size and spaces-or-tabs", () => {
    expect(formatOptions(DEFAULT_SETTINGS, { tabSize: 2, insertSpaces: true })).toEqual({ keywordCase: 'upper', indent: '  ', tabSize: 2, blankLineBetweenStages: false });
    expect(formatOptions(DEFAULT_SETTINGS, { tabSize: 8, insertSpaces: false })).toEqual({ keywordCase: 'upper', indent: '\t', tabSize: 8, blankLineBetweenStages: false });
  });

  it('falls back to formatting.continuationIndent when the editor sends nothing usable', () => {
    const { settings } = mergeSettings({ formatting: { continuationIndent: 3, keywordCase: 'lower', blankLineBetweenStages: true } });
    expect(formatOptions(settings, {})).toEqual({ keywordCase: 'lower', indent: '   ', tabSize: 3, blankLineBetweenStages: true });
    expect(formatOptions(settings, { tabSize: 0, insertSpaces: true })).toEqual({ keywordCase: 'lower', indent: '   ', tabSize: 3, blankLineBetweenStages: true });
  });
});

describe('formatEdits', () => {
  const options: FormatOptions = { keywordCase: 'upper', indent: '    ', tabSize: 4, blankLineBetweenStages: true };

  it('edits only what changes, in order', () => {
    const text = 'from a as b\n\n# next\nFROM c\n';
    expect(formatEdits(SyntaxTree.parse(text), options)).toEqual([
      { start: 0, end: 4, text: 'FROM' },
      { start: 7, end: 9, text: 'AS' },
    ]);
  });

  it('adds the blank line above the comments that introduce a stage', () => {
    const text = 'FROM a\nRUN x\n# the runtime\nFROM b\n';
    expect(applyOffsetEdits(text, formatEdits(SyntaxTree.parse(text), options))).toBe('FROM a\nRUN x\n\n# the runtime\nFROM b\n');
  });

  it('keeps a file of only white space (BuildKit reports it differently once empty)', () => {
    expect(formatEdits(SyntaxTree.parse('   '), options)).toEqual([]);
    expect(formatEdits(SyntaxTree.parse('FROM a\n   '), options)).toEqual([{ start: 7, end: 10, text: '' }]);
  });

  it('keeps the blank a backslash escapes in a heredoc marker when the escape character is a backtick', () => {
    // BuildKit reads `<<-E\ ` as the marker of a heredoc named "E " (a backslash escapes in markers
    // whatever the escape directive says); the blanks after that one are trailing white space.
    const text = '# escape=`\nCOPY <<-E\\  \nbody\nE \nRUN x  \n';
    const formatted = applyOffsetEdits(text, formatEdits(SyntaxTree.parse(text), options));
    expect(formatted).toBe('# escape=`\nCOPY <<-E\\ \nbody\nE \nRUN x\n');
    expect(SyntaxTree.parse(formatted).node(1)).toMatchObject({ heredocs: [{ name: 'E ' }] });
    // With the default escape character the backslash continues the line, and its blanks go.
    expect(applyOffsetEdits('RUN x \\  \n  y\n', formatEdits(SyntaxTree.parse('RUN x \\  \n  y\n'), options))).toBe('RUN x \\\n    y\n');
  });

  it('leaves the line after an escaped blank and its continuation alone, when formatting and on Enter', () => {
    // BuildKit drops only the final escape: the escaped blank before it and the next line make one word.
    const texts = [
      'ENV A=a\\ \\\nb\n',
      'LABEL a=x\\ \\\ny\n',
      'ARG A=a\\ \\\nb\n',
      'RUN --mount=type=bind,source=a\\ \\\nb echo\n',
      'RUN echo a\\ \\\nb\n',
      '# escape=`\nRUN echo a\\ `\nb\n',
      '# escape=`\nLABEL a=x` `\ny\n',
    ];
    for (const text of texts) {
      const tree = SyntaxTree.parse(text);
      expect(formatEdits(tree, options), text).toEqual([]);
      // The cursor after the newline typed before the last line's text.
      expect(onNewLineEdits(tree, text.lastIndexOf('\n', text.length - 2) + 1, options), text).toEqual([]);
    }
    // An escaped backslash before the blank: the blank separates words, so the line is indented.
    const text = 'RUN echo a\\\\ \\\nb\n';
    expect(applyOffsetEdits(text, formatEdits(SyntaxTree.parse(text), options))).toBe('RUN echo a\\\\ \\\n    b\n');
    expect(onNewLineEdits(SyntaxTree.parse(text), 15, options)).toEqual([{ start: 15, end: 15, text: '    ' }]);
  });

  it('indents the new line after comment lines inside a continued instruction, which BuildKit drops', () => {
    // `RUN apt-get install -y \` then `    # the tools` then Enter: the next line still continues the RUN.
    const text = 'RUN apt-get install -y \\\n    # the tools\n  # more\n\n';
    const cursor = text.length - 1;
    expect(onNewLineEdits(SyntaxTree.parse(text), cursor, options)).toEqual([{ start: cursor, end: cursor, text: '    ' }]);
    // After a comment below a line that does not continue, the instruction has ended.
    for (const ended of ['RUN echo a\n# comment\n\n', 'RUN echo \\\n    a\n# comment\n\n']) {
      expect(onNewLineEdits(SyntaxTree.parse(ended), ended.length - 1, options), ended).toEqual([]);
    }
  });

  it('keeps a multi-line JSON array and a JSON array whose strings hold escapes exactly', () => {
    const text = 'CMD ["a",\\\n "b"]\nCMD [ "\\u0041\\n" ]\n';
    expect(applyOffsetEdits(text, formatEdits(SyntaxTree.parse(text), options))).toBe('CMD ["a",\\\n    "b"]\nCMD ["\\u0041\\n"]\n');
  });

  it('never re-indents a continuation line of a command cmd runs, which keeps every blank at the join', () => {
    // `set X=a   b` sets three spaces; indented by four, the join would hold five.
    const indented = (text: string) => applyOffsetEdits(text, format(new OpenDocument(text).doc, options).map((e) => ({ start: offsetIn(text, e.range.start), end: offsetIn(text, e.range.end), text: e.newText })));
    const windows = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN set X=a \\\n  b\nHEALTHCHECK CMD ping -n 1 a \\\n  b\nONBUILD RUN set X=a \\\n  b\n';
    expect(indented(windows)).toBe(windows);
    const cmdShell = 'FROM alpine\nSHELL ["cmd", "/S", "/C"]\nRUN set X=a \\\n  b\n';
    expect(indented(cmdShell)).toBe(cmdShell);
    // POSIX shells and PowerShell split words at the blanks, so the join may be re-indented there.
    expect(indented('FROM alpine\nRUN set X=a \\\n  b\n')).toBe('FROM alpine\nRUN set X=a \\\n    b\n');
    expect(indented('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN echo a \\\n  b\n')).toBe(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN echo a \\\n    b\n',
    );
    // On Enter after the escape: no indentation under cmd, one unit under sh.
    const typed = (text: string) => getOnTypeFormattingEdits(new OpenDocument(text).doc, { line: 2, character: 0 }, '\n', DEFAULT_SETTINGS, { tabSize: 4, insertSpaces: true });
    expect(typed('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN set X=a \\\n')).toEqual([]);
    expect(typed('FROM alpine\nRUN set X=a \\\n')).toEqual([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '    ' }]);
  });
});

/** The offset of an LSP position in `text`. */
function offsetIn(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + position.character;
}
