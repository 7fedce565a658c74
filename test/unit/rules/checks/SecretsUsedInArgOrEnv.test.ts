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

  it('does not check global ARGs, as BuildKit does not', () => {
    checkDiagnostics('ARG NPM_TOKEN\nFROM alpine\n', []);
  });
});
