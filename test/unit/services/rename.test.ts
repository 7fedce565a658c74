// Rename at the service level: the renamed Dockerfile means what it meant, with every place the
// builder or the shell reads the variable renamed and nothing else.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument } from '../../../server/src/services/document';
import { rename } from '../../../server/src/services/navigation/rename';
import { SyntaxTree } from '../../../server/src/syntax';
import { parseFixture } from '../../lsp/fixture';

/** Renames at `$0` and returns the text (or the refusal). */
function renamed(fixture: string, newName: string): string {
  const { text, cursor } = parseFixture(fixture);
  const document = TextDocument.create('file:///rename/Dockerfile', 'dockerfile', 1, text);
  const result = rename(analyzedDocument(document, SyntaxTree.parse(text)), cursor!, newName);
  if (!result || !Array.isArray(result)) return JSON.stringify(result);
  return TextDocument.applyEdits(document, result);
}

describe('rename of a variable', () => {
  it('renames it in the body of a RUN that is only a heredoc, quoted marker or not (BuildKit runs the body as the script)', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'EOF'\necho $FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'EOF'\necho $BAR\nEOF\n");
    expect(renamed('FROM a\nARG FO$0O=1\nRUN <<"EOF"\n#!/bin/bash\necho $FOO\nEOF\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN <<"EOF"\n#!/bin/bash\necho $BAR\nEOF\n');
  });

  it('leaves a quoted heredoc alone where the shell reads it as text', () => {
    expect(renamed("FROM a\nARG FO$0O=1\nRUN cat <<'EOF'\n$FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN cat <<'EOF'\n$FOO\nEOF\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'A' <<B\n$FOO\nA\n$FOO\nB\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'A' <<B\n$FOO\nA\n$BAR\nB\n");
    expect(renamed("FROM a\nARG FO$0O=1\nCOPY <<'EOF' /x\n$FOO\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nCOPY <<'EOF' /x\n$FOO\nEOF\n");
    expect(renamed("FROM a\nARG FO$0O=1\nRUN <<'EOF'\n#!/usr/bin/env python3\nprint('$FOO')\nEOF\n", 'BAR')).toBe("FROM a\nARG BAR=1\nRUN <<'EOF'\n#!/usr/bin/env python3\nprint('$FOO')\nEOF\n");
  });

  it('leaves a heredoc marker alone: neither BuildKit nor the shell expands `<<$FOO` (found by fuzzing: its terminator was left behind)', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN cat <<$FOO\nhi\n$FOO\nRUN echo $FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN cat <<$FOO\nhi\n$FOO\nRUN echo $BAR\n');
    expect(renamed('FROM a\nARG FO$0O=1\nCOPY <<"${FOO}" /x\n$FOO\n${FOO}\n', 'BAR')).toBe('FROM a\nARG BAR=1\nCOPY <<"${FOO}" /x\n$FOO\n${FOO}\n');
    expect(renamed('FROM a\nARG FO$0O=1\nCOPY << $FOO /x\n$FOO\nhi\n$FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nCOPY << $FOO /x\n$FOO\nhi\n$FOO\n');
  });

  it('leaves a name that follows a special parameter in shell text ($$FOO is the process id, then FOO)', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN echo $$FOO $$$FOO\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN echo $$FOO $$$BAR\n');
  });

  it('refuses when a command that reads the variable also sets it in the shell, where the two cannot be told apart', () => {
    const refusal = (line: number) => JSON.stringify({ refusal: `The shell sets "FOO" itself on line ${line}, in a command that also reads "$FOO", so a rename cannot tell which of them mean this variable; rename by hand.` });
    expect(renamed('FROM a\nARG FO$0O=1@x\nRUN FOO=${FOO%%@*}; \\\n  echo $FOO\n', 'BAR')).toBe(refusal(3));
    expect(renamed('FROM a\nENV FO$0O=/x\nRUN cd /y && \\\n  export FOO="$PWD"; make PREFIX="$FOO"\n', 'BAR')).toBe(refusal(4));
    expect(renamed('FROM a\nARG FO$0O=a\nRUN for FOO in $FOO b; do echo $FOO; done\n', 'BAR')).toBe(refusal(3));
    expect(renamed('FROM a\nARG FO$0O=a\nRUN <<EOF\nread -r FOO\necho $FOO\nEOF\n', 'BAR')).toBe(refusal(4));
  });

  it('renames where the shell only passes the value on or sets another name', () => {
    expect(renamed('FROM a\nARG FO$0O=1\nRUN make FOO=$FOO && FOO_X=1 echo "$FOO"\nRUN FOO=2\n', 'BAR')).toBe('FROM a\nARG BAR=1\nRUN make FOO=$BAR && FOO_X=1 echo "$BAR"\nRUN FOO=2\n');
  });
});
