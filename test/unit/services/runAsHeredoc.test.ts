// The "Rewrite as a heredoc script" refactoring: the exact text it writes, where it is not offered,
// and that the script does what the chain did, run through a real POSIX shell.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { analyzedDocument } from '../../../server/src/services/document';
import { RUN_AS_HEREDOC_TITLE, runAsHeredocAction } from '../../../server/src/services/runAsHeredoc';
import { SyntaxTree, type InstructionNode } from '../../../server/src/syntax';
import { parseFixture } from '../../lsp/fixture';
import { fcParams, fcTimeout } from '../../fuzzing';

function documentOf(text: string): { document: TextDocument; doc: ReturnType<typeof analyzedDocument> } {
  const document = TextDocument.create('file:///refactor/Dockerfile', 'dockerfile', 1, text);
  return { document, doc: analyzedDocument(document, SyntaxTree.parse(text)) };
}

/** The file rewritten by the refactoring at `$0`, or undefined when it is not offered there. */
function rewritten(fixture: string): string | undefined {
  const { text, cursorOffset } = parseFixture(fixture);
  const { document, doc } = documentOf(text);
  const action = runAsHeredocAction(doc, cursorOffset!);
  if (!action) return undefined;
  expect(action.title).toBe(RUN_AS_HEREDOC_TITLE);
  expect(action.kind).toBe('refactor.rewrite');
  return TextDocument.applyEdits(document, action.edit!.changes![document.uri]);
}

