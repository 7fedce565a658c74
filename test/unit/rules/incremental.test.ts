// The diagnostics engine's caches (instruction problems per node, stage rules per stage part)
// never change the result: after any sequence of edits, the diagnostics of an open document
// equal those of the same text checked from scratch.
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it, vi } from 'vitest';
import { UndefinedVar } from '../../../server/src/rules/checks/UndefinedVar';
import { DL3042 } from '../../../server/src/rules/practices/DL3042';
import { getCodeActions } from '../../../server/src/services/codeActions';
import { diagnosticsJson, getDiagnostics, type DiagnosticsOptions } from '../../../server/src/services/diagnostics';
import { analyzedDocument } from '../../../server/src/services/document';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/settings';
import { SyntaxTree } from '../../../server/src/syntax';
import { generateDockerfile } from '../../../bench/generate';
import { expectKeptJson } from '../keptJson';
import { OpenDocument } from '../openDocument';
import { editArbitrary } from '../syntax/edits';
import { readCorpusFile, readExpected } from '../syntax/corpus';
import { fcParams, fcTimeout, nextJob } from '../../fuzzing';

const files = readExpected('real-world').map((e) => e.file);
const sample = files.filter((_, i) => i % 11 === 0).map((f) => readCorpusFile('real-world', f));

const FRAGMENTS = [
  '\n', '\\\n', ' ', '#', '# check=skip=UndefinedVar\n', '# check=experimental=all\n', '`', '"', '$', '${', '}', '=', 'x', 'A', '/',
  'FROM ', 'FROM base AS b\n', ' AS base', ' AS Last', 'ARG A', 'ARG A=1\n', 'ENV A=2 ', 'ENV C=${A:-d}\n', 'COPY --from=base /a /b\n', 'RUN --mount=from=Base,target=/t x\n',
  'COPY secret.txt /x\n', 'EXPOSE 80:80/TCP\n', 'WORKDIR rel\n', 'WORKDIR $C\n', 'SHELL ["sh"]\n', 'CMD run\n', 'CMD ["run"]\n', 'ARG TOKEN\n', '$UNDEFINED',
  'ONBUILD RUN make\n', 'ONBUILD RUNN make\n', 'ONBUILD ', ' --bogus',
  '# syntax=docker/dockerfile:1.4\n', '1.19', '-labs', 'COPY --exclude=x . /a/\n', 'RUN --device=x true\n',
  '# hadolint ignore=DL3006,DL4006\n', '# hadolint global ignore=DL3003\n', '# hadolint stage ignore=DL3003,DL3002\n', 'RUN cd /x | sort\n', 'USER root\n', 'RUN apt-get update\n',
  'ENV PIP_NO_CACHE_DIR=1\n', 'RUN pip install x\n', ':latest',
];

const edits = (length: number) => editArbitrary(length, FRAGMENTS, 60);

function fromScratch(text: string, options: DiagnosticsOptions, settings: Settings = DEFAULT_SETTINGS) {
  const fresh = analyzedDocument(TextDocument.create('file:///fresh/Dockerfile', 'dockerfile', 1, text), SyntaxTree.parse(text));
  return getDiagnostics(fresh, settings, options);
}

/** The defaults, and the user's own severities (the converted diagnostics a version reuses depend on them). */
const SETTINGS: Settings[] = [
  DEFAULT_SETTINGS,
  { ...DEFAULT_SETTINGS, diagnostics: { enable: true, bestPractices: true, rules: { UndefinedVar: 'error', JSONArgsRecommended: 'off', 'unknown-instruction': 'hint' } } },
];

const OPTIONS: DiagnosticsOptions[] = [{}, { dockerignore: 'secret.txt\n*.tmp\nsrc/stage1*\n' }, { dockerignore: 'rel\nsrc/stage2*\n' }];

