import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const only = ['DL3007'];
const message = "The 'latest' tag moves whenever a new image is pushed, so this build can change without any change here. Use a specific version tag (or a digest).";

describe('DL3007', () => {
  it('flags the latest tag, also after a registry written with a variable', () => {
    checkDiagnostics('ARG REG=ghcr.io\nFROM $[ubuntu:latest$]\nFROM $[${REG}/app:latest$] AS app\n', [
      { code: 'DL3007', message },
      { code: 'DL3007', message },
    ], { only });
  });

  it('ignores other tags, latest with a digest, untagged images and look-alikes', () => {
    checkDiagnostics(
      'FROM ubuntu:24.04\nFROM ubuntu:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM ubuntu:latest-lts\nFROM latest:1\nFROM localhost:5000/latest\n',
      [],
      { only },
    );
  });
});
