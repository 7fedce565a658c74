import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { cursorOf, parseFixture, range } from './fixture';

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

async function openFixture(source: string, on: LspTestClient = client) {
  const fixture = parseFixture(source);
  const uri = `file:///rename/${++count}/Dockerfile`;
  await on.open(uri, fixture.text);
  return { fixture, uri, position: cursorOf(fixture) };
}

function offsetAt(text: string, position: { line: number; character: number }): number {
  const lines = text.split('\n');
  return lines.slice(0, position.line).reduce((n, l) => n + l.length + 1, 0) + position.character;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const edit of sorted) text = text.slice(0, offsetAt(text, edit.range.start)) + edit.newText + text.slice(offsetAt(text, edit.range.end));
  return text;
}

/** Renames at `$0` in `before` and expects the document to read `after`. */
async function checkRename(before: string, newName: string, after: string): Promise<void> {
  const { fixture, uri, position } = await openFixture(before);
  const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName });
  const change = edit.documentChanges?.[0];
  if (!change || !('edits' in change)) throw new Error(`expected one text document edit, got ${JSON.stringify(edit)}`);
  expect(change.textDocument).toEqual({ uri, version: 1 });
  expect(applyEdits(fixture.text, change.edits as TextEdit[])).toBe(after);
}

/** Expects the rename to be refused with exactly `message`. */
async function checkRefused(before: string, newName: string, message: string): Promise<void> {
  const { uri, position } = await openFixture(before);
  const error = await client.request('textDocument/rename', { textDocument: { uri }, position, newName }).then(
    () => undefined,
    (e: { code: number; message: string }) => ({ code: e.code, message: e.message }),
  );
  expect(error).toEqual({ code: -32602, message });
}

