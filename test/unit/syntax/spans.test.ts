// Exact spans for every kind of node part, on small fixtures. Each helper turns relative spans
// back into the text they cover, so expectations read as text.
import { describe, expect, it } from 'vitest';
import { SyntaxTree, mountTypeOption, mountTypeText, typedMountType, type InstructionNode, type Span } from '../../../server/src/syntax';

function only(text: string): { node: InstructionNode; at: (s: Span | undefined) => string | undefined } {
  const tree = SyntaxTree.parse(text);
  const instructions = [...tree.instructions()];
  expect(instructions).toHaveLength(1);
  const { node, start } = instructions[0];
  return { node, at: (s) => (s ? text.slice(start + s.start, start + s.end) : undefined) };
}

describe('spans', () => {
  it('keyword, flags with values, and arguments', () => {
    const { node, at } = only('  copy --from=build --chmod=755 src/ /dst/\n');
    expect(node.name).toBe('COPY');
    expect(at(node.keyword)).toBe('copy');
    expect(node.flags.map((f) => [at(f), at(f.name), at(f.value), f.text])).toEqual([
      ['--from=build', 'from', 'build', '--from=build'],
      ['--chmod=755', 'chmod', '755', '--chmod=755'],
    ]);
    expect(at(node.args)).toBe('src/ /dst/');
    expect(node.argList.map(at)).toEqual(['src/', '/dst/']);
  });

  it('keyword text as written, in any case, across a continuation, and unknown names', () => {
    for (const [text, keyword, name] of [
      ['RUN x\n', 'RUN', 'RUN'],
      ['rUn x\n', 'rUn', 'RUN'],
      ['WORK\\\nDIR /x\n', 'WORKDIR', 'WORKDIR'],
      ['runn x\n', 'runn', 'RUNN'],
    ]) {
      const { node } = only(text);
      expect([node.keyword.text, node.name]).toEqual([keyword, name]);
    }
  });

  it('bare boolean flags, quoted flag values and the -- terminator', () => {
    const { node, at } = only('COPY --link --chown="app user" -- --not-a-flag /x\n');
    expect(node.flags.map((f) => [at(f), at(f.name), f.value?.text, f.text])).toEqual([
      ['--link', 'link', undefined, '--link'],
      ['--chown="app user"', 'chown', 'app user', '--chown=app user'],
    ]);
    expect(at(node.flagTerminator)).toBe('--');
    expect(node.argList.map((t) => t.text)).toEqual(['--not-a-flag', '/x']);
  });

  it('--mount options, keys and values, across a line continuation', () => {
    const text = 'RUN --mount=type=cache,target=/root/.cache,sharing=locked \\\n    --mount=type=secret,id=npm,required pip install\n';
    const { node, at } = only(text);
    const mounts = node.flags.map((f) => f.mountOptions!.map((o) => [at(o), at(o.key), at(o.value)]));
    expect(mounts).toEqual([
      [
        ['type=cache', 'type', 'cache'],
        ['target=/root/.cache', 'target', '/root/.cache'],
        ['sharing=locked', 'sharing', 'locked'],
      ],
      [
        ['type=secret', 'type', 'secret'],
        ['id=npm', 'id', 'npm'],
        ['required', 'required', undefined],
      ],
    ]);
    expect(node.continuations.map(at)).toEqual(['\\']);
    expect(at(node.args)).toBe('pip install');
  });

  it('--mount options in quotes: each option runs from the = or comma before it to the comma after it, quotes included', () => {
    const { node, at } = only('RUN --mount=type=cache,target="." --mount=type=bind,"source=a b",target=/x --mount="type=tmpfs,target=/t" true\n');
    expect(node.flags.map((f) => f.mountOptions!.map((o) => [at(o), at(o.key), o.value?.text]))).toEqual([
      [
        ['type=cache', 'type', 'cache'],
        ['target="."', 'target', '.'],
      ],
      [
        ['type=bind', 'type', 'bind'],
        ['"source=a b"', 'source', 'a b'],
        ['target=/x', 'target', '/x'],
      ],
      [
        ['"type=tmpfs', 'type', 'tmpfs'],
        ['target=/t"', 'target', '/t'],
      ],
    ]);
  });

  it("a mount's type: its last type= with a value, key in any case but untrimmed, as BuildKit's parseMount reads it", () => {
    const { node, at } = only('RUN --mount=type=cache,TYPE=Secret,type,id=a --mount=target=/x," type=tmpfs" true\n');
    expect(node.flags.map((f) => [mountTypeText(f), at(mountTypeOption(f))])).toEqual([
      ['secret', 'TYPE=Secret'],
      ['bind', undefined],
    ]);
    expect(typedMountType(['type=cache', 'Type=tmpfs', 'type', 'id'])).toBe('tmpfs');
    expect(typedMountType(['target=/x', ' type=cache'])).toBeUndefined();
  });

  it('a word split by a line continuation maps back to both lines', () => {
    const text = 'FROM alp\\\nine AS build\n';
    const { node, at } = only(text);
    expect(node.argList.map((t) => t.text)).toEqual(['alpine', 'AS', 'build']);
    expect(node.argList.map(at)).toEqual(['alp\\\nine', 'AS', 'build']);
  });

  it('comment lines and empty lines inside a continued instruction', () => {
    const text = 'RUN apt-get update \\\n  # a comment\n\n  && apt-get install -y curl\n';
    const { node, at } = only(text);
    expect(node.innerComments.map(at)).toEqual(['# a comment']);
    expect(node.emptyContinuationLines.map(at)).toEqual(['']);
    expect(node.argList.map((t) => t.text)).toEqual(['apt-get update   && apt-get install -y curl']);
  });

  it('exec form elements with decoded values', () => {
    const { node, at } = only('CMD ["echo", "a\\"b", "c d"]\n');
    expect(at(node.json)).toBe('["echo", "a\\"b", "c d"]');
    expect(node.json!.elements.map((e) => [at(e), e.value])).toEqual([
      ['"echo"', 'echo'],
      ['"a\\"b"', 'a"b'],
      ['"c d"', 'c d'],
    ]);
  });

  it('invalid JSON falls back to shell form silently', () => {
    const { node } = only("CMD ['echo', 'hi']\n");
    expect(node.json).toBeUndefined();
    expect(node.argList.map((t) => t.text)).toEqual(["['echo', 'hi']"]);
    expect(node.errors).toEqual([]);
  });

  it('ENV and LABEL pairs in both forms', () => {
    const modern = only('ENV A=1 B="two words" C=\n');
    expect(modern.node.pairs.map((p) => [modern.at(p.key), modern.at(p.value), p.separator])).toEqual([
      ['A', '1', '='],
      ['B', '"two words"', '='],
      ['C', '', '='],
    ]);
    const legacy = only('LABEL maintainer Jane Doe <jane@example.com>\n');
    expect(legacy.node.pairs.map((p) => [legacy.at(p.key), legacy.at(p.value), p.separator])).toEqual([['maintainer', 'Jane Doe <jane@example.com>', ' ']]);
  });

  it('ARG with several names and defaults', () => {
    const { node, at } = only('ARG A=1 B C="x y"\n');
    expect(node.pairs.map((p) => [at(p.key), at(p.value)])).toEqual([
      ['A', '1'],
      ['B', undefined],
      ['C', '"x y"'],
    ]);
  });

  it('HEALTHCHECK type and command', () => {
    const { node, at } = only('HEALTHCHECK --interval=5s CMD curl -f http://localhost/\n');
    expect(at(node.healthcheckType)).toBe('CMD');
    expect(node.argList.map(at)).toEqual(['CMD', 'curl -f http://localhost/']);
  });

  it('ONBUILD trigger is an instruction with spans in the same node', () => {
    const { node, at } = only('ONBUILD COPY --from=base /a /b\n');
    expect(node.trigger?.name).toBe('COPY');
    expect(at(node.trigger?.keyword)).toBe('COPY');
    expect(node.trigger?.flags.map((f) => at(f.value))).toEqual(['base']);
  });

  it('heredoc marker, name, body and terminator', () => {
    const text = 'RUN <<-"EOF" bash\n\techo $HOME\n\tEOF\n';
    const { node, at } = only(text);
    const [h] = node.heredocs;
    expect([at(h.marker), at(h.nameSpan), h.name, h.expand, h.chomp, at(h.body), at(h.terminator)]).toEqual([
      '<<-"EOF"',
      '"EOF"',
      'EOF',
      false,
      true,
      '\techo $HOME\n',
      '\tEOF',
    ]);
    // The marker is quoted, so the outer shell leaves the body alone; bash reads it as its script and expands `$HOME`.
    expect(node.variables.map((v) => [at(v), v.context])).toEqual([['$HOME', { kind: 'heredoc', index: 0, expand: false }]]);
  });

  it('several heredocs on one line, with a file descriptor and white space before the word', () => {
    const text = 'COPY <<one 3<<two << three /dst/\n1\none\n2\ntwo\n3\nthree\n';
    const { node, at } = only(text);
    expect(node.heredocs.map((h) => [h.name, h.fileDescriptor, at(h.marker), at(h.body), h.blankBeforeName])).toEqual([
      ['one', 0, '<<one', '1\n', false],
      ['two', 3, '3<<two', '2\n', false],
      ['three', 0, '<< three', '3\n', true],
    ]);
  });

  it('a bare <<- followed by white space is no heredoc (found by review: it read a heredoc named "-" to the end of the file)', () => {
    const text = 'FROM a\nRUN cat <<- EOF\nhello\nEOF\nRUN echo hi\n';
    const tree = SyntaxTree.parse(text);
    expect(tree.errors()).toEqual([]);
    const nodes = Array.from({ length: tree.nodeCount }, (_, i) => tree.node(i));
    expect(nodes.map((n) => (n.kind === 'instruction' ? [n.name, n.heredocs.length] : [n.kind]))).toEqual([
      ['FROM', 0],
      ['RUN', 0],
      ['HELLO', 0],
      ['EOF', 0],
      ['RUN', 0],
    ]);
  });

  it('shell comments hide variables, through continued lines, but not in here-document data (found by review)', () => {
    const names = (text: string) => only(text).node.variables.map((v) => v.name);
    expect(names('RUN echo $A # $B\n')).toEqual(['A']);
    // BuildKit joins continued lines into one, so the comment runs to the end of the instruction.
    expect(names('RUN apt-get install -y $PKG # pinned below \\\n    && echo $PKG\n')).toEqual(['PKG']);
    // `#` inside a word, in quotes or in ${…} starts no comment; after an operator it does.
    expect(names('RUN echo a#$A "#$B" ${C#x} ${#D};#$E\n')).toEqual(['A', 'B', 'C', 'D']);
    // The body of a RUN that is only the heredoc is the script: a comment's apostrophe opens no quote.
    expect(names('RUN <<EOF\n# install $V\n# don\'t fail\necho "$V" v$V\nEOF\n')).toEqual(['V', 'V']);
    // Data for `cat`: the shell expands `$` after `#` and inside quotes, and a backslash escapes only `$`.
    expect(names("RUN cat > /etc/app.conf <<EOF\n# for $HOST\nname='$NAME' \\$NOT \\x$X\nEOF\n")).toEqual(['HOST', 'NAME', 'X']);
  });

  it('variables with every modifier, nested, and their operators', () => {
    const text = 'ENV A=${B:-${C}} D=$E F=${G#*/} H=${I//a/b} J=${K%%.*} L=${M?need_M}\n';
    const { node, at } = only(text);
    expect(node.variables.map((v) => [at(v), v.name, v.operator ?? '', at(v.operatorSpan) ?? '', at(v.argument) ?? '', v.nested])).toEqual([
      ['${B:-${C}}', 'B', ':-', ':-', '${C}', false],
      ['${C}', 'C', '', '', '', true],
      ['$E', 'E', '', '', '', false],
      ['${G#*/}', 'G', '#', '#', '*/', false],
      ['${I//a/b}', 'I', '//', '//', 'a/b', false],
      ['${K%%.*}', 'K', '%%', '%%', '.*', false],
      ['${M?need_M}', 'M', '?', '?', 'need_M', false],
    ]);
  });

  it('variables in a flag value after its quotes and escapes are removed, as BuildKit expands it', () => {
    const text = 'COPY --chown="${U}:$G" --chmod=\'$M\'\\$N --from=$F a /b\n';
    const { node, at } = only(text);
    expect(node.variables.map((v) => [at(v), v.name, at(v.nameSpan), v.context])).toEqual([
      ['${U}', 'U', 'U', { kind: 'flag', flag: 'chown' }],
      ['$G', 'G', 'G', { kind: 'flag', flag: 'chown' }],
      ['$M', 'M', 'M', { kind: 'flag', flag: 'chmod' }],
      ['$N', 'N', 'N', { kind: 'flag', flag: 'chmod' }],
      ['$F', 'F', 'F', { kind: 'flag', flag: 'from' }],
    ]);
  });

  it('variables in a quoted flag value continued on the next line', () => {
    const text = 'RUN --mount="type=cache,target=/$A,\\\n  id=$B" true\n';
    const { node, at } = only(text);
    expect(node.variables.map((v) => [at(v), v.name])).toEqual([
      ['$A', 'A'],
      ['$B', 'B'],
    ]);
  });

  it('an unterminated reference runs to the end of its word', () => {
    const { node, at } = only('ENV A=${B:-x\n');
    expect(node.variables.map((v) => [at(v), v.name, at(v.argument)])).toEqual([['${B:-x', 'B', 'x']]);
  });

  it('variables in shell text skip single quotes and know shell-only forms', () => {
    const { node, at } = only("RUN echo $HOME '$NOT' \"$YES\" ${#LEN} $(pwd) ${X:0:2}\n");
    expect(node.variables.map((v) => [at(v), v.name, v.context.kind])).toEqual([
      ['$HOME', 'HOME', 'shell'],
      ['$YES', 'YES', 'shell'],
      ['${#LEN}', 'LEN', 'shell'],
      ['${X:0:2}', 'X', 'shell'],
    ]);
  });

  it('the single-quoted script of a shell started with -c is read, as the shell it starts reads it', () => {
    const { node, at } = only(
      "RUN sh -c 'echo $A \"$B\" '\"'\"'$C'\"'\"' $1' && bash -o pipefail -ec '${D:-x}' && sudo -u u /bin/dash -c '$E' \\\n  && env zsh -lc '$F'\n",
    );
    expect(node.variables.map((v) => [at(v), v.name, v.context.kind])).toEqual([
      ['$A', 'A', 'shell'],
      ['$B', 'B', 'shell'],
      ['${D:-x}', 'D', 'shell'],
      ['$E', 'E', 'shell'],
      ['$F', 'F', 'shell'],
    ]);
  });

  it('single quotes stay unread where no shell takes them as its script', () => {
    const { node } = only("RUN echo -c '$A' && sh x -c '$B' && sh -c x'$C' && su -c '$D' && python -c '$E' ; sh '-c' 'x' '$G'\n");
    expect(node.variables.map((v) => v.name)).toEqual([]);
  });

  it('a special parameter in shell text is one character: in $$NAME and $1NAME the name is text', () => {
    const { node, at } = only('RUN echo $$PID $$$OK $1ARG $?X $#Y $-Z ${#LEN}\n');
    expect(node.variables.map((v) => [at(v), v.name])).toEqual([
      ['$OK', 'OK'],
      ['${#LEN}', 'LEN'],
    ]);
  });

  it('directives, their keys and values, and the escape directive in effect', () => {
    const text = '# syntax = docker/dockerfile:1\n#Escape=`\n\nFROM a\nRUN x `\n  y\n';
    const tree = SyntaxTree.parse(text);
    expect(tree.directives().map(({ node, start }) => [node.name, text.slice(start + node.key.start, start + node.key.end), node.value.text])).toEqual([
      ['syntax', 'syntax', 'docker/dockerfile:1'],
      ['escape', 'Escape', '`'],
    ]);
    expect(tree.escape).toBe('`');
    expect([...tree.instructions()].map(({ node }) => node.argList.map((a) => a.text))).toEqual([['a'], ['x   y']]);
  });

  it('a directive after the first comment is a comment', () => {
    const tree = SyntaxTree.parse('# hello\n# escape=`\nFROM a\n');
    expect(tree.directives()).toEqual([]);
    expect(tree.escape).toBe('\\');
  });

  it('after a #! line, escape is ignored but syntax and check count', () => {
    const tree = SyntaxTree.parse('#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=all\nFROM a\n');
    expect(tree.directives().map((d) => [d.node.name, d.node.ignored])).toEqual([
      ['syntax', false],
      ['escape', true],
      ['check', false],
    ]);
    expect(tree.escape).toBe('\\');
  });

  it('a BOM, CRLF line ends and a continuation at the end of the file', () => {
    const text = '\uFEFFFROM a\r\nRUN b \\\r\n  c \\';
    const tree = SyntaxTree.parse(text);
    const all = [...tree.instructions()];
    expect(all.map(({ node, start }) => [text.slice(start + node.keyword.start, start + node.keyword.end), node.argList.map((a) => a.text)])).toEqual([
      ['FROM', ['a']],
      ['RUN', ['b   c']],
    ]);
    expect(tree.errors()).toEqual([]);
  });

  it('CR-only line ends make one line, as in BuildKit', () => {
    const tree = SyntaxTree.parse('FROM a\rRUN b\r');
    expect([...tree.instructions()].map(({ node }) => node.argList.map((a) => a.text))).toEqual([['a', 'RUN', 'b']]);
  });

  it('a doubled escape at the end of a line is not a continuation', () => {
    const tree = SyntaxTree.parse('RUN echo a\\\\\nRUN echo b\n');
    expect([...tree.instructions()]).toHaveLength(2);
  });
});

