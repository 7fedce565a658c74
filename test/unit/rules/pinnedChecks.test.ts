// Build checks under a `# syntax=` pin: the pinned frontend runs only the checks it has, reads the
// `check` directive only from 1.8 and `# check=` comments above an instruction only from 1.21, and
// treats a check as experimental until the release that made it stable. Unpinned files (no
// directive, a floating tag, a digest, another image) get the newest frontend.

import { describe, expect, it } from 'vitest';
import { codesOf, diagnosticsOf, fixTitles } from './harness';

const BODY = '# check=error=true\nFROM alpine as build\nENV FOO bar\n';

/** Each diagnostic as `code severity` (1 error, 2 warning). */
function codesAndSeverities(text: string, options = {}): string[] {
  return diagnosticsOf(text, options).map((d) => `${String(d.code)} ${d.severity}`);
}

describe('build checks under a frontend pin', () => {
  it('reports no check, and no error from the check directive, under a frontend older than the checks (1.8)', () => {
    expect(codesOf(`# syntax=docker/dockerfile:1.4\n${BODY}`)).toEqual([]);
    expect(codesOf('# syntax=docker/dockerfile:1.7.1\n# check=error=maybe\nFROM alpine as build\n')).toEqual([]);
    expect(codesOf('# syntax=docker/dockerfile:1.4-labs\nFROM alpine as build\n')).toEqual([]);
    // BUILDKIT_DOCKERFILE_CHECK, which stands in for the directive, is no older frontend's either.
    expect(codesOf('# syntax=docker/dockerfile:1.4\nFROM alpine as build\n', { checkConfig: 'error=true' })).toEqual([]);
  });

  it('reports the checks of 1.8 under a 1.8 pin, where error=true makes them errors', () => {
    expect(codesAndSeverities(`# syntax=docker/dockerfile:1.8\n${BODY}`)).toEqual(['FromAsCasing 1', 'LegacyKeyValueFormat 1']);
    expect(codesOf('# syntax=docker/dockerfile:1.8\n# check=error=maybe\nFROM alpine\n')).toEqual(['invalid-check-option']);
  });

  it('reports a check only from the release that added it', () => {
    const expose = 'FROM alpine\nEXPOSE 80/TCP\n';
    expect(codesOf(`# syntax=docker/dockerfile:1.17\n${expose}`)).toEqual([]);
    expect(codesOf(`# syntax=docker/dockerfile:1.18\n${expose}`)).toEqual(['ExposeProtoCasing']);
    expect(codesOf(`# syntax=docker/dockerfile:1.8\nFROM --platform=linux/amd64 alpine\n`)).toEqual([]);
    expect(codesOf(`# syntax=docker/dockerfile:1.9\nFROM --platform=linux/amd64 alpine\n`)).toEqual(['FromPlatformFlagConstDisallowed']);
  });

  it('treats a check as experimental before the release that turned it on', () => {
    const text = (pin: string, check = '') => `# syntax=docker/dockerfile:${pin}\n${check}FROM alpine\nCOPY app.log /x\n`;
    const dockerignore = '*.log\n';
    expect(codesOf(text('1.20'), { dockerignore })).toEqual([]);
    expect(codesOf(text('1.20', '# check=experimental=CopyIgnoredFile\n'), { dockerignore })).toEqual(['CopyIgnoredFile']);
    expect(codesOf(text('1.21'), { dockerignore })).toEqual(['CopyIgnoredFile']);
    // 1.8 has no CopyIgnoredFile, and rejects the experimental option (see below).
    expect(codesOf(text('1.8', '# check=experimental=CopyIgnoredFile\n'), { dockerignore })).toEqual(['invalid-check-option']);
    // An experimental check ignores skip, so no skip is offered for it.
    expect(fixTitles(text('1.20', '# check=experimental=CopyIgnoredFile\n'), 'CopyIgnoredFile', { dockerignore })).toEqual([]);
  });

  it('parses the check directive as 1.8 and 1.9 do: no experimental option, at most two parts', () => {
    const copy = (pin: string, check: string) => `# syntax=docker/dockerfile:${pin}\n# check=${check}\nFROM alpine\nCOPY app.log /x\n`;
    const dockerignore = '*.log\n';
    // Before 1.10 `experimental` is an unknown key: the directive fails the build and turns nothing on.
    for (const pin of ['1.8', '1.9']) {
      expect(diagnosticsOf(copy(pin, 'experimental=CopyIgnoredFile'), { dockerignore }).map((d) => [d.code, d.severity, d.message, d.range]), pin).toEqual([
        [
          'invalid-check-option',
          1,
          'invalid check option "experimental": expected skip or error (experimental needs frontend 1.10)',
          { start: { line: 1, character: 8 }, end: { line: 1, character: 20 } },
        ],
      ]);
    }
    expect(codesOf(copy('1.10', 'experimental=CopyIgnoredFile'), { dockerignore })).toEqual(['CopyIgnoredFile']);
    // BUILDKIT_DOCKERFILE_CHECK goes through the same parser: rejected, it changes nothing.
    expect(codesOf(copy('1.9', 'skip=all'), { dockerignore, checkConfig: 'experimental=all' })).toEqual([]);
    // Split in two, `error=true;skip=…` is one value that is not a boolean.
    const cased = (pin: string) => `# syntax=docker/dockerfile:${pin}\n# check=skip=FromAsCasing;error=true;skip=StageNameCasing\nFROM alpine as Build\n`;
    expect(diagnosticsOf(cased('1.9')).map((d) => [d.code, d.message, d.range.start.character, d.range.end.character])).toEqual([
      ['invalid-check-option', 'invalid check option "error=true;skip=StageNameCasing": error must be true or false', 32, 57],
      ['FromAsCasing', "'as' is cased differently from 'FROM'; write 'AS'.", 12, 14],
      ['StageNameCasing', "Stage name 'Build' has uppercase letters; stage names are case-insensitive and stored in lowercase, so write 'build'.", 15, 20],
    ]);
    // From 1.10 the third part is read, and its skip replaces the first.
    expect(codesOf(cased('1.10'))).toEqual(['FromAsCasing']);
  });

  it('reads check comments above an instruction only from 1.21, and offers to add one only then', () => {
    const text = (pin: string) => `# syntax=docker/dockerfile:${pin}\nFROM alpine\n# check=skip=JSONArgsRecommended\nCMD echo hi\n# check=bogus\nCMD ["a"]\n`;
    expect(codesOf(text('1.20'))).toEqual(['MultipleInstructionsDisallowed', 'JSONArgsRecommended']);
    expect(codesOf(text('1.21'))).toEqual(['MultipleInstructionsDisallowed', 'invalid-check-option']);
    const cmd = (pin: string) => `# syntax=docker/dockerfile:${pin}\nFROM alpine\nCMD echo hi\n`;
    expect(fixTitles(cmd('1.20'), 'JSONArgsRecommended')).toEqual(['Use the JSON form ["echo", "hi"] (preferred)', 'Skip JSONArgsRecommended in this file']);
    expect(fixTitles(cmd('1.21'), 'JSONArgsRecommended')).toEqual([
      'Use the JSON form ["echo", "hi"] (preferred)',
      'Skip JSONArgsRecommended for this instruction',
      'Skip JSONArgsRecommended in this file',
    ]);
  });

  it('leaves unpinned files to the newest frontend: no directive, a floating tag, labs, a digest, another image', () => {
    for (const syntax of [
      '',
      '# syntax=docker/dockerfile:1\n',
      '# syntax=docker/dockerfile:1-labs\n',
      '# syntax=docker/dockerfile:1.4@sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d\n',
      '# syntax=docker/dockerfile-upstream:1.4\n',
    ]) {
      expect(codesAndSeverities(`${syntax}${BODY}`), syntax).toEqual(['FromAsCasing 1', 'LegacyKeyValueFormat 1']);
    }
    // Another frontend gets the same checks, but docker/dockerfile's errors are warnings there (otherFrontend.test.ts).
    expect(codesAndSeverities(`# syntax=example.com/frontend:1.4\n${BODY}`)).toEqual(['FromAsCasing 2', 'LegacyKeyValueFormat 2']);
    // The newest release's checks and defaults: ExposeProtoCasing (1.18), CopyIgnoredFile on (1.21).
    const newest = 'FROM alpine\nEXPOSE 80/TCP\nCOPY app.log /x\n';
    expect(codesOf(newest, { dockerignore: '*.log\n' })).toEqual(['ExposeProtoCasing', 'CopyIgnoredFile']);
  });
});
