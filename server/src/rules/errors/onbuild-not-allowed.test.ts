import { describe, it } from 'vitest';
import { onbuildNotAllowed } from './onbuild-not-allowed';
import { checkErrors } from './testing';

describe('onbuild-not-allowed', () => {
  it('reports ONBUILD, FROM and MAINTAINER triggers in any case', () => {
    checkErrors('FROM alpine\nONBUILD $[ONBUILD$] RUN x\nONBUILD $[from$] scratch\nONBUILD $[MAINTAINER$] me\nONBUILD RUN make\n', [
      ['onbuild-not-allowed', 'ONBUILD ONBUILD is not allowed: a trigger cannot register another trigger.'],
      ['onbuild-not-allowed', 'FROM cannot be an ONBUILD trigger: the image that uses this one already has its own FROM.'],
      ['onbuild-not-allowed', 'MAINTAINER cannot be an ONBUILD trigger; use LABEL org.opencontainers.image.authors="..." instead.'],
    ], [onbuildNotAllowed]);
  });
});
