import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

describe('UndefinedArgInFrom', () => {
  it('flags a FROM variable no global ARG declares, in the image and in --platform', () => {
    checkDiagnostics('ARG VERSION=3.20\nFROM --platform=$[${PLATFROM:-linux/amd64}$] alpine:3$[${VERSON}$]\n', [
      {
        code: 'UndefinedArgInFrom',
        message: "'$PLATFROM' is not declared by an ARG before the first FROM, so '${PLATFROM:-linux/amd64}' falls back to its default here.",
      },
      {
        code: 'UndefinedArgInFrom',
        message: "'$VERSON' is not declared by an ARG before the first FROM, so it expands to an empty string here (did you mean '$VERSION'?).",
      },
    ]);
  });

  it('accepts declared global ARGs (with or without a default) and automatic platform ARGs', () => {
    checkDiagnostics('ARG VERSION=3.20\nARG REGISTRY\nFROM --platform=$BUILDPLATFORM ${REGISTRY}alpine:$VERSION-$TARGETARCH\n', []);
  });

  it('does not see ARGs declared inside a stage', () => {
    checkDiagnostics('FROM alpine\nARG BASE=alpine\nFROM $[${BASE:-alpine}$]\n', [
      { code: 'UndefinedArgInFrom', message: "'$BASE' is not declared by an ARG before the first FROM, so '${BASE:-alpine}' falls back to its default here." },
    ]);
  });

  it('reports a name once per expression', () => {
    checkDiagnostics('FROM alpine:3$[$X$]$X\n', [
      { code: 'UndefinedArgInFrom', message: "'$X' is not declared by an ARG before the first FROM, so it expands to an empty string here." },
    ]);
  });

  it('replaces a misspelt name with the suggestion', () => {
    checkFix('ARG VERSION=3.20\nFROM alpine:3${VERSON}\n', 'UndefinedArgInFrom', "Change to '$VERSION'", 'ARG VERSION=3.20\nFROM alpine:3${VERSION}\n');
  });
});
