// Tests of the rules about single instructions: shell-not-json, healthcheck-type,
// onbuild-not-allowed, copy-from-variable, copy-url-source.
import { describe, expect, it } from 'vitest';
import { copyFromVariable } from './copy-from-variable';
import { copyUrlSource } from './copy-url-source';
import { healthcheckType } from './healthcheck-type';
import { onbuildNotAllowed } from './onbuild-not-allowed';
import { shellNotJson } from './shell-not-json';
import { checkErrors, checkFix, fixesAt } from './testing';

describe('shell-not-json', () => {
  it('reports SHELL in shell form, and single-quoted arrays', () => {
    checkErrors('FROM alpine\nSHELL $[/bin/bash -c$]\nSHELL $[[\'pwsh\', \'-c\']$]\nSHELL ["/bin/sh", "-c"]\n', [
      ['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["/bin/bash", "-c"].'],
      ['shell-not-json', 'SHELL needs a JSON array of strings in double quotes, such as ["pwsh", "-c"].'],
    ], [shellNotJson]);
  });

  it('converts to the JSON form', () => {
    checkFix('FROM alpine\nSHELL /bin/ba$0sh -o pipefail -c\n', 'shell-not-json', 'Change to ["/bin/bash", "-o", "pipefail", "-c"]', 'FROM alpine\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n');
  });
});

describe('healthcheck-type', () => {
  it('reports another type, NONE with arguments and CMD without a command', () => {
    checkErrors('FROM alpine\nHEALTHCHECK $[CONNECT$] TCP 7000\nHEALTHCHECK NONE $[curl x$]\nHEALTHCHECK $[CMD$]\nHEALTHCHECK $[cmd$] []\nHEALTHCHECK none\nHEALTHCHECK cmd ["true"]\n', [
      ['healthcheck-type', 'HEALTHCHECK expects CMD or NONE here, not "CONNECT". Write HEALTHCHECK CMD <command> to run a command.'],
      ['healthcheck-type', 'HEALTHCHECK NONE takes nothing after NONE: it only turns off a health check inherited from the base image.'],
      ['healthcheck-type', 'HEALTHCHECK CMD needs a command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.'],
      ['healthcheck-type', 'HEALTHCHECK CMD needs a command to run, such as HEALTHCHECK CMD curl -f http://localhost/ || exit 1.'],
    ], [healthcheckType]);
  });

  it('inserts CMD before a command, or corrects a misspelt type', () => {
    checkFix('FROM alpine\nHEALTHCHECK --interval=5s cu$0rl -f http://localhost/\n', 'healthcheck-type', 'Insert CMD before curl', 'FROM alpine\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/\n');
    expect(checkFix('FROM alpine\nHEALTHCHECK CD$0M true\n', 'healthcheck-type', 'Change to CMD', 'FROM alpine\nHEALTHCHECK CMD true\n')).toEqual(['*Change to CMD']);
  });
});

describe('onbuild-not-allowed', () => {
  it('reports ONBUILD, FROM and MAINTAINER triggers in any case', () => {
    checkErrors('FROM alpine\nONBUILD $[ONBUILD$] RUN x\nONBUILD $[from$] scratch\nONBUILD $[MAINTAINER$] me\nONBUILD RUN make\n', [
      ['onbuild-not-allowed', 'ONBUILD ONBUILD is not allowed: a trigger cannot register another trigger.'],
      ['onbuild-not-allowed', 'FROM cannot be an ONBUILD trigger: the image that uses this one already has its own FROM.'],
      ['onbuild-not-allowed', 'MAINTAINER cannot be an ONBUILD trigger; use LABEL org.opencontainers.image.authors="..." instead.'],
    ], [onbuildNotAllowed]);
  });
});

describe('copy-from-variable', () => {
  it('reports variables in --from, which BuildKit never expands', () => {
    checkErrors('FROM alpine AS base\nCOPY --from=$[${BASE}$] /a /b\nCOPY --from=$[$BASE$] /a /b\nCOPY --from=base /a /b\nCOPY --from=0 /a /b\nCOPY --from=nginx:alpine /a /b\n', [
      ['copy-from-variable', '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.'],
      ['copy-from-variable', '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.'],
    ], [copyFromVariable]);
  });
});

describe('copy-url-source', () => {
  it('reports URLs and Git repositories as COPY sources', () => {
    checkErrors('FROM alpine\nCOPY $[https://example.com/a.tgz$] /a\nCOPY $[git@github.com:moby/buildkit.git$] /src\nCOPY $[https://github.com/moby/buildkit.git#v0.10$] /src\nADD https://example.com/a.tgz /a\nCOPY http.conf /etc/\n', [
      ['copy-url-source', 'COPY cannot fetch a URL; it copies from the build context or another stage. Use ADD for a URL, or download it in a RUN step.'],
      ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
      ['copy-url-source', 'COPY cannot fetch a Git repository; it copies from the build context or another stage. Use ADD for a Git repository, or download it in a RUN step.'],
    ], [copyUrlSource]);
  });

  it('changes COPY to ADD unless a COPY-only flag is used', () => {
    checkFix('FROM alpine\ncopy --chown=1 https://$0example.com/a.tgz /a\n', 'copy-url-source', 'Change COPY to ADD', 'FROM alpine\nadd --chown=1 https://example.com/a.tgz /a\n');
    expect(fixesAt('FROM alpine\nCOPY --parents https://$0example.com/a.tgz /a\n', 'copy-url-source').actions).toEqual([]);
  });
});
