import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const only = ['DL3022'];
const message = (word: string, stage: string, option = '--from=') =>
  `No stage is named '${word}', so the build reads ${option}${word} as an image and tries to pull it (or takes a build context of that name). Did you mean the stage '${stage}'?`;

describe('DL3022', () => {
  it('flags a --from or from= one or two letters away from a stage name', () => {
    checkDiagnostics(
      'FROM golang:1.22 AS builder\nRUN go build -o /app\nFROM alpine:3\nCOPY --from=$[buidler$] /app /app\nRUN --mount=type=bind,from=$[builde$],target=/src true\nCOPY --from=$[bulider$] /a /b\n',
      [
        { code: 'DL3022', message: message('buidler', 'builder'), severity: 'warning' },
        { code: 'DL3022', message: message('builde', 'builder', 'from='), severity: 'warning' },
        { code: 'DL3022', message: message('bulider', 'builder'), severity: 'warning' },
      ],
      { only },
    );
  });

  it('suggests from the stage names of the file it checks, not from those of the file checked before', () => {
    // The suggestions are kept while the stage names stay the same: a file with other names gets its own.
    checkDiagnostics('FROM alpine:3 AS builder\nFROM alpine:3\nCOPY --from=$[buildr$] /a /a\n', [{ code: 'DL3022', message: message('buildr', 'builder'), severity: 'warning' }], { only });
    checkDiagnostics('FROM alpine:3 AS builds\nFROM alpine:3\nCOPY --from=$[buildr$] /a /a\n', [{ code: 'DL3022', message: message('buildr', 'builds'), severity: 'warning' }], { only });
  });

  it('suggests no stage defined further down, which the build would reach too late (stage-defined-later)', () => {
    checkDiagnostics('FROM alpine:3 AS final\nCOPY --from=assest /x /x\nRUN --mount=from=assest,target=/t true\nFROM alpine:3 AS assets\n', [], { only });
  });

  it('ignores stages (in any case), numbers, images, contexts that look like no stage, and variables', () => {
    checkDiagnostics(
      'ARG SRC=builder\nFROM golang:1.22 AS builder\nFROM alpine:3\nCOPY --from=BUILDER /a /a\nCOPY --from=0 /a /a\nCOPY --from=nginx /etc/nginx /etc/nginx\nCOPY --from=nginx:1.27 /a /a\nCOPY --from=docker.io/library/builder /a /a\nCOPY --from=ghcr.io/org/buildr:1 /a /a\nCOPY --from=${SRC}x /a /a\nCOPY --from=mylib /a /a\nRUN --mount=from=golang:1.22,target=/go true\n',
      [],
      { only },
    );
  });

  it('ignores words under five letters and official images people copy from, a letter away from a stage or not', () => {
    checkDiagnostics(
      'FROM alpine:3 AS base\nFROM alpine:3 AS nodes\nFROM alpine:3 AS nginx1\nFROM alpine:3\nCOPY --from=bash /bin/bash /bin/bash\nCOPY --from=bas /a /a\nCOPY --from=node /a /a\nCOPY --from=nginx /a /a\nCOPY --from=$[nodess$] /a /a\n',
      [{ code: 'DL3022', message: message('nodess', 'nodes') }],
      { only },
    );
  });

  it('changes the word to the stage name', () => {
    checkFix(
      'FROM golang:1.22 AS builder\nFROM alpine:3\nCOPY --from=buidler /app /app\n',
      'DL3022',
      'Change to builder',
      'FROM golang:1.22 AS builder\nFROM alpine:3\nCOPY --from=builder /app /app\n',
    );
    expect(fixTitles('FROM golang:1.22 AS builder\nFROM alpine:3\nCOPY --from=buidler /app /app\n', 'DL3022')).toEqual([
      'Change to builder (preferred)',
      'Ignore DL3022 for this instruction',
    ]);
  });

  it('prefers no stage when two are as close', () => {
    expect(fixTitles('FROM alpine:3 AS web-1\nFROM alpine:3 AS web-2\nFROM alpine:3\nCOPY --from=web-3 /a /a\n', 'DL3022')).toEqual([
      'Change to web-1',
      'Ignore DL3022 for this instruction',
    ]);
  });

  it('suggests no stage that needs the referring one, which would close a cycle (found by the quick-fix sweep)', () => {
    checkDiagnostics('FROM alpine:3 AS builder\nCOPY --from=buidler a b\n', [], { only });
    checkDiagnostics('FROM alpine:3 AS assets\nCOPY --from=buidler a b\nFROM alpine:3 AS builder\nCOPY --from=assets a b\n', [], { only });
    checkDiagnostics('FROM alpine:3 AS builder\nFROM alpine:3 AS assets\nCOPY --from=$[buidler$] a b\n', [{ code: 'DL3022', message: message('buidler', 'builder') }], { only });
  });

  it('gives up in a file with more than 32 different words that name no stage, which uses contexts by design', () => {
    const contexts = (n: number) => Array.from({ length: n }, (_, i) => `COPY --from=context${i} /a /a\n`).join('');
    checkDiagnostics(`FROM alpine:3 AS builder\nFROM alpine:3\n${contexts(31)}COPY --from=$[buidler$] /a /a\n`, [{ code: 'DL3022', message: message('buidler', 'builder') }], { only });
    checkDiagnostics(`FROM alpine:3 AS builder\nFROM alpine:3\n${contexts(32)}COPY --from=buidler /a /a\n`, [], { only });
  });
});
