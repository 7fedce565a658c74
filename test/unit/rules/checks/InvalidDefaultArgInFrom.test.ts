import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

// These images also fail the build, which an error rule reports; here only the check is looked at.
const options = { settings: { diagnostics: { rules: { 'invalid-image-reference': 'off' } } } };

describe('InvalidDefaultArgInFrom', () => {
  it('flags an image that expands to nothing with the default ARG values', () => {
    checkDiagnostics(
      'ARG BASE\nFROM $[$BASE$]\n',
      [
        {
          code: 'InvalidDefaultArgInFrom',
          message: "With the default values of its ARGs, '$BASE' expands to an empty name; give the ARG a default that works, or the build fails unless --build-arg sets it.",
        },
      ],
      options,
    );
  });

  it('flags an image that expands to an invalid reference', () => {
    checkDiagnostics(
      'ARG VERSION\nFROM $[alpine:${VERSION}$]\nFROM $[Build$]\n',
      [
        {
          code: 'InvalidDefaultArgInFrom',
          message:
            "With the default values of its ARGs, 'alpine:${VERSION}' expands to 'alpine:', which is not a valid image reference; give the ARG a default that works, or the build fails unless --build-arg sets it.",
        },
        {
          code: 'InvalidDefaultArgInFrom',
          message:
            "'Build' is not a valid image reference, and it uses no ARG, so no build argument can make it one: write [registry/]name[:tag] in lower case.",
        },
      ],
      options,
    );
  });

  it('accepts images that are valid with the defaults, including the platform ARGs', () => {
    checkDiagnostics('ARG VERSION=3.20\nARG TAG=${VERSION}-slim\nFROM alpine:${TAG}\nFROM --platform=$BUILDPLATFORM golang:1.22-${TARGETARCH} AS build\n', []);
  });
});
