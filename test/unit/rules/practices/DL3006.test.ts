import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const only = ['DL3006'];
const message = (image: string) => `'${image}' has no tag, so it means '${image}:latest', which changes whenever a new image is pushed. Add a version tag: ${image}:<version>.`;

describe('DL3006', () => {
  it('flags an image without tag or digest, registry ports included', () => {
    checkDiagnostics('FROM $[ubuntu$] AS base\nFROM --platform=linux/amd64 $[localhost:5000/app$]\n', [
      { code: 'DL3006', message: message('ubuntu') },
      { code: 'DL3006', message: message('localhost:5000/app') },
    ], { only });
  });

  it('ignores tags, digests, scratch, earlier stages and images written with variables', () => {
    checkDiagnostics(
      'ARG BASE=alpine\nFROM ubuntu:24.04 AS build\nFROM build\nFROM scratch\nFROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nFROM ${BASE}\nFROM $BASE AS other\n',
      [],
      { only },
    );
  });
});
