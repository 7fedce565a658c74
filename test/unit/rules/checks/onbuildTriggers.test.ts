// The checks BuildKit runs on ONBUILD triggers where they run: in a stage of the file built FROM
// the stage that has them, reported at that stage's FROM (dockerfile2llb initOnBuildTriggers gives
// the parsed trigger the stage's location), and only in stages the last stage needs.

import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

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

  it('follows the file\'s check configuration', () => {
    checkDiagnostics(
      ['# check=skip=LegacyKeyValueFormat', 'FROM alpine AS base', 'ONBUILD ENV APP /srv/app', 'ONBUILD ARG API_TOKEN', 'FROM $[base$]', ''].join('\n'),
      [{ code: 'SecretsUsedInArgOrEnv', message: secret(4, 'ARG', 'API_TOKEN') }],
    );
  });
});
