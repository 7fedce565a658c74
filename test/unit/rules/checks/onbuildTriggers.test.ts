// The checks BuildKit runs on ONBUILD triggers where they run: in a stage of the file built FROM
// the stage that has them, reported at that stage's FROM (dockerfile2llb initOnBuildTriggers gives
// the parsed trigger the stage's location), and only in stages the last stage needs.

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../../../server/src/languageService';
import { analyze, checkDiagnostics, checkFix, diagnosticsOf, fixTitles } from '../harness';

const service = createLanguageService();

/** The text `text` becomes with the edits of `action`. */
function applied(text: string, action: CodeAction | undefined): string {
  const edits = Object.values(action?.edit?.changes ?? {}).flat();
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), edits);
}

const legacy = (line: number, written: string, keyword: string, rewrite: string) =>
  `The ONBUILD on line ${line} runs first in this stage: '${written}' is the legacy form, whose value runs to the end of the line; write ${keyword} ${rewrite}.`;
const secret = (line: number, keyword: string, name: string) =>
  `The ONBUILD on line ${line} runs first in this stage: ${keyword} '${name}' looks like it holds a secret; ${keyword} values stay in the image metadata and history. Pass secrets with RUN --mount=type=secret instead.`;

describe('checks on ONBUILD triggers', () => {
  it('reports a trigger at the base image of the stage that runs it, never at the ONBUILD', () => {
    checkDiagnostics(
      [
        'FROM alpine AS base',
        'ONBUILD ENV APP /srv/app',
        'ONBUILD LABEL owner team',
        'ONBUILD ARG API_TOKEN',
        'ONBUILD ENV DB_PASSWORD=x',
        'ONBUILD ENV OK=1',
        'FROM $[$[$[$[base$]$]$]$]',
        'RUN true',
        '',
      ].join('\n'),
      [
        { code: 'LegacyKeyValueFormat', message: legacy(2, 'ENV APP /srv/app', 'ENV', 'APP=/srv/app') },
        { code: 'LegacyKeyValueFormat', message: legacy(3, 'LABEL owner team', 'LABEL', 'owner=team') },
        { code: 'SecretsUsedInArgOrEnv', message: secret(4, 'ARG', 'API_TOKEN') },
        { code: 'SecretsUsedInArgOrEnv', message: secret(5, 'ENV', 'DB_PASSWORD') },
      ],
    );
  });

  it('reports nothing for triggers no stage of the file runs', () => {
    checkDiagnostics(['FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'ONBUILD ARG API_TOKEN', ''].join('\n'), []);
  });

  it('reports in each stage the last one needs (built FROM, COPY --from), not in the others', () => {
    checkDiagnostics(
      [
        'FROM alpine AS base',
        'ONBUILD ENV APP /srv/app',
        'FROM base AS unused',
        'FROM $[base$] AS copied',
        'FROM $[base$] AS parent',
        'FROM parent',
        'COPY --from=copied /a /b',
        '',
      ].join('\n'),
      [
        { code: 'LegacyKeyValueFormat', message: legacy(2, 'ENV APP /srv/app', 'ENV', 'APP=/srv/app') },
        { code: 'LegacyKeyValueFormat', message: legacy(2, 'ENV APP /srv/app', 'ENV', 'APP=/srv/app') },
      ],
    );
  });

  it('reports in a stage the build needs only because a trigger of another base copies from it', () => {
    // The last stage runs builder's ONBUILD COPY --from=tool, so BuildKit builds tool, which runs base's triggers.
    checkDiagnostics(
      [
        'FROM alpine AS base',
        'ONBUILD ENV APP /srv/app',
        'FROM $[base$] AS tool',
        'FROM alpine AS builder',
        'ONBUILD COPY --from=tool /x /y',
        'FROM builder',
        '',
      ].join('\n'),
      [{ code: 'LegacyKeyValueFormat', message: legacy(2, 'ENV APP /srv/app', 'ENV', 'APP=/srv/app') }],
    );
  });

  it('follows the file\'s check configuration', () => {
    checkDiagnostics(
      ['# check=skip=LegacyKeyValueFormat', 'FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'ONBUILD ARG API_TOKEN', 'FROM $[base$]', ''].join('\n'),
      [{ code: 'SecretsUsedInArgOrEnv', message: secret(4, 'ARG', 'API_TOKEN') }],
    );
  });
});

const ran = (line: number, message: string) => `The ONBUILD on line ${line} runs first in this stage: ${message}`;
const jsonArgs = (keyword: string) =>
  `${keyword} in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: ${keyword} ["executable", "arg"].`;
const undefinedVar = (name: string, rest = '') =>
  `'$${name}' is not defined where this trigger runs (what the stage it is built FROM ends with, and the ONBUILD ARG and ENV lines before it), so it expands to an empty string${rest}.`;
const replaced = (keyword: string, by: string) => `its ${keyword} has no effect: ${by} replaces it, because only the last one in a stage counts.`;

/** The diagnostics of `codes`, each as [code, line, first column, last column, message] (0-based lines). */
function found(lines: readonly string[], codes: readonly string[]): [string, number, number, number, string][] {
  return diagnosticsOf([...lines, ''].join('\n'))
    .filter((d) => codes.includes(String(d.code)))
    .map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.character, String(d.message)]);
}

describe('checks on ONBUILD triggers that read the state of the stage running them', () => {
  it("UndefinedVar: sees what the base stage ends with (ARGs too) and earlier ONBUILD ARG/ENV, not the stage's own", () => {
    const lines = [
      'FROM alpine AS base',
      'ARG VERSION=1',
      'ENV HOME_DIR=/srv',
      'ONBUILD ENV A=$VERSION B=$HOME_DIR',
      'ONBUILD ARG SEEN=$A',
      'ONBUILD LABEL v=$SEEN w=$LATER x=$MISSING y=$MISSING z=$VERSON',
      'ONBUILD ENV LATER=1 C=$LATER',
      'ONBUILD ARG ONE=1 TWO=$ONE',
      'ONBUILD RUN echo $NOT_EXPANDED_BY_BUILDER',
      'ONBUILD EXPOSE $PORT',
      'FROM base',
      'ARG LATER=2',
      'RUN true',
    ];
    expect(found(lines, ['UndefinedVar'])).toEqual([
      ['UndefinedVar', 10, 5, 9, ran(6, undefinedVar('LATER'))],
      ['UndefinedVar', 10, 5, 9, ran(6, undefinedVar('MISSING'))],
      ['UndefinedVar', 10, 5, 9, ran(6, undefinedVar('MISSING'))],
      ['UndefinedVar', 10, 5, 9, ran(6, undefinedVar('VERSON', " (did you mean '$VERSION'?)"))],
      ['UndefinedVar', 10, 5, 9, ran(7, undefinedVar('LATER'))],
    ]);
  });

  it('UndefinedVar: an ONBUILD ENV with a variable key sets the name its key expands to where it runs (the ARGs of its stage too)', () => {
    const lines = [
      'FROM alpine AS base',
      'ARG KEY=FOO',
      'ONBUILD LABEL before=$FOO',
      'ONBUILD ENV $KEY=bar',
      'ONBUILD LABEL after=$FOO typo=$FOOO',
      'COPY $FOO /x',
      'FROM base',
      'COPY $FOO /x',
    ];
    expect(found(lines, ['UndefinedVar'])).toEqual([
      ['UndefinedVar', 5, 5, 9, "'$FOO' is not defined here, so it expands to an empty string. Declare it with ARG or ENV in this stage."],
      ['UndefinedVar', 6, 5, 9, ran(3, undefinedVar('FOO'))],
      ['UndefinedVar', 6, 5, 9, ran(5, undefinedVar('FOOO', " (did you mean '$FOO'?)"))],
    ]);
  });

  it('UndefinedVar: a global ARG reaches the trigger only through an ARG of the stage', () => {
    const lines = ['ARG REGISTRY=docker.io', 'FROM alpine AS base', 'ONBUILD LABEL from=$REGISTRY', 'FROM base'];
    expect(found(lines, ['UndefinedVar'])).toEqual([
      [
        'UndefinedVar',
        3,
        5,
        9,
        ran(
          3,
          "'$REGISTRY' is not defined where this trigger runs (what the stage it is built FROM ends with, and the ONBUILD ARG and ENV lines before it), so it expands to an empty string: the global ARG REGISTRY is visible only in FROM lines. Add 'ARG REGISTRY' to that stage or to the trigger's.",
        ),
      ],
    ]);
    expect(found(['ARG REGISTRY=docker.io', 'FROM alpine AS base', 'ARG REGISTRY', 'ONBUILD LABEL from=$REGISTRY', 'FROM base'], ['UndefinedVar'])).toEqual([]);
  });

  it('UndefinedVar: a name the registry image at the root of the FROM chain sets is defined where the trigger runs', () => {
    // golang sets GOPATH; alpine sets no such name, and the trigger's stage chain decides, not the stage's own FROM line.
    const golang = ['FROM golang:1.22 AS base', 'ONBUILD WORKDIR $GOPATH/src', 'ONBUILD LABEL os=$OS_NAME', 'FROM base AS app'];
    expect(found(golang, ['UndefinedVar'])).toEqual([['UndefinedVar', 3, 5, 9, ran(3, undefinedVar('OS_NAME'))]]);
    const alpine = ['FROM alpine AS other', 'ONBUILD WORKDIR $GOPATH', 'FROM other'];
    expect(found(alpine, ['UndefinedVar'])).toEqual([['UndefinedVar', 2, 5, 10, ran(2, undefinedVar('GOPATH', " (did you mean '$PATH'?)"))]]);
  });

  it("UndefinedVar: the body of a trigger's COPY or ADD heredoc, which BuildKit expands where the trigger runs", () => {
    // BuildKit keeps each heredoc's body after the trigger's line and parses the whole again in the
    // stage built FROM base, so an unquoted COPY/ADD body is expanded there like any other word of the
    // trigger: once per name and body. A quoted marker keeps the body as written; a RUN body is the shell's.
    const lines = [
      'FROM alpine AS base',
      'ARG VERSION=1',
      'ONBUILD ENV HOME_DIR=/srv',
      'ONBUILD COPY <<EOF /etc/app.conf',
      'version=$VERSION home=${HOME_DIR} a=$MISSING b=$MISSING',
      'FROM scratch',
      'EOF',
      'ONBUILD ADD <<-EOF /etc/other.conf',
      '\tmode=$MODE',
      '\tEOF',
      "ONBUILD COPY <<'EOF' /etc/quoted.conf",
      'kept=$QUOTED',
      'EOF',
      'ONBUILD RUN <<EOF',
      'echo "$SHELL_ONLY"',
      'EOF',
      'FROM base',
      'RUN true',
    ];
    expect(found(lines, ['UndefinedVar'])).toEqual([
      ['UndefinedVar', 16, 5, 9, ran(4, undefinedVar('MISSING'))],
      ['UndefinedVar', 16, 5, 9, ran(8, undefinedVar('MODE'))],
    ]);
    // Defined where the trigger runs: an earlier ONBUILD ARG, or an ARG of the base stage.
    const defined = ['FROM alpine AS base', 'ARG MODE=prod', 'ONBUILD ARG NAME=app', 'ONBUILD COPY <<EOF /etc/app.conf', '$NAME $MODE', 'EOF', 'FROM base'];
    expect(found(defined, ['UndefinedVar'])).toEqual([]);
  });

  it('JSONArgsRecommended: a shell-form ONBUILD CMD or ENTRYPOINT unless the base or an earlier trigger set a SHELL', () => {
    const lines = [
      'FROM alpine AS base',
      'ONBUILD CMD serve --port 80',
      'ONBUILD SHELL ["/bin/bash", "-c"]',
      'ONBUILD ENTRYPOINT run.sh',
      'FROM base',
      'FROM alpine AS shelled',
      'SHELL ["/bin/ash", "-c"]',
      'ONBUILD CMD serve',
      'FROM shelled',
      'COPY --from=1 /a /b',
    ];
    expect(found(lines, ['JSONArgsRecommended'])).toEqual([['JSONArgsRecommended', 4, 5, 9, ran(2, jsonArgs('CMD'))]]);
  });

  it('WorkdirRelativePath: the first ONBUILD WORKDIR when the base stage set none', () => {
    const lines = [
      'FROM alpine AS base',
      'ARG APP=app',
      'ONBUILD WORKDIR $APP/src',
      'ONBUILD WORKDIR lib',
      'FROM base',
      'WORKDIR more',
      'FROM alpine AS rooted',
      'WORKDIR /srv',
      'ONBUILD WORKDIR app',
      'FROM rooted',
      'COPY --from=1 /a /b',
    ];
    expect(found(lines, ['WorkdirRelativePath'])).toEqual([
      [
        'WorkdirRelativePath',
        4,
        5,
        9,
        ran(3, "WORKDIR 'app/src' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'."),
      ],
    ]);
  });

  it("WorkdirRelativePath: with '# escape=`', the path BuildKit reads where the trigger runs, where a '\\' that ends it continues the line", () => {
    expect(found(['# escape=`', 'FROM alpine AS base', 'ONBUILD WORKDIR app\\', 'FROM base'], ['WorkdirRelativePath'])).toEqual([
      ['WorkdirRelativePath', 3, 5, 9, ran(3, "WORKDIR 'app' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.")],
    ]);
  });

  it('MultipleInstructionsDisallowed: an ONBUILD CMD replaced by a later trigger or by the stage itself', () => {
    const lines = [
      'FROM alpine AS base',
      'CMD ["base"]',
      'ONBUILD CMD ["one"]',
      'ONBUILD HEALTHCHECK NONE',
      'ONBUILD CMD ["two"]',
      'ONBUILD ENTRYPOINT ["entry"]',
      'FROM base',
      'CMD ["own"]',
      'HEALTHCHECK NONE',
    ];
    expect(found(lines, ['MultipleInstructionsDisallowed'])).toEqual([
      ['MultipleInstructionsDisallowed', 6, 5, 9, ran(3, replaced('CMD', 'the ONBUILD CMD on line 5, which runs after it,'))],
      ['MultipleInstructionsDisallowed', 6, 5, 9, ran(4, replaced('HEALTHCHECK', "this stage's HEALTHCHECK on line 9"))],
      ['MultipleInstructionsDisallowed', 6, 5, 9, ran(5, replaced('CMD', "this stage's CMD on line 8"))],
    ]);
  });

  it('offers the skip actions for a trigger warning, at the FROM that reports it, and fixes on the ONBUILD line', () => {
    const fixture = ['# syntax=docker/dockerfile:1.21', '', 'FROM alpine AS base', 'ONBUILD CMD serve', 'FROM $[base$]', ''].join('\n');
    expect(fixTitles(fixture.replace('$[', '').replace('$]', ''), 'JSONArgsRecommended')).toEqual([
      'Use the JSON form ["serve"] in the ONBUILD on line 4',
      'Skip JSONArgsRecommended for this instruction',
      'Skip JSONArgsRecommended in this file',
    ]);
    checkFix(
      ['FROM alpine AS base', 'ONBUILD CMD serve --port 80', 'FROM base', ''].join('\n'),
      'JSONArgsRecommended',
      'Use the JSON form ["serve", "--port", "80"] in the ONBUILD on line 2',
      ['FROM alpine AS base', 'ONBUILD CMD ["serve", "--port", "80"]', 'FROM base', ''].join('\n'),
    );
    checkFix(
      ['FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Skip LegacyKeyValueFormat in this file',
      ['# check=skip=LegacyKeyValueFormat', 'FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'FROM base', ''].join('\n'),
    );
    checkFix(
      ['FROM alpine AS base', 'ONBUILD WORKDIR app', 'FROM base', ''].join('\n'),
      'WorkdirRelativePath',
      'Skip WorkdirRelativePath in this file',
      ['# check=skip=WorkdirRelativePath', 'FROM alpine AS base', 'ONBUILD WORKDIR app', 'FROM base', ''].join('\n'),
    );
  });

  it('LegacyKeyValueFormat: fixes the trigger on its ONBUILD line as an ENV or LABEL of the stage is fixed, never preferred', () => {
    expect(fixTitles(['FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'FROM base', ''].join('\n'), 'LegacyKeyValueFormat')).toEqual([
      'Write APP=/srv/app in the ONBUILD on line 2',
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
    ]);
    checkFix(
      ['FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Write APP=/srv/app in the ONBUILD on line 2',
      ['FROM alpine AS base', 'ONBUILD ENV APP=/srv/app', 'FROM base', ''].join('\n'),
    );
    // White space outside quotes escaped, quotes kept, as the ordinary fix writes them; a lowercase trigger keyword too.
    checkFix(
      ['FROM alpine AS base', 'onbuild label owner Jane  "the team"', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Write owner=Jane\\ \\ "the team" in the ONBUILD on line 2',
      ['FROM alpine AS base', 'onbuild label owner=Jane\\ \\ "the team"', 'FROM base', ''].join('\n'),
    );
    // Continued over lines, as the ordinary fix: the escaped line break stays.
    checkFix(
      ['FROM alpine AS base', 'ONBUILD ENV A 1 \\', '  2', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Write A=1\\ \\ \\ 2 in the ONBUILD on line 2',
      ['FROM alpine AS base', 'ONBUILD ENV A=1\\ \\ \\ 2', 'FROM base', ''].join('\n'),
    );
  });

  it('LegacyKeyValueFormat: the trigger fix gives the stage that runs it the same value', () => {
    for (const value of ['hello  big "wide world"', "'single quoted' rest", 'x\\ y', '"a b" c', 'tab\there']) {
      const before = ['FROM alpine AS base', `ONBUILD ENV V ${value}`, 'FROM base', 'RUN true', ''].join('\n');
      const actions = service.getCodeActions(analyze(before), { diagnostics: diagnosticsOf(before, {}, 'LegacyKeyValueFormat') });
      const fix = actions.find((action) => action.title.startsWith('Write '));
      expect(fix?.title, value).toMatch(/ in the ONBUILD on line 2$/);
      const after = applied(before, fix);
      expect(after).not.toBe(before);
      const valueIn = (t: string) => analyze(t).model.declarations.find((d) => d.name === 'V')?.value;
      expect(valueIn(after), value).toBe(valueIn(before));
      expect(valueIn(before), value).toBeDefined();
    }
  });

  it('LegacyKeyValueFormat: fixes the trigger a diagnostic names when several run at the same FROM', () => {
    const text = ['FROM alpine AS base', 'ONBUILD ENV A 1', 'ONBUILD LABEL b 2', 'FROM base', ''].join('\n');
    const diagnostics = diagnosticsOf(text, {}, 'LegacyKeyValueFormat');
    expect(diagnostics.map((d) => [d.range, d.message])).toEqual([
      [{ start: { line: 3, character: 5 }, end: { line: 3, character: 9 } }, legacy(2, 'ENV A 1', 'ENV', 'A=1')],
      [{ start: { line: 3, character: 5 }, end: { line: 3, character: 9 } }, legacy(3, 'LABEL b 2', 'LABEL', 'b=2')],
    ]);
    const doc = analyze(text);
    const fixes = diagnostics.map((d) => service.getCodeActions(doc, { diagnostics: [d] })[0]);
    expect(fixes.map((f) => [f.title, f.isPreferred, f.edit?.changes?.[doc.uri]])).toEqual([
      ['Write A=1 in the ONBUILD on line 2', undefined, [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 15 } }, newText: 'A=1' }]],
      ['Write b=2 in the ONBUILD on line 3', undefined, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 17 } }, newText: 'b=2' }]],
    ]);
  });

  it('LegacyKeyValueFormat: one trigger run by several stages gets one edit of its line from each of their diagnostics', () => {
    const text = ['FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'FROM base AS one', 'FROM base AS two', 'COPY --from=one /a /b', ''].join('\n');
    const diagnostics = diagnosticsOf(text, {}, 'LegacyKeyValueFormat');
    expect(diagnostics.map((d) => d.range.start.line)).toEqual([2, 3]);
    const doc = analyze(text);
    // Sent together, as a selection over the file: one action, naming both.
    const actions = service.getCodeActions(doc, { diagnostics });
    expect(actions[0].title).toBe('Write APP=/srv/app in the ONBUILD on line 2');
    expect(actions[0].diagnostics).toHaveLength(2);
    expect(actions[0].edit?.changes?.[doc.uri]).toEqual([{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 24 } }, newText: 'APP=/srv/app' }]);
    const fixed = applied(text, actions[0]);
    expect(fixed).toBe(['FROM alpine AS base', 'ONBUILD ENV APP=/srv/app', 'FROM base AS one', 'FROM base AS two', 'COPY --from=one /a /b', ''].join('\n'));
    expect(diagnosticsOf(fixed, {}, 'LegacyKeyValueFormat')).toEqual([]);
  });

  it('LegacyKeyValueFormat: offers no trigger fix that would delete a comment line inside the pair', () => {
    expect(fixTitles(['FROM alpine AS base', 'ONBUILD ENV LONG a \\', '  # why', '  b', 'FROM base', ''].join('\n'), 'LegacyKeyValueFormat')).toEqual([
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
    ]);
  });

  it("LegacyKeyValueFormat: with '# escape=`', a trigger fix only when it needs no escape (BuildKit parses a trigger again with '\\\\' where it runs)", () => {
    // The ordinary fix would write `P=C:\a` b`; where the trigger runs, the backtick escapes nothing and `b` is a key without a value.
    // So the message does not suggest it either.
    checkDiagnostics(['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV P C:\\a b', 'FROM $[base$]', ''].join('\n'), [
      { code: 'LegacyKeyValueFormat', message: legacy(3, 'ENV P value', 'ENV', 'P=value') },
    ]);
    checkDiagnostics(['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV P C:\\app', 'FROM $[base$]', ''].join('\n'), [
      { code: 'LegacyKeyValueFormat', message: legacy(3, 'ENV P C:\\app', 'ENV', 'P=C:\\app') },
    ]);
    expect(fixTitles(['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV P C:\\a b', 'FROM base', ''].join('\n'), 'LegacyKeyValueFormat')).toEqual([
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
    ]);
    checkFix(
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV P C:\\app', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Write P=C:\\app in the ONBUILD on line 3',
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV P=C:\\app', 'FROM base', ''].join('\n'),
    );
    checkFix(
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD LABEL team "a b"', 'FROM base', ''].join('\n'),
      'LegacyKeyValueFormat',
      'Write team="a b" in the ONBUILD on line 3',
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD LABEL team="a b"', 'FROM base', ''].join('\n'),
    );
  });

  it("SecretsUsedInArgOrEnv: with '# escape=`', the names BuildKit reads where the trigger runs, parsed again with '\\'", () => {
    // Line 3 is one pair where it runs (`\ ` escapes the space), line 4 two (the backtick escapes nothing).
    checkDiagnostics(
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV DIR=C:\\app\\ API_TOKEN=x', 'ONBUILD ENV GREETING=hi` DB_PASSWORD=x', 'FROM $[base$]', ''].join('\n'),
      [{ code: 'SecretsUsedInArgOrEnv', message: secret(4, 'ENV', 'DB_PASSWORD') }],
    );
  });

  it("UndefinedVar: with '# escape=`', a name an ONBUILD ENV sets where BuildKit reads it otherwise than its line is not reported", () => {
    // One pair on the ONBUILD line (the backtick escapes the space); two where it runs: HOME_DIR is set there, in the trigger after it and in the stage.
    checkDiagnostics(
      ['# escape=`', 'FROM alpine AS base', 'ONBUILD ENV GREETING=hi` HOME_DIR=/srv', 'ONBUILD WORKDIR $HOME_DIR/$VERSION', 'FROM $[base$]', 'LABEL dir=$HOME_DIR version=$[$VERSION$]', ''].join('\n'),
      [
        {
          code: 'UndefinedVar',
          message: "The ONBUILD on line 4 runs first in this stage: '$VERSION' is not defined where this trigger runs (what the stage it is built FROM ends with, and the ONBUILD ARG and ENV lines before it), so it expands to an empty string.",
        },
        { code: 'UndefinedVar', message: "'$VERSION' is not defined here, so it expands to an empty string. Declare it with ARG or ENV in this stage." },
      ],
    );
  });

  it('LegacyKeyValueFormat: Fix All leaves the ONBUILD line as written (the base stage image keeps the trigger text), and fixes the rest', () => {
    const text = ['FROM alpine AS base', 'ENV A b', 'ONBUILD ENV APP /srv/app', 'FROM base AS one', 'FROM base AS two', 'COPY --from=one /a /b', ''].join('\n');
    expect(diagnosticsOf(text, {}, 'LegacyKeyValueFormat').map((d) => d.range.start.line)).toEqual([1, 3, 4]);
    const doc = analyze(text);
    const [fixAll] = service.getCodeActions(doc, { diagnostics: [], only: ['source.fixAll'] });
    expect(fixAll.edit?.changes?.[doc.uri]).toEqual([{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 7 } }, newText: 'A=b' }]);
  });

  it("UndefinedVar: fixes a misspelt name in a trigger on its ONBUILD line, as the ordinary fix does in the instruction", () => {
    expect(fixTitles(['FROM alpine AS base', 'ARG VERSION=1', 'ONBUILD LABEL v=$VERSON', 'FROM base', ''].join('\n'), 'UndefinedVar')).toEqual([
      "Change to '$VERSION' in the ONBUILD on line 3 (preferred)",
      'Skip UndefinedVar for this instruction',
      'Skip UndefinedVar in this file',
    ]);
    checkFix(
      ['FROM alpine AS base', 'ARG VERSION=1', 'ONBUILD LABEL v=${VERSON:-0}', 'FROM base', ''].join('\n'),
      'UndefinedVar',
      "Change to '$VERSION' in the ONBUILD on line 3",
      ['FROM alpine AS base', 'ARG VERSION=1', 'ONBUILD LABEL v=${VERSION:-0}', 'FROM base', ''].join('\n'),
    );
    // A global ARG the stage does not declare: no name to suggest, and no fix (the message says where to add the ARG).
    expect(fixTitles(['ARG VERSION=1', 'FROM alpine AS base', 'ONBUILD LABEL v=$VERSION', 'FROM base', ''].join('\n'), 'UndefinedVar')).toEqual([
      'Skip UndefinedVar for this instruction',
      'Skip UndefinedVar in this file',
    ]);
  });

  it('UndefinedVar: each trigger diagnostic at the same FROM fixes its own name', () => {
    const text = ['FROM alpine AS base', 'ARG VERSION=1', 'ENV HOME_DIR=/srv', 'ONBUILD LABEL v=$VERSON', 'ONBUILD ENV D=$HOME_DIT', 'FROM base', ''].join('\n');
    const doc = analyze(text);
    const fixes = diagnosticsOf(text, {}, 'UndefinedVar').map((d) => service.getCodeActions(doc, { diagnostics: [d] })[0]);
    expect(fixes.map((f) => [f.title, f.edit?.changes?.[doc.uri]])).toEqual([
      ["Change to '$VERSION' in the ONBUILD on line 4", [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 23 } }, newText: 'VERSION' }]],
      ["Change to '$HOME_DIR' in the ONBUILD on line 5", [{ range: { start: { line: 4, character: 15 }, end: { line: 4, character: 23 } }, newText: 'HOME_DIR' }]],
    ]);
  });

  it('MultipleInstructionsDisallowed: removes an ONBUILD CMD a later trigger replaces, not one only the running stage replaces', () => {
    const text = ['FROM alpine AS base', 'ONBUILD CMD ["one"]', 'ONBUILD HEALTHCHECK NONE', 'ONBUILD CMD ["two"]', 'FROM base', 'HEALTHCHECK NONE', 'CMD ["own"]', ''].join('\n');
    const doc = analyze(text);
    const diagnostics = diagnosticsOf(text, {}, 'MultipleInstructionsDisallowed');
    expect(diagnostics.map((d) => d.range.start.line)).toEqual([4, 4, 4]);
    const titles = diagnostics.map((d) => service.getCodeActions(doc, { diagnostics: [d] }).map((a) => a.title));
    expect(titles).toEqual([
      ['Remove the ONBUILD CMD on line 2', 'Skip MultipleInstructionsDisallowed for this instruction', 'Skip MultipleInstructionsDisallowed in this file'],
      ['Skip MultipleInstructionsDisallowed for this instruction', 'Skip MultipleInstructionsDisallowed in this file'],
      ['Skip MultipleInstructionsDisallowed for this instruction', 'Skip MultipleInstructionsDisallowed in this file'],
    ]);
    const [remove] = service.getCodeActions(doc, { diagnostics: [diagnostics[0]] });
    expect(remove.isPreferred).toBeUndefined();
    const fixed = applied(text, remove);
    expect(fixed).toBe(['FROM alpine AS base', 'ONBUILD HEALTHCHECK NONE', 'ONBUILD CMD ["two"]', 'FROM base', 'HEALTHCHECK NONE', 'CMD ["own"]', ''].join('\n'));
    expect(diagnosticsOf(fixed, {}, 'MultipleInstructionsDisallowed')).toHaveLength(2);
  });
});
