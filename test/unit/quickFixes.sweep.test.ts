// Every quick fix, applied alone, over corpus files (in several spellings: lower-case keywords,
// CRLF, emoji before a RUN, a byte order mark, no final newline) and over generated files that
// trigger every rule with a fix: its edits lie inside the document without overlapping, the
// diagnostic it was offered for is gone, it adds no syntax error and nothing BuildKit refuses, and the fixes
// that only rewrite how something is written leave what BuildKit reads unchanged.
// FC_SCALE sweeps more files and generates more; FC_SEED varies the generated ones (test/fuzzing.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/languageService';
import { buildkitArgs, expandWord, SyntaxTree } from '../../server/src/syntax';
import { readCorpusFile, readExpected } from './syntax/corpus';
import { fcParams, fcRuns, fcSeed, fcTimeout, nextJob } from '../fuzzing';

const service = createLanguageService();

function diagnosticsOf(text: string): Diagnostic[] {
  return service.getDiagnostics(service.analyze(TextDocument.create('file:///sweep/Dockerfile', 'dockerfile', 1, text)));
}

/** What BuildKit reads, one line per instruction: ENV/LABEL/ARG values expanded (variables as `{NAME}`). */
function reading(text: string, { commandWords = false } = {}): string[] {
  const tree = SyntaxTree.parse(text);
  const env = (name: string) => `{${name}}`;
  const expand = (word: string) => {
    const result = expandWord(word, env, tree.escape);
    return 'value' in result ? result.value : `error: ${result.error}`;
  };
  const lines = [`escape ${tree.escape}`];
  for (const { node } of tree.instructions()) {
    let line = `${node.name} ${node.flags.map((f) => f.text).join(' ')}`;
    if (node.name === 'ENV' || node.name === 'LABEL' || node.name === 'ARG') {
      line += JSON.stringify(node.pairs.map((p) => [expand(p.key.text), p.value && expand(p.value.text)]));
    } else if (commandWords && (node.name === 'CMD' || node.name === 'ENTRYPOINT')) {
      line += JSON.stringify(node.json ? node.json.elements.map((e) => e.value) : (buildkitArgs(node)[0] ?? '').split(/[ \t]+/).filter(Boolean));
    } else {
      line += JSON.stringify(buildkitArgs(node).map((a, i) => (node.name === 'FROM' && i === 1 ? a.toLowerCase() : a)));
    }
    for (const h of node.heredocs) line += ` heredoc ${JSON.stringify([h.name, h.content, h.expand, h.chomp])}`;
    lines.push(line);
  }
  return lines;
}

/** Fixes that change only the spelling, never what is built (the skip fixes only add comments and the check directive). */
const SPELLING_ONLY = new Set(['LegacyKeyValueFormat', 'NoEmptyContinuation', 'FromAsCasing', 'ConsistentInstructionCasing', 'JSONArgsRecommended']);

/**
 * Fixes that write a name the user typed somewhere else (`--form` to `--from`, `--from build` to
 * `--from=build`, `FROM a b` to `FROM a AS b`, `–from=build` to `--from=build`) may bring out what is wrong with that name: a stage
 * further down, one that needs itself, a bad mount, or no value (`--FROM x` to `--from x`: BuildKit
 * reports the unknown name before the missing value). Those errors were there to find; no other fix
 * may add an error.
 */
const NAME_FIXES = new Set(['unknown-flag', 'missing-flag-value', 'too-many-arguments', 'unicode-dash-flag']);
const ERRORS_A_NAME_MAY_EXPOSE = new Set(['invalid-mount', 'stage-defined-later', 'circular-stage-dependency', 'duplicate-flag', 'missing-flag-value']);
/**
 * A misspelt keyword corrected (`aintainer` to `MAINTAINER`) makes the line an instruction, with
 * whatever is wrong with it: its arguments (a syntax error, say `ENV` with no value, or a heredoc with no
 * end), or its place before the first FROM.
 */
const KEYWORD_FIXES = new Set(['unknown-instruction']);

/** An error of ours, something BuildKit refuses (kebab-case codes), not a build check made an error by `error=true`. */
function isRefusal(d: Diagnostic): boolean {
  return d.severity === 1 && /^[a-z-]+$/.test(String(d.code));
}

function count<T>(list: readonly T[], value: T): number {
  return list.filter((x) => x === value).length;
}

