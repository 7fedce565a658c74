// Variables in ONBUILD triggers at the service level: a build FROM the stage runs the triggers in
// order, so a trigger sees the earlier `ONBUILD ARG` and `ONBUILD ENV` of its stage (and the ENV
// the image keeps), and every feature that reads the model's resolution follows it: hover,
// definition, references, highlights, rename and inlay hints.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentHighlightKind, type Range } from 'vscode-languageserver-types';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { getHover } from '../../../server/src/services/hover';
import { getInlayHints } from '../../../server/src/services/inlayHints';
import { findDefinition } from '../../../server/src/services/navigation/definition';
import { getDocumentHighlights } from '../../../server/src/services/navigation/highlight';
import { findReferences } from '../../../server/src/services/navigation/references';
import { rename } from '../../../server/src/services/navigation/rename';
import { SyntaxTree } from '../../../server/src/syntax';
import { parseFixture, type Fixture } from '../../lsp/fixture';

const URI = 'file:///onbuild/Dockerfile';

function open(source: string): { doc: AnalyzedDocument; fixture: Fixture; document: TextDocument } {
  const fixture = parseFixture(source);
  const document = TextDocument.create(URI, 'dockerfile', 1, fixture.text);
  return { doc: analyzedDocument(document, SyntaxTree.parse(fixture.text)), fixture, document };
}

const TRIGGERS = [
  'FROM alpine AS base',
  'ENV HOME_DIR=/srv',
  'ARG MODE=dev',
  'ONBUILD ARG V=1',
  'ONBUILD ENV W=${V}/x',
  'ONBUILD RUN echo $V $W $HOME_DIR $MODE',
  'ONBUILD CMD echo $V $W',
  'FROM base',
  'RUN echo $V $W',
  '',
].join('\n');

/** TRIGGERS with the `n`th (from 0) occurrence of `text` marked: `$[` before and `$]` after, `$0` at `cursor` inside it. */
function mark(source: string, text: string, n: number, cursor?: number): string {
  let at = -1;
  for (let i = 0; i <= n; i++) at = source.indexOf(text, at + 1);
  const inner = cursor === undefined ? text : `${text.slice(0, cursor)}$0${text.slice(cursor)}`;
  return `${source.slice(0, at)}$[${inner}$]${source.slice(at + text.length)}`;
}

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

