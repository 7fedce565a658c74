import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const message = (kind: string, name: string) =>
  `${kind} '${name}' looks like it holds a secret; ${kind} values stay in the image metadata and history. Pass secrets with RUN --mount=type=secret instead.`;

describe('SecretsUsedInArgOrEnv', () => {
  it('flags ARG and ENV names with a secret-like part, each name', () => {
    checkDiagnostics('FROM alpine\nARG $[GITHUB_TOKEN$]\nENV $[DB_Password$]=x $[api_key$]=y MODE=z\n', [
      { code: 'SecretsUsedInArgOrEnv', message: message('ARG', 'GITHUB_TOKEN') },
      { code: 'SecretsUsedInArgOrEnv', message: message('ENV', 'DB_Password') },
      { code: 'SecretsUsedInArgOrEnv', message: message('ENV', 'api_key') },
    ]);
  });

  it('accepts parts that only contain a secret word, public keys, key files and versions', () => {
    checkDiagnostics('FROM alpine\nARG TOKENIZER MONKEY AUTHOR PUBLIC_KEY GPG_KEY_FILE KEY_VERSION\n', []);
  });

  it('exempts no part under frontends before 1.11, which had no allow list', () => {
    checkDiagnostics('# syntax=docker/dockerfile:1.10\nFROM alpine AS base\nARG $[PUBLIC_KEY$] $[GPG_KEY_FILE$]\nONBUILD ENV KEY_VERSION=1\nFROM $[base$]\n', [
      { code: 'SecretsUsedInArgOrEnv', message: message('ARG', 'PUBLIC_KEY') },
      { code: 'SecretsUsedInArgOrEnv', message: message('ARG', 'GPG_KEY_FILE') },
      { code: 'SecretsUsedInArgOrEnv', message: `The ONBUILD on line 4 runs first in this stage: ${message('ENV', 'KEY_VERSION')}` },
    ], { only: ['SecretsUsedInArgOrEnv'] });
    checkDiagnostics('# syntax=docker/dockerfile:1.11\nFROM alpine\nARG PUBLIC_KEY GPG_KEY_FILE KEY_VERSION\n', [], { only: ['SecretsUsedInArgOrEnv'] });
  });

  it('does not check global ARGs, as BuildKit does not', () => {
    checkDiagnostics('ARG NPM_TOKEN\nFROM alpine\n', []);
  });
});