function sweep(text: string, name: string): number {
  const document = TextDocument.create('file:///sweep/Dockerfile', 'dockerfile', 1, text);
  const doc = service.analyze(document);
  const diagnostics = service.getDiagnostics(doc);
  const errorsBefore = diagnostics.filter(isRefusal).map((d) => String(d.code));
  // What BuildKit refuses only in a stage it builds is a warning in a stage the build does not reach; a fix
  // that makes the build reach it (`COPY --from=Bild` to `--from=build`) makes those errors again.
  const unreachedBefore = diagnostics.filter((d) => d.severity === 2 && /^[a-z-]+$/.test(String(d.code))).map((d) => String(d.code));
  const syntaxErrorsBefore = SyntaxTree.parse(text).errors().length;
  let applied = 0;
  for (const diagnostic of diagnostics) {
    const code = String(diagnostic.code);
    for (const action of service.getCodeActions(doc, { diagnostics: [diagnostic] })) {
      const where = `${name}: "${action.title}" for ${code} on line ${diagnostic.range.start.line + 1}`;
      const edits: TextEdit[] = Object.values(action.edit?.changes ?? {}).flat();
      const spans = edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)]).sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) throw new Error(`${where}: overlapping edits`);
      for (const e of edits) {
        // LSP's lines end at \r\n, \n and a lone \r alike (a lone \r is no line break to BuildKit).
        const inside = (p: { line: number; character: number }) => p.line < document.lineCount && document.offsetAt(p) === document.offsetAt(document.positionAt(document.offsetAt(p))) && p.character <= (document.getText().split(/\r\n|\r|\n/)[p.line] ?? '').length;
        if (!inside(e.range.start) || !inside(e.range.end)) throw new Error(`${where}: an edit outside the document`);
      }
      const fixed = TextDocument.applyEdits(document, edits);
      applied++;
      const after = diagnosticsOf(fixed);
      const codesAfter = after.map((d) => String(d.code));
      if (count(codesAfter, code) >= count(diagnostics.map((d) => String(d.code)), code)) throw new Error(`${where}: the diagnostic is still there\n${JSON.stringify(fixed)}`);
      if (!KEYWORD_FIXES.has(code) && SyntaxTree.parse(fixed).errors().length > syntaxErrorsBefore) throw new Error(`${where}: a new syntax error\n${JSON.stringify(fixed)}`);
      const errorsAfter = after.filter(isRefusal).map((d) => String(d.code));
      for (const error of new Set(errorsAfter)) {
        if (count(errorsAfter, error) <= count(errorsBefore, error) + count(unreachedBefore, error) || (NAME_FIXES.has(code) && ERRORS_A_NAME_MAY_EXPOSE.has(error)) || KEYWORD_FIXES.has(code)) continue;
        throw new Error(`${where}: a new ${error} error\n${JSON.stringify(fixed)}`);
      }
      const skip = action.title.startsWith('Skip ');
      if (skip || SPELLING_ONLY.has(code)) {
        const options = { commandWords: code === 'JSONArgsRecommended' };
        expect(reading(fixed, options), `${where}: what BuildKit reads`).toEqual(reading(text, options));
      }
    }
  }
  return applied;
}

/** Spellings of a file that the fixes must handle as well as the original. */
const SPELLINGS: readonly [string, (text: string) => string][] = [
  ['as written', (t) => t],
  ['lower-case keywords', (t) => t.replace(/^(\s*)([A-Z]+)(?=\s)/gm, (_m, indent: string, keyword: string) => indent + keyword.toLowerCase())],
  ['CRLF', (t) => t.replace(/\r?\n/g, '\r\n')],
  ['emoji', (t) => t.replace(/^(\s*RUN )/m, '# 😀 é\n$1echo "😀" && ')],
  ['byte order mark', (t) => '\uFEFF' + t],
  ['no final newline', (t) => t.replace(/\s+$/, '')],
];

