import { describe, expect, it } from 'vitest';
import { DocWriter, escapeMarkdown } from '../../../server/src/services/markup';

describe('escapeMarkdown', () => {
  it('escapes every character that could start markup, and folds line breaks', () => {
    expect(escapeMarkdown('[a](http://x) *b* _c_ <d> `e` # f & g!\nh')).toBe(
      '\\[a\\]\\(http\\:\\/\\/x\\) \\*b\\* \\_c\\_ \\<d\\> \\`e\\` \\# f \\& g\\! h',
    );
  });

  it('leaves letters, digits and spaces alone', () => {
    expect(escapeMarkdown('alpine 3 20')).toBe('alpine 3 20');
  });
});

describe('DocWriter', () => {
  const md = new DocWriter('markdown');
  const plain = new DocWriter('plaintext');

  it('puts file text in code spans long enough to hold its backticks', () => {
    expect(md.code('a')).toBe('`a`');
    expect(md.code('a`b')).toBe('``a`b``');
    expect(md.code('`a')).toBe('`` `a ``');
    expect(md.code(' a ')).toBe('`  a  `');
    expect(md.code('')).toBe('` `');
    expect(md.code('a\nb')).toBe('`a b`');
    expect(plain.code('a`b')).toBe('a`b');
  });

  it('fences blocks longer than any backtick run inside', () => {
    expect(md.block('FROM a')).toBe('```dockerfile\nFROM a\n```');
    expect(md.block('FROM a # ````')).toBe('`````dockerfile\nFROM a # ````\n`````');
    expect(plain.block('FROM a')).toBe('FROM a');
  });

  it('writes our prose as Markdown, or as plain text without markup', () => {
    expect(md.prose('Use `COPY` **now**.')).toBe('Use `COPY` **now**.');
    expect(plain.prose('Use `COPY` **now**.')).toBe('Use COPY now.');
    expect(md.link('https://x')).toBe('[Dockerfile reference](https://x)');
    expect(plain.link('https://x')).toBe('Dockerfile reference: https://x');
    expect(md.requires('1.4')).toBe('Requires `# syntax=docker/dockerfile:1.4` or later.');
    expect(plain.requires(undefined)).toBeUndefined();
  });

  it('joins paragraphs, skipping empty ones', () => {
    expect(md.join('a', undefined, false, '', 'b')).toBe('a\n\nb');
  });
});
