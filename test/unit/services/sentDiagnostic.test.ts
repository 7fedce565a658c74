import { describe, expect, it } from 'vitest';
import { problemForMessage, rewrittenFrom } from '../../../server/src/services/sentDiagnostic';

describe('which problem a sent diagnostic is about', () => {
  const a = { message: 'A flag COPY does not have.', id: 'a' };
  const b = { message: 'A flag COPY does not have: did you mean --from?', id: 'b' };
  const c = { message: 'Something else entirely.', id: 'c' };

  it('takes the only problem at the range, whatever the message', () => {
    expect(problemForMessage([c], 'rewritten beyond recognition')).toBe(c);
    expect(problemForMessage([], c.message)).toBeUndefined();
  });

  it('among several, the one with the message, or the one the message is a rewrite of', () => {
    expect(problemForMessage([a, c], c.message)).toBe(c);
    expect(problemForMessage([a, c], `dockerfile-lsp: ${c.message}`)).toBe(c);
    expect(problemForMessage([a, c], 'Something else…')).toBe(c);
    expect(problemForMessage([a, c], 'Something   else\n entirely. (unknown-flag)')).toBe(c);
    // The sent text holds both a and b: it shows b, the longer.
    expect(problemForMessage([a, b], `[x] ${b.message}`)).toBe(b);
    expect(problemForMessage([a, b], `[x] ${a.message}`)).toBe(a);
  });

  it('nothing when the message cannot tell them apart', () => {
    expect(problemForMessage([a, c], 'no such words')).toBeUndefined();
    expect(problemForMessage([a, b], 'A flag COPY…')).toBeUndefined();
  });

  it('reads rewrites: added text around it, white space, a cut with or without an ellipsis', () => {
    expect(rewrittenFrom('[src] A b c [code]', 'A b c')).toBe(true);
    expect(rewrittenFrom('A  b\nc', 'A b c')).toBe(true);
    expect(rewrittenFrom('A b...', 'A b c')).toBe(true);
    expect(rewrittenFrom('A b', 'A b c')).toBe(true);
    expect(rewrittenFrom('', 'A b c')).toBe(false);
    expect(rewrittenFrom('A x', 'A b c')).toBe(false);
  });
});