/** Lines that between them trigger every rule with a quick fix. */
const LINES = [
  'FROM alpine AS Build', 'from alpine as build', 'FROM alpine as b2', 'From alpine', 'FROM --platform=$TARGETPLATFORM alpine', 'ARG VERSON', 'FROM alpine:${VERSIOn}',
  'RUN echo $VERSON', 'ENV FOO bar baz', 'ENV FOO "a b" c', 'LABEL a b', "ENV X 'q r'  s", 'ENV P a\\ b', 'MAINTAINER John "Doe" <j@x> $X', 'maintainer me', 'CMD foo bar',
  'ENTRYPOINT run --x=1', 'HEALTHCHECK CMD true', 'HEALTHCHECK CONNECT x', 'HEALTHCHECK NONE x', 'EXPOSE 80/TCP 443/Udp', 'COPY --from=Build /a /b', 'COPY --form=build /a /b',
  'RUN --mount=type=cach,target=/x true', 'RUN --network=hosts true', 'ADD --checksum a b', 'COPY --from build /a /b', 'STOPSIGNAL SIGKIL', 'SHELL /bin/sh -c', "CMD ['a', 'b']",
  'RUN \\\n\n  true', 'COPY http://x/y /z/', 'COPY --chown=a --chown=b x y', 'COPY --link= a b', 'from alpine bs build', 'FROM alpine b3', 'FROM a AS b c d', 'COPY --from=Bild a b',
  'ARG GLOBAL=1', 'RUN echo ${GLOBAL}', 'RUN echo 😀 $VERSON', 'ONBUILD run --foo x', 'CMD ["a"]', 'WORKDIR rel', 'ARG secret_password=x', '# comment', '',
  // The best practices with fixes, and their garbage: unbalanced quotes, continuation chains, pipes.
  'RUN apt-get update && apt-get install curl', 'RUN apt install -y "x', 'RUN pip install flask \\\n  \\\n  && cd /x', 'ADD a.txt /b', 'RUN wget -qO- x | sh',
  'RUN sudo make', 'FROM ubuntu:latest', '# hadolint ignore=DL3008', 'ONBUILD ADD a /b',
  'RUN yum install httpd && dnf -q install x', 'RUN zypper in y && zypper si z', 'RUN apk add curl', 'RUN /sbin/apk -U add --virtual .b x',
  'ENV A=1 B=$A C=${A:-x}', 'ENV A=1 \\\n    B=$A', 'FROM alpine AS builder', 'COPY --from=buidler a b', 'RUN --mount=from=buidler,target=/x true',
  // Text pasted from a web page: a no-break space, dashes and curly quotes where ASCII was meant.
  'FROM\u00a0alpine', 'COPY \u2013from=builder /a /b', 'RUN apt-get\u00a0install -y x\u00a0\u00a0y', 'RUN make \u2013j4 && rm \u2014force x', 'RUN sh -c \u201cecho a && echo b\u201d',
  'CMD [\u201ca\u201d, \u201cb\u201d]', 'ENV MSG=\u201chello world\u201d', 'COPY x ./', 'WORKDIR /\nRUN --mount=type=bind,target=. ls',
];

/** Deterministic files made of those lines, with and without a check directive, a backtick escape and CRLF. */
function generated(count: number): string[] {
  let seed = fcSeed(7)!;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const heads = ['', '# escape=`\n', '# syntax=docker/dockerfile:1.4\n', '# check=error=true\n', '#!/usr/bin/env docker\n', '\uFEFF'];
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const lines = [['FROM alpine', 'from alpine', 'ARG GLOBAL=1\nFROM alpine:$GLOBAL AS Base'][i % 3]];
    for (let n = 2 + Math.floor(next() * 10); n > 0; n--) lines.push(LINES[Math.floor(next() * LINES.length)]);
    let text = heads[i % heads.length] + lines.join('\n') + (i % 4 === 0 ? '' : '\n');
    if (text.startsWith('# escape=`')) text = text.replace(/\\$/gm, '`').replace(/\\ /g, '` ');
    if (i % 5 === 1) text = text.replace(/\n/g, '\r\n');
    files.push(text);
  }
  return files;
}

describe('every quick fix, applied alone', () => {
  it('over corpus files in several spellings', async () => {
    let applied = 0;
    const entries = readExpected('real-world');
    // Every sixth file, each in the next spelling; FC_SCALE goes on through the other files.
    for (let k = 0; k < fcRuns(Math.ceil(entries.length / 6)); k++) {
      if (k % 16 === 0) await nextJob();
      const entry = entries[(k * 6 + Math.floor((k * 6) / entries.length)) % entries.length];
      const [spelling, spell] = SPELLINGS[k % SPELLINGS.length];
      applied += sweep(spell(readCorpusFile('real-world', entry.file)), `${entry.file} (${spelling})`);
    }
    // Not vacuous: the corpus has fixable diagnostics.
    expect(applied).toBeGreaterThan(150);
  }, fcTimeout(60_000));

  it('over generated files that trigger every fix', async () => {
    let applied = 0;
    for (const [i, text] of generated(fcRuns(80)).entries()) {
      if (i % 16 === 0) await nextJob();
      applied += sweep(text, `generated file ${i} ${JSON.stringify(text)}`);
    }
    expect(applied).toBeGreaterThan(500);
  }, fcTimeout(60_000));

  it('after random edits of corpus and generated files (half-typed heredocs, quotes, pragmas)', async () => {
    const files = [...readExpected('real-world').filter((_, i) => i % 5 === 0).map((e) => readCorpusFile('real-world', e.file)).filter((t) => t.length < 4000), ...generated(20)];
    const fragments = [
      ...LINES.map((line) => line + '\n'), '\n', '\\\n', ' ', '"', "'", '<<EOF', '<<-EOF\n', "<<'EOF'", '<<"E O"', 'EOF\n', '\tEOF\n', '<<A <<B\n', 'RUN <<EOF\n',
      '# hadolint ignore=DL3003\n', '# check=skip=all\n', 'RUN cd /x && apt-get install -y "unbalanced\n', 'RUN pip install x | tee\n', '$', '${', 'x'.repeat(300),
    ];
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), fragment: fc.constantFrom(...fragments), drop: fc.nat({ max: 10 }) });
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (index, edits) => {
        await nextJob();
        let text = files[index];
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.fragment + text.slice(Math.min(text.length, at + e.drop));
        }
        applied += sweep(text, `edited file ${JSON.stringify(text)}`);
      }),
      fcParams(60),
    );
    // Not vacuous: the edited files have fixable diagnostics.
    expect(applied).toBeGreaterThan(fcRuns(60));
  }, fcTimeout(60_000));
});

