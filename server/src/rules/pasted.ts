// Characters that text copied from a web page or a word processor brings in place of ASCII ones:
// spaces that are no blank to BuildKit or to a shell (both split words at ASCII blanks only), dashes
// that are no hyphen-minus, so no flag or option starts with them, and quotes that quote nothing.
// Read by the rules that explain them (unknown-instruction, unicode-dash-flag, SC1018, SC1100, SC1110).

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
]);

/** A character of these tables by name and code point: `an en dash (U+2013)`. */
export function describePasted(code: number): string {
  const name = UNICODE_SPACES.get(code) ?? UNICODE_DASHES.get(code) ?? TYPOGRAPHIC_QUOTES.get(code) ?? 'a character';
  return `${name} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}