describe('Rewrite as a heredoc script', () => {
  it('writes one command per line after set -e, keeping the line breaks inside a command and the flags', () => {
    expect(rewritten('FROM debian\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl \\\n      git && \\\n    rm -rf /var/lib/apt/lists/*$0\n')).toBe(
      'FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y \\\n      curl \\\n      git\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    );
    // With `&&` first on each continued line.
    expect(rewritten('FROM debian\nRUN apt-get update \\\n    && apt-get install -y \\\n        curl \\\n    && rm -rf /var/lib/apt/lists/*$0\n')).toBe(
      'FROM debian\nRUN <<EOF\nset -e\napt-get update\napt-get install -y \\\n        curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    );
    expect(rewritten('FROM debian\nR$0UN --mount=type=cache,target=/var/cache/apt \\\n    --network=host \\\n    apt-get update && apt-get install -y curl\nCMD ["x"]\n')).toBe(
      'FROM debian\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --network=host <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\nCMD ["x"]\n',
    );
  });

  it('drops the blank lines BuildKit drops, keeps comment lines above their command, and joins lines inside quotes', () => {
    expect(rewritten("FROM a\nRUN echo one && \\\n  # two\n\n  echo 'a \\  \n  b' && \\\n  printf '%s' \\\n\n   x$0\n")).toBe(
      "FROM a\nRUN <<EOF\nset -e\necho one\n# two\necho 'a   b'\nprintf '%s' \\\n   x\nEOF\n",
    );
  });

  it('keeps a first set -e of the chain instead of adding one, and picks a delimiter no line is', () => {
    expect(rewritten('FROM a\nRUN set -eux && \\\n  echo $0x\n')).toBe('FROM a\nRUN <<EOF\nset -eux\necho x\nEOF\n');
    expect(rewritten('FROM a\nRUN$0 printf "%s\\n" \\\nEOF && true\n')).toBe('FROM a\nRUN <<EOT\nset -e\nprintf "%s\\n" \\\nEOF\ntrue\nEOT\n');
    expect(rewritten('FROM a\r\nRUN a && b$0\r\nRUN c\r\n')).toBe('FROM a\r\nRUN <<EOF\r\nset -e\r\na\r\nb\r\nEOF\r\nRUN c\r\n');
  });

  it('is offered for what stays one command: pipes, redirections, substitutions with &&, quoted operators', () => {
    expect(rewritten('FROM a\nRUN$0 curl -fsSL x | sh 2>&1 && echo "a; b || c" && echo $(x && y) `z` ${V:-a&&b} && ls &>/dev/null && (a && b) && ! false\n')).toBe(
      'FROM a\nRUN <<EOF\nset -e\ncurl -fsSL x | sh 2>&1\necho "a; b || c"\necho $(x && y) `z` ${V:-a&&b}\nls &>/dev/null\n(a && b)\n! false\nEOF\n',
    );
  });

  it('is not offered where splitting, or set -e, would change what runs', () => {
    const notOffered = [
      'FROM a\nRUN$0 echo one\n',
      'FROM a\nRUN$0 a || b && c\n',
      'FROM a\nRUN$0 a; b && c\n',
      'FROM a\nRUN$0 a & b && c\n',
      'FROM a\nRUN$0 a && b # c && d\n',
      'FROM a\nRUN$0 [[ -f x && -f y ]] && z\n',
      'FROM a\nRUN$0 (cd x; make) && y\n',
      'FROM a\nRUN$0 echo $(a; b) && y\n',
      'FROM a\nRUN$0 ! grep x f && y\n',
      'FROM a\nRUN$0 . /etc/os-release && echo $ID\n',
      'FROM a\nRUN$0 X=1 source ./env.sh && y\n',
      'FROM a\nRUN$0 eval "$X" && y\n',
      'FROM a\nRUN$0 set +e && y\n',
      'FROM a\nRUN$0 echo "unclosed && y\n',
      'FROM a\nRUN$0 ["sh", "-c", "a && b"]\n',
      'FROM a\nRUN$0 cat <<EOF && b\nx\nEOF\n',
      'FROM a\nONBUILD RUN$0 a && b\n',
      'FROM a\nCOPY$0 a && b /x\n',
      '# escape=`\nFROM a\nRUN$0 a && `\n  b\n',
      'FROM a\nSHELL ["pwsh", "-Command"]\nRUN$0 a && b\n',
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN$0 a && b\n',
      '# syntax=docker/dockerfile:1.3\nFROM a\nRUN$0 a && b\n',
      '# syntax=docker/dockerfile:1.2-labs\nFROM a\nRUN$0 a && b\n',
    ];
    expect(notOffered.filter((fixture) => rewritten(fixture) !== undefined)).toEqual([]);
    // A labs frontend had heredocs a release earlier.
    expect(rewritten('# syntax=docker/dockerfile:1.3-labs\nFROM a\nRUN$0 a && b\n')).toBe('# syntax=docker/dockerfile:1.3-labs\nFROM a\nRUN <<EOF\nset -e\na\nb\nEOF\n');
  });

  it('comes with the quick fixes at the cursor, and only when refactorings are asked for', () => {
    const { text, cursor } = parseFixture('FROM a\nRUN a &&$0 b\n');
    const { doc } = documentOf(text);
    const range = { start: cursor!, end: cursor! };
    expect(getCodeActions(doc, { diagnostics: [], range }).map((a) => a.title)).toEqual([RUN_AS_HEREDOC_TITLE]);
    expect(getCodeActions(doc, { diagnostics: [], range, only: ['refactor'] }).map((a) => a.title)).toEqual([RUN_AS_HEREDOC_TITLE]);
    expect(getCodeActions(doc, { diagnostics: [], range, only: ['quickfix'] })).toEqual([]);
    expect(getCodeActions(doc, { diagnostics: [], range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } } })).toEqual([]);
  });
});

const hasShell = spawnSync('sh', ['-c', 'true']).status === 0;