/** What BuildKit reads, with what Fix All may change in it: a redundant `--platform`, EXPOSE's protocol casing. */
function readingUpToFixAll(text: string): string[] {
  return reading(text).map((line) => (line.startsWith('EXPOSE ') ? line.toLowerCase() : line.replace(/--platform=\$\{?TARGETPLATFORM\}? ?/, '')));
}

/**
 * Fix All (source.fixAll) on one file: its edits lie inside the document, in order and apart; the
 * result reads the same to BuildKit, has no diagnostic more of any code and no new syntax error, and
 * Fix All finds nothing left on it. Returns how many edits it made.
 */
function sweepFixAll(text: string, name: string): number {
  const document = TextDocument.create('file:///sweep/Dockerfile', 'dockerfile', 1, text);
  const doc = service.analyze(document);
  const actions = service.getCodeActions(doc, { diagnostics: [], only: ['source.fixAll'] });
  if (actions.length === 0) return 0;
  expect(actions.map((a) => [a.title, a.kind]), name).toEqual([['Fix all auto-fixable Dockerfile problems', 'source.fixAll.dockerfile']]);
  const edits: TextEdit[] = actions[0].edit!.changes!['file:///sweep/Dockerfile'];
  const spans = edits.map((e) => [document.offsetAt(e.range.start), document.offsetAt(e.range.end)]);
  for (let i = 1; i < spans.length; i++) if (spans[i][0] < spans[i - 1][1]) throw new Error(`${name}: edits out of order or overlapping`);
  for (const e of edits) {
    for (const p of [e.range.start, e.range.end]) {
      if (p.line >= document.lineCount || document.offsetAt(document.positionAt(document.offsetAt(p))) !== document.offsetAt(p)) throw new Error(`${name}: an edit outside the document`);
    }
  }
  const fixed = TextDocument.applyEdits(document, edits);
  expect(fixed, name).not.toBe(text);
  expect(readingUpToFixAll(fixed), `${name}: what BuildKit reads`).toEqual(readingUpToFixAll(text));
  expect(SyntaxTree.parse(fixed).errors().length, `${name}: syntax errors`).toBeLessThanOrEqual(SyntaxTree.parse(text).errors().length);
  // BuildKit compares the casing of FROM with any second of three words: recasing `from a bs b` makes `bs`
  // wrong too, which no fix writes (that FROM is an error until the word is AS).
  const counted = (diagnostics: Diagnostic[], source: string) => {
    const lines = source.split(/\r\n|\r|\n/);
    const text = (d: Diagnostic) => (d.range.start.line === d.range.end.line ? lines[d.range.start.line]?.slice(d.range.start.character, d.range.end.character) : '');
    return diagnostics.filter((d) => d.code !== 'FromAsCasing' || text(d)?.toLowerCase() === 'as').map((d) => String(d.code));
  };
  const before = counted(service.getDiagnostics(doc), text);
  const after = counted(diagnosticsOf(fixed), fixed);
  for (const code of new Set(after)) if (count(after, code) > count(before, code)) throw new Error(`${name}: more ${code} after Fix All\n${JSON.stringify(fixed)}`);
  const again = service.analyze(TextDocument.create('file:///sweep/Dockerfile', 'dockerfile', 2, fixed));
  expect(service.getCodeActions(again, { diagnostics: [], only: ['source.fixAll'] }), `${name}: Fix All again\n${JSON.stringify(fixed)}`).toEqual([]);
  return edits.length;
}

describe('Fix All', () => {
  it('over corpus files in several spellings and generated files', async () => {
    let edits = 0;
    const entries = readExpected('real-world');
    for (let k = 0; k < fcRuns(entries.length); k++) {
      if (k % 16 === 0) await nextJob();
      const entry = entries[k % entries.length];
      const [spelling, spell] = SPELLINGS[k % SPELLINGS.length];
      edits += sweepFixAll(spell(readCorpusFile('real-world', entry.file)), `${entry.file} (${spelling})`);
    }
    for (const [i, text] of generated(fcRuns(120)).entries()) {
      if (i % 16 === 0) await nextJob();
      edits += sweepFixAll(text, `generated file ${i} ${JSON.stringify(text)}`);
    }
    // Not vacuous: 467 edits when written.
    expect(edits).toBeGreaterThan(fcRuns(300));
  }, fcTimeout(120_000));
});
