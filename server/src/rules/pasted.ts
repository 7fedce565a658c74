// Characters that text copied from a web page or a word processor brings in place of ASCII ones:
// spaces that are no blank to BuildKit or to a shell (both split words at ASCII blanks only), dashes
// that are no hyphen-minus, so no flag or option starts with them, and quotes that quote nothing.
// Read by the rules that explain them (unknown-instruction, missing-arguments, unicode-dash-flag,
// exec-form-not-json, SC1018, SC1100, SC1110) and by the hint for `can't find =`; the quick tests for
// these characters are made from the tables (`anyOf`), so a character is added in one place.

/** Spaces outside ASCII, by name. */
export const UNICODE_SPACES: ReadonlyMap<number, string> = new Map([
  [0x00a0, 'a no-break space'],
  [0x1680, 'an ogham space mark'],
  [0x2000, 'an en quad'],
  [0x2001, 'an em quad'],
  [0x2002, 'an en space'],
  [0x2003, 'an em space'],
  [0x2004, 'a three-per-em space'],
  [0x2005, 'a four-per-em space'],
  [0x2006, 'a six-per-em space'],
  [0x2007, 'a figure space'],
  [0x2008, 'a punctuation space'],
  [0x2009, 'a thin space'],
  [0x200a, 'a hair space'],
  [0x200b, 'a zero-width space'],
  [0x202f, 'a narrow no-break space'],
  [0x205f, 'a medium mathematical space'],
  [0x3000, 'an ideographic space'],
  [0xfeff, 'a zero-width no-break space'],
]);

/** Dashes that are not ASCII's hyphen-minus, by name. */
export const UNICODE_DASHES: ReadonlyMap<number, string> = new Map([
  [0x2010, 'a hyphen'],
  [0x2011, 'a non-breaking hyphen'],
  [0x2012, 'a figure dash'],
  [0x2013, 'an en dash'],
  [0x2014, 'an em dash'],
  [0x2015, 'a horizontal bar'],
  [0x2212, 'a minus sign'],
  [0xfe58, 'a small em dash'],
  [0xfe63, 'a small hyphen-minus'],
  [0xff0d, 'a fullwidth hyphen-minus'],
]);

/** Typographic quotes, by name. */
export const TYPOGRAPHIC_QUOTES: ReadonlyMap<number, string> = new Map([
  [0x201c, 'a left double quotation mark'],
  [0x201d, 'a right double quotation mark'],
  [0x201e, 'a low double quotation mark'],
  [0x2018, 'a left single quotation mark'],
  [0x2019, 'a right single quotation mark'],
  [0x00ab, 'a left guillemet'],
  [0x00bb, 'a right guillemet'],
]);

/**
 * Each typographic quote that opens a string, with the characters that close it (`“node”`, `„x“`,
 * `‘x’`, `«x»`; a closing mark also opens, as autocorrection leaves them).
 */
export const TYPOGRAPHIC_QUOTE_CLOSERS: ReadonlyMap<string, string> = new Map([
  ['\u201c', '\u201d\u201c'],
  ['\u201d', '\u201d'],
  ['\u201e', '\u201c\u201d'],
  ['\u2018', '\u2019\u2018'],
  ['\u2019', '\u2019'],
  ['\u00ab', '\u00bb'],
]);

/** The text inside typographic quotes that wrap all of `text` (`“my app”`), else undefined. */
export function typographicallyQuoted(text: string): string | undefined {
  const closers = TYPOGRAPHIC_QUOTE_CLOSERS.get(text[0]);
  return text.length >= 2 && closers?.includes(text[text.length - 1]) ? text.slice(1, -1) : undefined;
}

/** A quick test for any of `codes` in a text (a character class made from the table, not written again). */
export function anyOf(codes: Iterable<number>): RegExp {
  return new RegExp(`[${[...codes].map((c) => `\\u${c.toString(16).padStart(4, '0')}`).join('')}]`);
}

/**
 * A word that would be a flag but for its dashes (`–from=x`, `–-from`, `——link`): how many characters
 * stand for `--`, and the flag's name. Undefined for a word that does not start with a Unicode dash.
 */
export function dashedFlag(text: string): { dashes: number; name: string } | undefined {
  if (!UNICODE_DASHES.has(text.charCodeAt(0))) return undefined;
  const second = text.charCodeAt(1);
  const dashes = second === 0x2d || UNICODE_DASHES.has(second) ? 2 : 1;
  const name = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(dashes))?.[0];
  if (!name) return undefined;
  const after = text.charCodeAt(dashes + name.length);
  return Number.isNaN(after) || after === 0x3d ? { dashes, name } : undefined;
}

/** A character of these tables by name and code point: `an en dash (U+2013)`. */
export function describePasted(code: number): string {
  const name = UNICODE_SPACES.get(code) ?? UNICODE_DASHES.get(code) ?? TYPOGRAPHIC_QUOTES.get(code) ?? 'a character';
  return `${name} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}
