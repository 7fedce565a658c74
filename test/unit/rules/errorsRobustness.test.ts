// The error rules take anything: random Dockerfile-like text and every prefix of real files (what
// an editor holds while someone types). No rule throws, and every problem stays inside the text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';
import { ERROR_RULES } from '../../../server/src/rules/errors';
import { analyzeText, runRules } from '../../../server/src/rules/errors/testing';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { readCorpusFile } from '../syntax/corpus';
import { fcParams } from '../../fuzzing';

const PIECES = [
  'FROM ', 'RUN ', 'COPY ', 'ADD ', 'ENV ', 'ARG ', 'EXPOSE ', 'HEALTHCHECK ', 'ONBUILD ', 'SHELL ', 'STOPSIGNAL ', 'VOLUME ', 'WORKDIR ',
  'USER ', 'LABEL ', 'CMD ', 'AS ', 'NONE', 'CMD', '--mount=', 'type=', 'cache', 'secret', 'target=', 'from=', 'required', 'size=',
  '--from=', '--platform=', '--chmod=', '--network=', '--interval=', '--retries=', '--checksum=', '--link', '--', '=', ',', ':', '/',
  '-', '$', '${', '}', ':-', '#', '%', '"', "'", '\\', '`', '[', ']', '<<', 'EOF', '80', 'tcp', 'alpine', 'build', '0', ' ', '\n',
  '\\\n', '\r\n', '\t', 'é', '😀', '# syntax=docker/dockerfile:1.4\n', '-labs', '--exclude=', '--device=', 'env=',
];

function lintAll(text: string): void {
  const doc = analyzeText(text);
  for (const d of runRules(doc, ERROR_RULES)) {
    const start = doc.text.offsetAt(d.range.start);
    const end = doc.text.offsetAt(d.range.end);
    if (start > end || end > text.length) throw new Error(`${String(d.code)} reported outside the text for ${JSON.stringify(text)}`);
  }
}

describe('error rules on any input', () => {
  it('never throw on random Dockerfile-like text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => lintAll(pieces.join(''))),
      fcParams(2000, 5),
    );
  });

  it('never throw on random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => lintAll(text)), fcParams(2000, 7));
  });

  it('never throw on any prefix of files that use every feature', () => {
    const files = ['buildkit-parser/cases/flags/Dockerfile', 'buildkit-parser/cases/health/Dockerfile', 'buildkit-parser/cases/env/Dockerfile'];
    const texts = files.map((f) => readCorpusFile('buildkit-parser', f.replace('buildkit-parser/', '')));
    texts.push(
      'ARG BASE=alpine\nFROM ${BASE} AS a\nRUN --mount=type=secret,id=x,required --mount=type=cache,target=/c,sharing=locked true\nCOPY --from=b --chmod=u+x <<EOF /x\n${V}\nEOF\nFROM a AS b\nCOPY --from=a / /\nEXPOSE 80/tcp 90-91\nHEALTHCHECK --interval=5s CMD true\nONBUILD COPY . .\n',
    );
    for (const text of texts) for (let i = 0; i <= text.length; i++) lintAll(text.slice(0, i));
  });

  it('run in the engine without a rule failure on text nested thousands deep (found by fuzzing: a stack overflow in every best practice)', () => {
    const service = createLanguageService();
    const failures: string[] = [];
    for (const depth of [2_000, 20_000]) {
      for (const line of [`RUN ${'$('.repeat(depth)}cd /x${')'.repeat(depth)} | cat`, `RUN echo ${'${a:-'.repeat(depth)}x${'}'.repeat(depth)}`, `ENV A=${'${a:-'.repeat(depth)}x${'}'.repeat(depth)}`]) {
        const doc = service.analyze(TextDocument.create('file:///deep/Dockerfile', 'dockerfile', 1, `FROM alpine\n${line}\n`));
        service.getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => failures.push(`${code} at depth ${depth}: ${String(error)}`) });
      }
    }
    expect(failures).toEqual([]);
  });

  it('run in the engine without a single rule failure on random text', () => {
    const service = createLanguageService();
    const failures: string[] = [];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
        const doc = service.analyze(TextDocument.create('file:///fuzz/Dockerfile', 'dockerfile', 1, pieces.join('')));
        service.getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => failures.push(`${code}: ${String(error)}`) });
      }),
      fcParams(500, 11),
    );
    expect(failures).toEqual([]);
  });
});
