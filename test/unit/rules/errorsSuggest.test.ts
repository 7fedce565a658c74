// The "did you mean" helper shared by the error rules.
import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../../server/src/rules/suggest';

const INSTRUCTIONS = ['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect([editDistance('run', 'run'), editDistance('runn', 'run'), editDistance('rn', 'run'), editDistance('rum', 'run'), editDistance('form', 'from')]).toEqual([0, 1, 1, 1, 1]);
    expect([editDistance('', 'abc'), editDistance('abc', ''), editDistance('kitten', 'sitting')]).toEqual([3, 3, 3]);
  });
});

describe('suggest', () => {
  it('finds typos, swapped letters, words cut short and wrong case', () => {
    expect(['RUNN', 'form', 'WORKDIRR', 'HEALTHCEHCK', 'ENTRY', 'cpy'].map((w) => suggest(w, INSTRUCTIONS)?.value)).toEqual(['RUN', 'FROM', 'WORKDIR', 'HEALTHCHECK', 'ENTRYPOINT', 'COPY']);
    expect(suggest('Network', ['mount', 'network', 'security', 'device'])).toEqual({ value: 'network', unique: true });
  });

  it('suggests nothing for an exact match or a word that is not close', () => {
    expect(suggest('RUN', INSTRUCTIONS)).toBeUndefined();
    expect(suggest('apt-get', INSTRUCTIONS)).toBeUndefined();
    expect(suggest('user', ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'])).toBeUndefined();
  });

  it('says when two candidates are equally close', () => {
    expect(suggest('ab', ['aa', 'bb'])).toEqual({ value: 'aa', unique: false });
    expect(suggest('tcpp', ['tcp', 'udp', 'sctp'])).toEqual({ value: 'tcp', unique: true });
  });
});