describe('variables in ONBUILD triggers see the earlier ONBUILD ARG and ENV of the stage', () => {
  it('definition: from a use in a later trigger to the ONBUILD declaration', () => {
    const { doc, fixture } = open(mark(TRIGGERS, '${V}', 0, 2));
    expect(fixture.cursor).toEqual({ line: 4, character: 16 });
    expect(findDefinition(doc, fixture.cursor!)).toEqual([{ uri: URI, range: range(3, 12, 13) }]);
    // `$W` in the RUN trigger: the ONBUILD ENV on line 5.
    const run = open(mark(TRIGGERS, '$W', 0, 1));
    expect(findDefinition(run.doc, run.fixture.cursor!)).toEqual([{ uri: URI, range: range(4, 12, 13) }]);
  });

  it('references and highlights: the declaration, the uses in the later triggers and in the stage built FROM it', () => {
    const { doc, fixture } = open(mark(TRIGGERS, 'V=1', 0, 0));
    expect(findReferences(doc, fixture.cursor!, true)).toEqual([
      { uri: URI, range: range(3, 12, 13) },
      { uri: URI, range: range(4, 16, 17) },
      { uri: URI, range: range(5, 18, 19) },
      // Not `$V` of the ONBUILD CMD: a container sees ENV only, and V is an ARG.
      { uri: URI, range: range(8, 10, 11) },
    ]);
    const w = open(mark(TRIGGERS, '$W', 0, 2));
    expect(getDocumentHighlights(w.doc, w.fixture.cursor!)).toEqual([
      { range: range(4, 12, 13), kind: DocumentHighlightKind.Write },
      { range: range(5, 21, 22), kind: DocumentHighlightKind.Read },
      { range: range(6, 21, 22), kind: DocumentHighlightKind.Read },
      { range: range(8, 13, 14), kind: DocumentHighlightKind.Read },
    ]);
  });

  it('rename: the declaration and every use a later trigger or stage makes of it', () => {
    const { doc, fixture, document } = open(mark(TRIGGERS, '$V', 0, 1));
    const edits = rename(doc, fixture.cursor!, 'VERSION');
    expect(Array.isArray(edits)).toBe(true);
    expect(TextDocument.applyEdits(document, edits as never)).toBe(
      [
        'FROM alpine AS base',
        'ENV HOME_DIR=/srv',
        'ARG MODE=dev',
        'ONBUILD ARG VERSION=1',
        'ONBUILD ENV W=${VERSION}/x',
        'ONBUILD RUN echo $VERSION $W $HOME_DIR $MODE',
        // The container's `$V` is not this build argument: it stays.
        'ONBUILD CMD echo $V $W',
        'FROM base',
        'RUN echo $VERSION $W',
        '',
      ].join('\n'),
    );
  });

  it('hover: the ONBUILD declaration, its value there, and that an earlier trigger of the stage sets it', () => {
    const { doc, fixture } = open(mark(TRIGGERS, '$W', 0, 1));
    expect(getHover(doc, fixture.cursor!, 'markdown')).toEqual({
      contents: {
        kind: 'markdown',
        value: [
          '**`W`** environment variable (`ONBUILD ENV`)',
          'Value here: `1/x`',
          'Declared on line 5: `ONBUILD ENV W=${V}/x`',
          'Set by an earlier trigger of this stage: a build `FROM` this one runs the `ONBUILD` instructions in order, so this trigger sees it.',
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      },
      range: fixture.ranges[0],
    });
    // The declaration has the value the earlier trigger gives it.
    const declaration = open(mark(TRIGGERS, 'W', 0, 0));
    expect(getHover(declaration.doc, declaration.fixture.cursor!, 'markdown')?.contents).toEqual({
      kind: 'markdown',
      value: [
        '**`W`** environment variable (`ONBUILD ENV`)',
        'Value: `1/x`',
        'Declared here, on line 5: `ONBUILD ENV W=${V}/x`',
        'Not set in this stage: the trigger runs in each stage or image built `FROM` this one, before its own instructions, and sets it there, where the later triggers of this stage see it too.',
      ].join('\n\n'),
    });
  });

  it('inlay hints: the values a later build gives the uses as it runs the triggers, none for a container or a build argument of the stage itself', () => {
    const { doc } = open(TRIGGERS);
    const hints = getInlayHints(doc, undefined, { enable: true, variableValues: true, stageIndexes: false });
    expect(hints.map((h) => [h.position, h.label, h.tooltip])).toEqual([
      [{ line: 4, character: 18 }, '= 1', 'V is "1": the default of the ONBUILD ARG on line 4 (--build-arg V=... overrides it).'],
      [{ line: 5, character: 19 }, '= 1', 'V is "1": the default of the ONBUILD ARG on line 4 (--build-arg V=... overrides it).'],
      [{ line: 5, character: 22 }, '= 1/x', 'W is "1/x": set by the ONBUILD ENV on line 5. It follows ONBUILD ARG V (line 4), which --build-arg can change.'],
      [{ line: 5, character: 32 }, '= /srv', 'HOME_DIR is "/srv": set by ENV on line 2.'],
      [{ line: 8, character: 11 }, '= 1', 'V is "1": the default of the ONBUILD ARG on line 4 (--build-arg V=... overrides it).'],
      [{ line: 8, character: 14 }, '= 1/x', 'W is "1/x": set by the ONBUILD ENV on line 5. It follows ONBUILD ARG V (line 4), which --build-arg can change.'],
    ]);
  });
});

describe('variables in the heredoc bodies of ONBUILD triggers, which BuildKit keeps with the trigger', () => {
  // The body of an unquoted COPY heredoc is expanded where the trigger runs, a RUN heredoc's by that
  // build's shell: both resolve as the trigger's other words do. A quoted marker keeps the body as written.
  const HEREDOCS = [
    'FROM alpine AS base',
    'ONBUILD ARG V=1',
    'ONBUILD COPY <<EOF /etc/app.conf',
    'v=$V',
    'EOF',
    'ONBUILD RUN <<EOF',
    'echo "$V"',
    'EOF',
    "ONBUILD COPY <<'EOF' /etc/kept.conf",
    'v=$V',
    'EOF',
    'FROM base',
    '',
  ].join('\n');

  it('references and rename reach the bodies, not the quoted one', () => {
    const { doc, fixture, document } = open(mark(HEREDOCS, '$V', 0, 1));
    expect(fixture.cursor).toEqual({ line: 3, character: 3 });
    expect(findReferences(doc, fixture.cursor!, true)).toEqual([
      { uri: URI, range: range(1, 12, 13) },
      { uri: URI, range: range(3, 3, 4) },
      { uri: URI, range: range(6, 7, 8) },
    ]);
    const edits = rename(doc, fixture.cursor!, 'VERSION');
    expect(TextDocument.applyEdits(document, edits as never).split('\n').filter((line) => line.includes('V'))).toEqual([
      'ONBUILD ARG VERSION=1',
      'v=$VERSION',
      'echo "$VERSION"',
      'v=$V',
    ]);
  });

  it('hover: the ONBUILD ARG an earlier trigger sets, with its value there', () => {
    const { doc, fixture } = open(mark(HEREDOCS, '$V', 0, 1));
    expect(getHover(doc, fixture.cursor!, 'markdown')?.contents).toEqual({
      kind: 'markdown',
      value: [
        '**`V`** build argument (`ONBUILD ARG`)',
        'Value here: `1`',
        'A `--build-arg V=<value>` given to the build that runs the trigger overrides the default.',
        'Declared on line 2: `ONBUILD ARG V=1`',
        'Set by an earlier trigger of this stage: a build `FROM` this one runs the `ONBUILD` instructions in order, so this trigger sees it.',
        "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
      ].join('\n\n'),
    });
  });
});
