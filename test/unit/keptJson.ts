// Checks of JSON an answer keeps (services/keptJson.ts): the value JSON.stringify would write, all in
// ASCII, stored by V8 at one byte a character.
import { serialize } from 'node:v8';
import { expect } from 'vitest';

/**
 * Whether V8 stores `text` at one byte a character. Its serializer writes a string as it is stored:
 * after the two header bytes and any padding bytes (0), tag `"` for one byte a character, `c` for two.
 */
export function storedOneByte(text: string): boolean {
  const bytes = serialize(text);
  let at = 2;
  while (bytes[at] === 0) at++;
  if (bytes[at] !== 0x22 && bytes[at] !== 0x63) throw new Error(`unexpected serializer tag ${bytes[at]}`);
  return bytes[at] === 0x22;
}

export function expectKeptJson(text: string, value: unknown): void {
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  expect(/[\u0080-\uffff]/.exec(text)?.[0]).toBeUndefined();
  expect(storedOneByte(text)).toBe(true);
}
