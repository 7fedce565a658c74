import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { diagnosticsFit } from '../../../server/src/server/diagnosticsFit';

const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 13 } };
const maintainer: Diagnostic = { range, message: 'MAINTAINER is deprecated', code: 'MaintainerDeprecated', codeDescription: { href: 'https://example.com/m' }, tags: [2] };
const plain: Diagnostic = { range, message: 'plain', code: 'DL3003' };

describe('diagnosticsFit', () => {
  it('keeps the list itself when everything fits', () => {
    const list = [maintainer, plain];
    expect(diagnosticsFit(() => ({ tags: [1, 2], codeDescription: true, relatedInformation: true }))(list)).toBe(list);
  });

  it('leaves out what the client does not read, in a copy that is the same object each time', () => {
    const fit = diagnosticsFit(() => ({ tags: [1], codeDescription: false, relatedInformation: true }));
    const first = fit([maintainer, plain]);
    expect(first).toEqual([{ range, message: 'MAINTAINER is deprecated', code: 'MaintainerDeprecated' }, plain]);
    expect(first[1]).toBe(plain);
    const second = fit([maintainer]);
    expect(second[0]).toBe(first[0]);
    expect(maintainer.tags).toEqual([2]);
  });

  it('keeps the tags the client lists', () => {
    const both: Diagnostic = { ...maintainer, tags: [1, 2] };
    expect(diagnosticsFit(() => ({ tags: [1], codeDescription: true, relatedInformation: true }))([both])).toEqual([{ ...maintainer, tags: [1] }]);
  });

  it('leaves out relatedInformation for a client that does not declare it', () => {
    const related = { location: { uri: 'file:///p/.dockerignore', range }, message: "'x' excludes 'x'" };
    const copy: Diagnostic = { ...plain, relatedInformation: [related] };
    expect(diagnosticsFit(() => ({ tags: [], codeDescription: true, relatedInformation: false }))([copy])).toEqual([plain]);
    expect(diagnosticsFit(() => ({ tags: [], codeDescription: true, relatedInformation: true }))([copy])).toEqual([copy]);
  });
});