/** `$[ ... $]` marks the range prepareRename should answer; no range means null. */
async function checkPrepare(source: string, placeholder?: string): Promise<void> {
  const { fixture, uri, position } = await openFixture(source);
  const result = await client.request<{ range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
  expect(result).toEqual(fixture.ranges.length ? { range: fixture.ranges[0], placeholder } : null);
}

describe('prepareRename', () => {
  it('answers the name under the cursor and what it says', async () => {
    await checkPrepare('ARG V=1\nFROM node:${$[V$0$]}\n', 'V');
    await checkPrepare('FROM golang AS $[Bu$0ild$]\n', 'Build');
    await checkPrepare('FROM golang AS build\nFROM alpine\nCOPY --from=$[BU$0ILD$] /a /b\n', 'BUILD');
    await checkPrepare('FROM alpine\nRUN <<"$[E$0OF$]"\nx\nEOF\n', 'EOF');
    await checkPrepare('FROM alpine\nRUN <<$[E"O"F$0$]\nx\nEOF\n', 'EOF');
  });

  it('null on keywords, images and flags', async () => {
    await checkPrepare('FR$0OM alpine\n');
    await checkPrepare('FROM alp$0ine\n');
    await checkPrepare('FROM alpine\nCOPY --fr$0om=0 /a /b\n');
  });

  it('explains why an undeclared variable, a stage index or an indirectly named stage cannot be renamed', async () => {
    const refusal = async (source: string) => {
      const { uri, position } = await openFixture(source);
      return client.request('textDocument/prepareRename', { textDocument: { uri }, position }).then(
        () => undefined,
        (e: Error) => e.message,
      );
    };
    expect(await refusal('FROM alpine\nCMD echo $HO$0ME\n')).toBe(
      '"HOME" is not declared in this Dockerfile (it comes from the base image or the environment), so there is nothing here to rename.',
    );
    // In a RUN step the shell expands it, and the command may set it itself.
    expect(await refusal('FROM alpine\nRUN for i in 1 2; do echo $$0i; done\n')).toBe(
      '"i" is not declared in this Dockerfile: the shell expands it as this step runs (a variable the command sets, such as a loop variable, or one of the environment the base image sets), so there is nothing here to rename.',
    );
    // An ARG of that name exists, but the container and a later build never see it.
    expect(await refusal('FROM alpine\nARG PORT=80\nCMD serve $PO$0RT\n')).toBe(
      '"$PORT" here is not the build argument of line 2: build arguments do not reach the running container, so it is the environment\'s "PORT" and there is nothing here to rename.',
    );
    expect(await refusal('FROM alpine\nARG PORT=80\nONBUILD RUN echo $PO$0RT\n')).toBe(
      '"$PORT" here is not the build argument of line 2: build arguments do not reach the later build that runs this ONBUILD trigger, so it is the environment\'s "PORT" and there is nothing here to rename.',
    );
    expect(await refusal('FROM alpine\nFROM scratch\nCOPY --from=0$0 /a /b\n')).toBe('Stage 0 has no name to rename; give it one with "AS <name>" on its FROM line.');
    expect(await refusal('FROM alpine AS base\nFROM scratch\nCOPY --from=0$0 /a /b\n')).toBe(
      'This refers to stage "base" by its index; rename the stage at its "AS base".',
    );
    // A COPY heredoc's name is also the name of the file it creates.
    expect(await refusal('FROM nginx\nCOPY <<robots$0.txt /usr/share/nginx/html/\nUser-agent: *\nrobots.txt\n')).toBe(
      'COPY creates a file named "robots.txt" from this heredoc (the name shows whenever the destination is a directory), so renaming it would change the image.',
    );
    // A predefined build argument gets its value from the build by its name: nothing declares it, or renaming the ARG would lose that value.
    expect(await refusal('FROM --platform=$BUILDPLAT$0FORM alpine\n')).toBe(
      '"BUILDPLATFORM" is a build argument BuildKit predefines, not declared in this Dockerfile, so there is nothing here to rename.',
    );
    expect(await refusal('FROM alpine\nARG TARGETARCH\nRUN echo $TARGET$0ARCH\n')).toBe(
      '"TARGETARCH" is a build argument BuildKit predefines: under another name the ARG would no longer get the value the build gives "TARGETARCH".',
    );
    expect(await refusal('ARG HTTP_PR$0OXY\nFROM alpine\nARG HTTP_PROXY\n')).toBe(
      '"HTTP_PROXY" is a build argument BuildKit predefines: under another name the ARG would no longer get the value the build gives "HTTP_PROXY".',
    );
    // A stage an ONBUILD trigger names for a stage of this file that runs it (FROM base): the trigger's
    // name is looked up where it runs, here and in other builds, so it cannot follow a rename.
    expect(await refusal('FROM alpine AS to$0ols\nFROM alpine AS base\nONBUILD COPY --from=tools /x /y\nFROM base\n')).toBe(
      'The ONBUILD trigger on line 3 names this stage for the stage on line 4, which runs it; a rename cannot change the trigger, whose name other builds read too, so rename both by hand.',
    );
    // Known before any new name is typed: a FROM that names the stage through a variable.
    expect(await refusal('ARG V=prod\nFROM alpine AS base-pr$0od\nFROM base-${V}\n')).toBe(
      '"FROM base-${V}" on line 3 names this stage through variables or quotes, which a rename cannot follow; rename it there by hand.',
    );
  });
});

describe('rename', () => {
  it('a global ARG with its FROM uses and stage re-declarations', async () => {
    await checkRename(
      'ARG TAG=3.20\nFROM alpine:${TAG}\nARG TAG\nRUN echo $TA$0G\nFROM alpine\nARG TAG=1\nRUN echo $TAG\n',
      'ALPINE_TAG',
      'ARG ALPINE_TAG=3.20\nFROM alpine:${ALPINE_TAG}\nARG ALPINE_TAG\nRUN echo $ALPINE_TAG\nFROM alpine\nARG TAG=1\nRUN echo $TAG\n',
    );
  });

  it('one name of a multi-name ARG, and an ARG that ENV shadows', async () => {
    await checkRename('FROM alpine\nARG a=1 b$0=2\nRUN echo $a $b\n', 'c', 'FROM alpine\nARG a=1 c=2\nRUN echo $a $c\n');
    await checkRename('FROM alpine\nARG V$0=1\nENV V=${V}-x\nRUN echo $V\n', 'BASE', 'FROM alpine\nARG BASE=1\nENV V=${BASE}-x\nRUN echo $V\n');
  });

  it('a stage: FROM gets the lower-cased name, --from and mounts the name as typed, indexes stay', async () => {
    await checkRename(
      'FROM golang AS build$0\nFROM build AS test\nCOPY --from=BUILD /a /b\nRUN --mount=from=build,target=/c true\nCOPY --from=0 /d /e\nFROM Build\n',
      'Compile',
      'FROM golang AS Compile\nFROM compile AS test\nCOPY --from=Compile /a /b\nRUN --mount=from=Compile,target=/c true\nCOPY --from=0 /d /e\nFROM Build\n',
    );
  });

  it('a heredoc keeps its quotes and its tabs', async () => {
    await checkRename('FROM alpine\nRUN <<-"EOF" cat\n\techo hi\n\tE$0OF\n', 'END', 'FROM alpine\nRUN <<-"END" cat\n\techo hi\n\tEND\n');
    await checkRename("FROM alpine\nRUN <<E'O'F$0 cat\nhi\nEOF\n", 'END', "FROM alpine\nRUN <<'END' cat\nhi\nEND\n");
  });

  it('answers changes to a client without documentChanges', async () => {
    const plain = await LspTestClient.start({ capabilities: { workspace: { workspaceEdit: { documentChanges: false } }, textDocument: { rename: { prepareSupport: false } } } });
    try {
      expect(plain.initializeResult.capabilities.renameProvider).toBe(true);
      const { uri, position } = await openFixture('FROM alpine AS a$0\nFROM a\n', plain);
      const edit = await plain.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'b' });
      expect(edit).toEqual({ changes: { [uri]: [{ range: range(0, 15, 0, 16), newText: 'b' }, { range: range(1, 5, 1, 6), newText: 'b' }] } });
    } finally {
      await plain.stop();
    }
  });

  describe('refuses names that would break or change the build', () => {
    it('invalid names', async () => {
      await checkRefused('FROM alpine\nARG V$0=1\n', '1V', '"1V" is not a valid variable name: use letters, digits and "_", not starting with a digit.');
      await checkRefused('FROM alpine AS a$0\n', '9lives', '"9lives" is not a valid stage name: BuildKit wants a letter from a to z first, then such letters, digits, "-", "_" or ".".');
      await checkRefused(
        'FROM alpine\nRUN <<EOF$0\nx\nEOF\n',
        'END OF',
        '"END OF" is not a good heredoc delimiter: use letters, digits, "_", "." or "-", starting with a letter, digit or "_".',
      );
    });

    it('variable names already in use where the variable is', async () => {
      await checkRefused('FROM alpine\nARG A$0=1 B=2\nRUN echo $A $B\n', 'B', '"B" is already declared on line 2; renaming would change which value its uses get.');
      await checkRefused('FROM alpine\nARG A$0=1\nRUN echo $A $HOME\n', 'HOME', '"$HOME" is already used on line 3; renaming would change what it refers to.');
      await checkRefused('ARG A$0=1\nFROM alpine:$A\nARG B\n', 'B', '"B" is already declared on line 3; renaming would change which value its uses get.');
      await checkRefused('FROM alpine\nARG A$0=1\n', 'TARGETARCH', '"TARGETARCH" is a build argument BuildKit predefines; the ARG would take its value.');
    });

    it('a name the shell sets in a command that reads the variable', async () => {
      await checkRefused(
        'FROM alpine\nARG A$0=1\nRUN B=5; echo $A\n',
        'B',
        'The shell sets "B" itself on line 3, in a command that reads this variable; after the rename "$B" there would read the shell\'s value.',
      );
    });

    it('a heredoc name another heredoc of the instruction has', async () => {
      await checkRefused('FROM alpine\nRUN cat <<A <<B$0\nx\nA\ny\nB\n', 'A', 'Another heredoc of this instruction (on line 2) is already named "A".');
    });

    it('PATH, which every RUN reads, for an ARG or an ENV', async () => {
      const message = '"PATH" is where every later RUN looks for programs (BuildKit always sets it); a variable of that name would change how they run.';
      await checkRefused('FROM alpine\nENV E$0=1\nRUN echo $E\n', 'PATH', message);
      await checkRefused('FROM alpine\nARG A$0=1\n', 'PATH', message);
    });

    it('stage names taken, reserved, or naming an image', async () => {
      await checkRefused('FROM alpine AS a$0\nFROM alpine AS b\n', 'B', 'A stage named "b" already exists on line 2.');
      await checkRefused('FROM alpine AS a$0\n', 'scratch', '"scratch" is reserved: "FROM scratch" means the empty image.');
      await checkRefused('FROM alpine AS a$0\nFROM golang\n', 'golang', '"golang" on line 2 names an image; it would then refer to this stage instead.');
    });

    it('a stage that a FROM names through a variable', async () => {
      await checkRefused(
        'ARG V=prod\nFROM alpine AS base-pr$0od\nFROM base-${V}\n',
        'base-live',
        '"FROM base-${V}" on line 3 names this stage through variables or quotes, which a rename cannot follow; rename it there by hand.',
      );
    });

    it('a delimiter that is a line of the body', async () => {
      await checkRefused('FROM alpine\nRUN <<EOF$0\necho\nEND\nEOF\n', 'END', 'Line 4 of the heredoc body is "END": it would end the heredoc early.');
    });
  });

  it('renames a --mount from= and a COPY --from that name a stage further down', async () => {
    await checkRename('FROM alpine AS a\nRUN --mount=from=later,target=/t true\nFROM alpine AS lat$0er\n', 'tools', 'FROM alpine AS a\nRUN --mount=from=tools,target=/t true\nFROM alpine AS tools\n');
    await checkRename('FROM alpine AS a\nCOPY --from=later /x /y\nFROM alpine AS lat$0er\n', 'tools', 'FROM alpine AS a\nCOPY --from=tools /x /y\nFROM alpine AS tools\n');
  });

  it('allows an ENV to take the name of a predefined ARG, which it does not read', async () => {
    await checkRename('FROM alpine\nENV E$0=1\nRUN echo $E\n', 'TARGETARCH', 'FROM alpine\nENV TARGETARCH=1\nRUN echo $TARGETARCH\n');
    // An ENV of a predefined name is just an ENV: it renames.
    await checkRename('FROM alpine\nENV TARGET$0ARCH=1\nRUN echo $TARGETARCH\n', 'ARCH', 'FROM alpine\nENV ARCH=1\nRUN echo $ARCH\n');
    // A trigger no stage of this file runs names a stage of the builds FROM this image: the rename leaves it.
    await checkRename('FROM alpine AS to$0ols\nFROM alpine AS base\nONBUILD COPY --from=tools /x /y\n', 'kit', 'FROM alpine AS kit\nFROM alpine AS base\nONBUILD COPY --from=tools /x /y\n');
  });

  it('allows a name that only an earlier FROM uses as an image', async () => {
    await checkRename('FROM golang\nFROM alpine AS a$0\n', 'golang', 'FROM golang\nFROM alpine AS golang\n');
  });
});