describe.runIf(hasShell)('Rewrite as a heredoc script, run by a POSIX shell', () => {
  /** What `sh -c` prints and returns for a command string, in a scratch directory. */
  const run = (script: string): string => {
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', cwd: '/tmp', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    return JSON.stringify([result.stdout, result.stderr.replace(/^sh: \d+: /gm, 'sh: '), result.status]);
  };
  // The chains: continued lines, quotes across lines, failures in the middle and at the end,
  // pipes whose first command fails, substitutions and subshells with &&, variables set on the way.
  const chains = [
    'echo one && \\\n    echo two \\\n      three && \\\n    echo four',
    "X=1 && \\\n  echo \"$X\" 'a \\\n  b' && false && \\\n  echo never",
    'false | echo piped && echo after && test -n "" && echo never',
    'cd / && pwd && (cd /tmp && pwd) && pwd && echo $(echo a && echo b)',
    'printf "%s\\n" x \\\n  # note\n\n  y && ! true',
    'echo a \\\n  && echo b \\\n    c \\\n  && false',
    'true && \\\n  [ 1 -eq 2 ]',
    'echo a\\\\ b && echo "c \\\n d" && echo `echo e`',
  ];
  for (const chain of chains) {
    it(`does what the chain did: ${JSON.stringify(chain).slice(0, 60)}`, () => {
      const text = `FROM a\nRUN ${chain}\n`;
      const { document, doc } = documentOf(text);
      const original = (doc.tree.node(1) as InstructionNode).args!.text;
      const action = runAsHeredocAction(doc, text.indexOf('RUN'));
      expect(action).toBeDefined();
      const after = SyntaxTree.parse(TextDocument.applyEdits(document, action!.edit!.changes![document.uri]));
      const run1 = after.node(1) as InstructionNode;
      expect(run1.errors).toEqual([]);
      expect(run1.heredocs).toHaveLength(1);
      expect(run(run1.heredocs[0].content)).toBe(run(original));
    });
  }

  /** The script the refactoring writes for `RUN <chain>` (checked to parse as one clean heredoc), or undefined when not offered. */
  const scriptOf = (chain: string): { original: string; script: string } | undefined => {
    const text = `FROM a\nRUN ${chain}\n`;
    const { document, doc } = documentOf(text);
    const node = doc.tree.node(1) as InstructionNode;
    const action = runAsHeredocAction(doc, text.indexOf('RUN'));
    if (!action || !node.args) return undefined;
    const after = SyntaxTree.parse(TextDocument.applyEdits(document, action.edit!.changes![document.uri]));
    const run1 = after.node(1) as InstructionNode;
    expect(run1.errors).toEqual([]);
    expect(run1.heredocs).toHaveLength(1);
    expect(after.nodeCount).toBe(2);
    return { original: node.args.text, script: run1.heredocs[0].content };
  };

  it('does what the chain did for random chains of commands, line breaks, blank and comment lines', () => {
    const word = fc.constantFrom('a', "'b c'", '"d  e"', '$X', '"$X"', "'it'\\''s'", 'f\\ g', '\\$X', '"$(echo h && echo i)"', '`echo j`', '${X:-k&&l}', '"m \\\n  n"', "'o \\\n  p'");
    const simple = fc.oneof(
      fc.tuple(fc.constantFrom('echo', 'printf "%s|"', 'test -n', 'X=1; echo'), fc.array(word, { minLength: 1, maxLength: 3 })).map(([command, words]) => `${command} ${words.join(' ')}`),
      fc.constantFrom('true', 'false', 'X=set', 'cd /', 'pwd', 'echo x | cat', 'false | cat', 'echo y >/dev/null', '(echo z && false)', '! true', '! false', 'set -u', 'exit 3'),
    );
    // Joins of the commands as they are written in Dockerfiles, and what may stand inside a continued line.
    const joiner = fc.constantFrom(' && ', ' && \\\n    ', ' \\\n    && ', '&&', ' && \\\n  # why\n    ', ' && \\\n\n    ', ' && \\  \n\t');
    const inner = fc.constantFrom(' ', ' \\\n      ', ' \\\n  # note\n      ');
    const command = fc.tuple(simple, inner).map(([c, gap]) => c.replace(/ /, gap));
    let offered = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(command, joiner), { minLength: 2, maxLength: 5 }), (parts) => {
        const chain = parts.map(([c, j], i) => (i < parts.length - 1 ? c + j : c)).join('');
        const found = scriptOf(chain);
        if (!found) return;
        offered++;
        expect(run(found.script)).toBe(run(found.original));
      }),
      fcParams(60, 20261202),
    );
    // Most chains are plain `&&` chains: a generator that nearly never gets the action tests nothing.
    expect(offered).toBeGreaterThan(20);
  }, fcTimeout(60_000));

  it('runs the scripts with a shell that stops at set -e (a check of the check)', () => {
    expect(run('set -e\nfalse\necho no')).toBe(JSON.stringify(['', '', 1]));
    expect(run('false\necho yes')).toBe(JSON.stringify(['yes\n', '', 0]));
  });
});
