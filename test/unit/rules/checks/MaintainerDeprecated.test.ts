import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

describe('MaintainerDeprecated', () => {
  it('flags MAINTAINER and tags it deprecated', () => {
    checkDiagnostics('FROM alpine\n$[MAINTAINER Jane Doe <jane@example.com>$]\n', [
      {
        code: 'MaintainerDeprecated',
        message: 'MAINTAINER is deprecated; record the author with LABEL org.opencontainers.image.authors="..." instead.',
        tags: [2],
      },
    ]);
  });

  it('accepts the authors label', () => {
    checkDiagnostics('FROM alpine\nLABEL org.opencontainers.image.authors="Jane Doe"\n', []);
  });

  it('rewrites it as the OCI authors label, quoting what the builder would expand', () => {
    checkFix(
      'FROM alpine\nMAINTAINER Jane "JD" Doe $5 <jane@example.com>\n',
      'MaintainerDeprecated',
      'Replace with LABEL org.opencontainers.image.authors',
      'FROM alpine\nLABEL org.opencontainers.image.authors="Jane \\"JD\\" Doe \\$5 <jane@example.com>"\n',
    );
  });

  it('keeps a lowercase file lowercase', () => {
    checkFix('from alpine\nmaintainer jane\n', 'MaintainerDeprecated', 'Replace with LABEL org.opencontainers.image.authors', 'from alpine\nlabel org.opencontainers.image.authors="jane"\n');
  });
});
