import { describe, it } from 'vitest';
import { copyFromVariable } from './copy-from-variable';
import { checkErrors } from './testing';

describe('copy-from-variable', () => {
  it('reports variables in --from, which BuildKit never expands', () => {
    checkErrors('FROM alpine AS base\nCOPY --from=$[${BASE}$] /a /b\nCOPY --from=$[$BASE$] /a /b\nCOPY --from=base /a /b\nCOPY --from=0 /a /b\nCOPY --from=nginx:alpine /a /b\n', [
      ['copy-from-variable', '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.'],
      ['copy-from-variable', '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.'],
    ], [copyFromVariable]);
  });
});
