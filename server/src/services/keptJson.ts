// JSON kept with the objects an answer lists. The services keep answer objects (outline symbols,
// diagnostics) from one version to the next while what they describe is unchanged, and never change
// such an object once made; so its JSON, written once, can be kept with it and a whole answer is a
// list of kept strings (server/preparedJson.ts sends it as it is).
//
// An answer stays in pieces until the transport writes it: joined into one string, a large answer
// (a megabyte at 50,000 lines) would be copied once more, into a large object that outlives the
// young generation and is only freed by a full collection, so every request would raise the peak.

/** JSON text in pieces: written one after another, they make one JSON value. */
export type JsonPieces = string[];

const NON_ASCII = /[\u0080-\uffff]/;
const EVERY_NON_ASCII = /[\u0080-\uffff]/g;

/**
 * The JSON of `value` to keep: JSON.stringify's text with each character beyond ASCII written as a
 * `\u` escape, stored at one byte a character. Any JSON reader reads the same value. V8 stores a
 * string at two bytes a character once one character is past U+00FF, and so does every string made
 * from it: JSON.stringify's text when a value has such a character (the `…` of a cut outline detail)
 * or is made from a slice of a document that has one (an emoji in a comment), and the escaped text,
 * although it is ASCII. So the text is copied through Latin-1 bytes, which stores it at one.
 */
export function keptJsonText(value: object): string {
  let json = JSON.stringify(value);
  if (NON_ASCII.test(json)) json = json.replace(EVERY_NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return oneByte(json);
}

/** Where `oneByte` copies texts up to its size (a buffer per text cost four times as much time). */
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

/** An ASCII `text` stored at one byte a character. */
function oneByte(text: string): string {
  if (text.length > SCRATCH.length) return Buffer.from(text, 'latin1').toString('latin1');
  const length = SCRATCH.write(text, 0, 'latin1');
  return SCRATCH.toString('latin1', 0, length);
}

/** `items` written as a JSON array onto `out`, each item's text (keptJsonText) kept in `kept`. */
export function keptJsonArray<T extends object>(items: readonly T[], kept: WeakMap<T, string>, out: JsonPieces = []): JsonPieces {
  out.push('[');
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    let json = kept.get(item);
    if (json === undefined) kept.set(item, (json = keptJsonText(item)));
    if (i > 0) out.push(',');
    out.push(json);
  }
  out.push(']');
  return out;
}