describe('syntax errors with exact ranges', () => {
  const errors = (text: string) => SyntaxTree.parse(text).errors().map((e) => [e.code, text.slice(e.start, e.end), e.message]);

  it('an unterminated heredoc points at its marker', () => {
    expect(errors('FROM a\nRUN <<EOF\necho\n')).toEqual([['unterminated-heredoc', '<<EOF', 'unterminated heredoc: no line "EOF" ends it']]);
  });

  it('a repeated directive', () => {
    expect(errors('# syntax=a\n# syntax=b\nFROM a\n')).toEqual([['duplicate-directive', '# syntax=b', 'only one syntax parser directive can be used']]);
  });

  it('an invalid escape directive points at its value', () => {
    expect(errors('# escape=x\nFROM a\n')).toEqual([['invalid-escape', 'x', "invalid escape token 'x' does not match ` or \\"]]);
  });

  it('a line over 65,535 bytes', () => {
    const long = 'RUN echo ' + 'x'.repeat(70_000);
    expect(errors(`FROM a\n${long}\n`)).toEqual([['line-too-long', long, 'dockerfile line greater than max allowed size of 65535']]);
    expect(errors(`FROM a\nRUN echo ${'é'.repeat(32_768)}\n`).map((e) => e[0])).toEqual(['line-too-long']);
    expect(errors(`FROM a\nRUN echo ${'x'.repeat(65_535 - 9)}\n`)).toEqual([]);
  });

  it('ENV without a value, and ENV pairs without =', () => {
    expect(errors('FROM a\nENV PATH\n')).toEqual([['missing-value', 'PATH', 'ENV must have two arguments']]);
    expect(errors('FROM a\nENV A=1 B\n')).toEqual([['missing-equals', 'B', 'Syntax error - can\'t find = in "B". Must be of the form: name=value']]);
  });

  it('a JSON array of non-strings', () => {
    expect(errors('FROM a\nCMD ["a", 1]\n')).toEqual([['json-not-strings', '["a", 1]', 'when using JSON array syntax, arrays must be comprised of strings only']]);
  });

  it('empty files and files without instructions', () => {
    expect(errors('')).toEqual([['empty-file', '', 'the Dockerfile cannot be empty']]);
    // On the last line, as BuildKit reports it, not over the whole header being typed.
    expect(errors('# only a comment\n\n')).toEqual([['no-instructions', '', 'file with no instructions']]);
    expect(errors('# syntax=docker/dockerfile:1\n# a comment\n')).toEqual([['no-instructions', '# a comment', 'file with no instructions']]);
    expect(errors('# syntax=docker/dockerfile:1\r\n# a comment')).toEqual([['no-instructions', '# a comment', 'file with no instructions']]);
    expect(errors('\n')).toEqual([['no-instructions', '', 'file with no instructions']]);
  });
});
