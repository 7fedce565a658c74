// Checks of JSON an answer keeps (services/keptJson.ts): the value JSON.stringify would write, all in ASCII.
import { expect } from 'vitest';

export function expectKeptJson(text: string, value: unknown): void {
  expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
  expect(/[\u0080-\uffff]/.exec(text)?.[0]).toBeUndefined();
}