describe('incremental diagnostics', () => {
  it('equal a check from scratch after random edit sequences on corpus files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...sample),
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.nat({ max: OPTIONS.length - 1 }), fc.nat({ max: SETTINGS.length - 1 })), { minLength: 1, maxLength: 8 }),
        async (source, steps) => {
          await nextJob();
          const open = new OpenDocument(source);
          getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
          for (const [seed, check, option, setting] of steps) {
            open.edit(fc.sample(edits(open.tree.length), { numRuns: 1, seed })[0]);
            // Sometimes versions go unchecked, as when a burst of edits ends before diagnostics run.
            if (!check) continue;
            const options = OPTIONS[option];
            const settings = SETTINGS[setting];
            const diagnostics = getDiagnostics(open.doc, settings, options);
            const expected = fromScratch(open.tree.text, options, settings);
            expect(diagnostics).toEqual(expected);
            // The JSON kept with each diagnostic is still that diagnostic's (the server sends the join).
            expectKeptJson(diagnosticsJson(diagnostics).join(''), expected);
          }
        },
      ),
      fcParams(150),
    );
  }, fcTimeout(120_000));

  it('equal a check from scratch after edits anywhere in a file of many stages', async () => {
    const source = generateDockerfile(500, { errors: true }).replace(/FROM \$\{BASE_IMAGE\} AS stage(\d*[13579])\b/g, 'FROM stage0 AS stage$1');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat({ max: OPTIONS.length - 1 })), { minLength: 1, maxLength: 4 }), async (steps) => {
        await nextJob();
        const open = new OpenDocument(source);
        getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
        for (const [seed, where, option] of steps) {
          const edit = fc.sample(edits(0), { numRuns: 1, seed })[0];
          const at = where % (open.tree.length + 1);
          open.edit({ start: at, end: Math.min(open.tree.length, at + (edit.end - edit.start)), text: edit.text });
          const options = OPTIONS[option];
          const diagnostics = getDiagnostics(open.doc, DEFAULT_SETTINGS, options);
          const expected = fromScratch(open.tree.text, options);
          expect(diagnostics).toEqual(expected);
          expectKeptJson(diagnosticsJson(diagnostics).join(''), expected);
        }
      }),
      fcParams(30),
    );
  }, fcTimeout(120_000));

  it('runs stage rules again only on the stage an edit touched', () => {
    const source = generateDockerfile(200);
    const open = new OpenDocument(source);
    const check = vi.spyOn(UndefinedVar, 'check');
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(check).toHaveBeenCalledTimes(open.doc.model.stages.length);
    const at = source.indexOf('WORKDIR', Math.floor(source.length / 2));
    open.edit({ start: at, end: at, text: 'x' });
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(check).toHaveBeenCalledTimes(open.doc.model.stages.length + 1);
    // A new last stage name changes TARGETSTAGE, which stage rules may read: all run again.
    open.edit({ start: open.tree.length, end: open.tree.length, text: 'FROM scratch AS final\n' });
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(check).toHaveBeenCalledTimes(2 * open.doc.model.stages.length);
    check.mockRestore();
  });

  it('runs only the stage rules that did not run before when the configuration changes which run', () => {
    const source = `${generateDockerfile(200, { errors: true })}FROM alpine:3 AS piped\nRUN curl -s x | sh\nENV B=$UNDEFINED\n`;
    const quiet = { ...DEFAULT_SETTINGS, diagnostics: { ...DEFAULT_SETTINGS.diagnostics, bestPractices: false } };
    const [all, checks] = [fromScratch(source, {}), fromScratch(source, {}, quiet)];
    expect(all.filter((d) => d.code === 'DL4006' || d.code === 'UndefinedVar').map((d) => d.code)).toEqual(['DL4006', 'UndefinedVar']);
    expect(checks.filter((d) => d.code === 'DL4006' || d.code === 'UndefinedVar').map((d) => d.code)).toEqual(['UndefinedVar']);
    const open = new OpenDocument(source);
    const check = vi.spyOn(UndefinedVar, 'check');
    const practice = vi.spyOn(DL3042, 'check');
    const stages = open.doc.model.stages.length;
    getDiagnostics(open.doc, quiet, {});
    expect([check.mock.calls.length, practice.mock.calls.length]).toEqual([stages, 0]);
    // The best practices turned on: only they run; UndefinedVar's problems are those of the first run.
    expect(getDiagnostics(open.doc, DEFAULT_SETTINGS, {})).toEqual(all);
    expect([check.mock.calls.length, practice.mock.calls.length]).toEqual([stages, stages]);
    // Off and on again: neither runs, and the results are still those of a check from scratch.
    expect(getDiagnostics(open.doc, quiet, {})).toEqual(checks);
    expect(getDiagnostics(open.doc, DEFAULT_SETTINGS, {})).toEqual(all);
    expect([check.mock.calls.length, practice.mock.calls.length]).toEqual([stages, stages]);
    check.mockRestore();
    practice.mockRestore();
  });

  it("keeps the editor's caches through a Fix All request, whose passes check versions of their own", () => {
    const source = generateDockerfile(200).replace(/^FROM /gm, (m, at: number) => (at % 3 === 0 ? 'from ' : m));
    const open = new OpenDocument(source);
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    const [fixAll] = getCodeActions(open.doc, { diagnostics: [], only: ['source.fixAll'] });
    expect(fixAll?.edit?.changes?.[open.doc.uri]?.length).toBeGreaterThan(0);
    const check = vi.spyOn(UndefinedVar, 'check');
    const at = source.indexOf('WORKDIR', Math.floor(source.length / 2));
    open.edit({ start: at, end: at, text: 'x' });
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    // Only the stage typed in, as without the request (had the passes replaced the caches, every stage).
    expect(check).toHaveBeenCalledTimes(1);
    check.mockRestore();
  });

  it("checks again, in Fix All's passes after the first, only the stages its fixes changed", () => {
    const generated = generateDockerfile(400);
    const last = generated.lastIndexOf('\nFROM ') + 1;
    const source = `${generated.slice(0, last)}from ${generated.slice(last + 5)}`;
    const open = new OpenDocument(source);
    getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(open.doc.model.stages.length).toBeGreaterThan(10);
    const check = vi.spyOn(UndefinedVar, 'check');
    const [fixAll] = getCodeActions(open.doc, { diagnostics: [], only: ['source.fixAll'] });
    expect(fixAll?.edit?.changes?.[open.doc.uri]?.map((edit) => edit.newText)).toEqual(['FROM']);
    // The first pass reads the editor's version, checked already. The second checks the one stage it
    // changed (FROM, and FromAsCasing's `as`, which the second pass writes back as `AS`), and so does the third,
    // which finds nothing left; every stage would be checked in each without the editor's caches.
    expect(check).toHaveBeenCalledTimes(2);
    check.mockRestore();
  });

  it('keeps the diagnostics of the stages an edit did not touch, and makes those of the stage it did', () => {
    const source = 'FROM alpine:3 AS one\nRUNN a\nFROM alpine:3 AS two\nRUNN b\nFROM alpine:3 AS three\nRUNN c\n';
    const open = new OpenDocument(source);
    const before = getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(before.map((d) => [d.range.start.line, d.code])).toEqual([[1, 'unknown-instruction'], [3, 'unknown-instruction'], [5, 'unknown-instruction']]);
    // A character typed in stage two: stages one and three keep their objects.
    const at = source.indexOf('b\n');
    open.edit({ start: at, end: at, text: 'x' });
    const typed = getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(typed[0]).toBe(before[0]);
    expect(typed[1]).not.toBe(before[1]);
    expect(typed[2]).toBe(before[2]);
    // A blank line added at the end of stage two moves stage three down: its diagnostic is made again, on its new line.
    open.edit({ start: at + 'xb\n'.length, end: at + 'xb\n'.length, text: '\n' });
    const moved = getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(moved[0]).toBe(before[0]);
    expect(moved[2]).not.toBe(before[2]);
    expect(moved.map((d) => d.range.start.line)).toEqual([1, 3, 6]);
    // Other severities: nothing is reused.
    const strict = { ...DEFAULT_SETTINGS, diagnostics: { enable: true, bestPractices: true, rules: { 'unknown-instruction': 'warning' as const } } };
    const again = getDiagnostics(open.doc, strict, {});
    expect(again[0]).not.toBe(moved[0]);
    expect(again.map((d) => d.severity)).toEqual([2, 2, 2]);
  });

  it('reads a RUN that survives an edit again when its stage starts or stops building a Windows image', () => {
    const source = 'FROM debian:12\nSHELL ["bash", "-c"]\nRUN <<EOF\n#!/usr/bin/env python3\nsudo ls\nEOF\n';
    const open = new OpenDocument(source);
    const practices = SETTINGS[1];
    const sudo = () => getDiagnostics(open.doc, practices, {}).filter((d) => d.code === 'DL3004').map((d) => d.range);
    expect(sudo()).toEqual([]);
    // BuildKit gives the `#!` body to bash on a Windows image: its sudo is a command there.
    const image = 'FROM '.length;
    open.edit({ start: image, end: image + 'debian:12'.length, text: 'mcr.microsoft.com/windows/servercore:ltsc2022' });
    expect(sudo()).toEqual([{ start: { line: 4, character: 0 }, end: { line: 4, character: 4 } }]);
    expect(getDiagnostics(open.doc, practices, {})).toEqual(fromScratch(open.tree.text, {}, practices));
    open.edit({ start: image, end: image + 'mcr.microsoft.com/windows/servercore:ltsc2022'.length, text: 'debian:12' });
    expect(sudo()).toEqual([]);
  });

  it('updates the error on a stage built FROM another when the trigger there is broken, moved or fixed', () => {
    const source = 'FROM alpine AS first\nRUN a\nFROM alpine AS base\nONBUILD RUN make\nFROM alpine AS other\nFROM base\n';
    const open = new OpenDocument(source);
    const triggerErrors = () => {
      const diagnostics = getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
      expect(diagnostics).toEqual(fromScratch(open.tree.text, {}));
      return diagnostics.filter((d) => d.code === 'invalid-onbuild-trigger').map((d) => [d.range.start.line, d.message]);
    };
    const message = (line: number) =>
      `Building FROM base runs its ONBUILD triggers here, and the one on line ${line} is not a valid instruction: Unknown instruction "RUNX". Did you mean RUN?`;
    expect(triggerErrors()).toEqual([]);
    // Broken: the stage built FROM it gets the error.
    const keyword = source.indexOf('RUN make') + 'RUN'.length;
    open.edit({ start: keyword, end: keyword, text: 'X' });
    expect(triggerErrors()).toEqual([[5, message(4)]]);
    // A line added to an earlier stage moves the trigger (its stage and the one built on it stay the same analyses).
    open.edit({ start: 'FROM alpine AS first\nRUN a\n'.length, end: 'FROM alpine AS first\nRUN a\n'.length, text: 'RUN b\n' });
    expect(triggerErrors()).toEqual([[6, message(5)]]);
    // A line added between the two stages moves only the stage built on it.
    const other = open.tree.text.indexOf('FROM alpine AS other\n') + 'FROM alpine AS other\n'.length;
    open.edit({ start: other, end: other, text: 'RUN c\n' });
    expect(triggerErrors()).toEqual([[7, message(5)]]);
    // Fixed: the error goes.
    const typo = open.tree.text.indexOf('RUNX');
    open.edit({ start: typo + 3, end: typo + 4, text: '' });
    expect(triggerErrors()).toEqual([]);
  });

  it('checks every stage again when the # syntax= pin changes', () => {
    const source = '# syntax=docker/dockerfile:1.4\nFROM alpine:3 AS a\nCOPY --exclude=x . /a/\nFROM a\nRUN --device=x true\n';
    const open = new OpenDocument(source);
    const codes = () => getDiagnostics(open.doc, DEFAULT_SETTINGS, {}).map((d) => `${d.range.start.line}:${String(d.code)}`);
    expect(codes()).toEqual(['2:needs-newer-frontend', '4:needs-newer-frontend']);
    const version = source.indexOf('1.4');
    open.edit({ start: version, end: version + 3, text: '1.20' });
    expect(codes()).toEqual(['4:needs-newer-frontend']);
    open.edit({ start: version + 4, end: version + 4, text: '-labs' });
    expect(codes()).toEqual([]);
    open.edit({ start: 0, end: open.tree.text.indexOf('\n') + 1, text: '' });
    expect(codes()).toEqual([]);
  });

  it('makes the build checks of every stage again when the pin moves past the release that has them', () => {
    const source = '# syntax=docker/dockerfile:1.4\nFROM alpine:3 as a\nFROM a as b\n';
    const open = new OpenDocument(source);
    const codes = () => getDiagnostics(open.doc, DEFAULT_SETTINGS, {}).map((d) => `${d.range.start.line}:${String(d.code)}`);
    expect(codes()).toEqual([]);
    const version = source.indexOf('1.4');
    open.edit({ start: version, end: version + 3, text: '1.8' });
    expect(codes()).toEqual(['1:FromAsCasing', '2:FromAsCasing']);
    open.edit({ start: version, end: version + 3, text: '1.7' });
    expect(codes()).toEqual([]);
  });

  it('makes the diagnostics of a stage again when a # hadolint stage ignore= above its FROM comes or goes', () => {
    // The comment is in the segment before the FROM, and it keeps its line: the stage's own segment is as it was.
    const source = 'FROM alpine:3 AS one\nRUN true\n# the second stage\nFROM alpine:3 AS two\nRUN cd /x\n';
    const open = new OpenDocument(source);
    expect(getDiagnostics(open.doc, DEFAULT_SETTINGS, {}).map((d) => [d.range.start.line, d.code])).toEqual([[4, 'DL3003']]);
    const at = source.indexOf('the second stage');
    const pragma = 'hadolint stage ignore=DL3003';
    open.edit({ start: at, end: at + 'the second stage'.length, text: pragma });
    expect(getDiagnostics(open.doc, DEFAULT_SETTINGS, {})).toEqual([]);
    open.edit({ start: at, end: at + pragma.length, text: 'the second stage' });
    expect(getDiagnostics(open.doc, DEFAULT_SETTINGS, {}).map((d) => [d.range.start.line, d.code])).toEqual([[4, 'DL3003']]);
  });

  it('makes the diagnostics again when the check configuration given for the build changes', () => {
    const open = new OpenDocument('FROM alpine:3 AS One\nRUN true\n');
    const plain = getDiagnostics(open.doc, DEFAULT_SETTINGS, {});
    expect(plain.map((d) => [d.code, d.severity])).toEqual([['StageNameCasing', 2]]);
    const strict = getDiagnostics(open.doc, DEFAULT_SETTINGS, { checkConfig: 'error=true' });
    expect(strict.map((d) => [d.code, d.severity])).toEqual([['StageNameCasing', 1]]);
  });
});
