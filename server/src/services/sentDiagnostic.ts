// Which of the problems a rule finds now a diagnostic sent back by an editor is about. Editors send the
// diagnostics they show with a code action request, but not always as they got them: some prefix the
// source (`[dockerfile-lsp] …`), add the code, wrap or cut long messages. So the code and the range
// identify the problem, and the message only chooses between problems at the same range.

import { shownMessage } from './diagnosticMessage';

/** A problem found now, with its message (in full: `shownMessage` gives what was sent). */
interface Found {
  readonly message: string;
}

/** As sent (long runs of text shortened), white space runs as one space, no trailing ellipsis of a shortened message. */
function normalized(message: string): string {
  return shownMessage(message)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*(…|\.\.\.)$/, '');
}

/** Whether a sent message holds all of `ours`, maybe with text the editor added around it. */
function holds(sent: string, ours: string): boolean {
  return normalized(sent).includes(normalized(ours));
}

/** Whether a sent message is the start of `ours`: an editor cut it short. */
function startOf(sent: string, ours: string): boolean {
  const cut = normalized(sent);
  return cut.length > 0 && normalized(ours).startsWith(cut);
}

/** Whether a sent message can be `ours` as an editor rewrote it: the same, within added text, or cut short. */
export function rewrittenFrom(sent: string, ours: string): boolean {
  return holds(sent, ours) || startOf(sent, ours);
}

/** The one message among `found`, if they all have the same. */
function single<T extends Found>(found: readonly T[]): T | undefined {
  return found.length > 0 && found.every((f) => f.message === found[0].message) ? found[0] : undefined;
}

/**
 * The one of `atRange` (the problems the rule finds now at the sent diagnostic's range) that the sent
 * message names: the only one, the one with that message, or the one it is a rewrite of. Undefined when
 * there is none, or when the message cannot tell several apart (a fix for the wrong one would be wrong).
 */
export function problemForMessage<T extends Found>(atRange: readonly T[], sent: string): T | undefined {
  if (atRange.length <= 1) return atRange[0];
  const exact = atRange.find((found) => shownMessage(found.message) === sent);
  if (exact) return exact;
  // Where one message holds another (`X`, `X: more`), the longest the sent text holds is the one it shows.
  const held = atRange.filter((found) => holds(sent, found.message));
  if (held.length > 0) {
    const longest = Math.max(...held.map((found) => normalized(found.message).length));
    return single(held.filter((found) => normalized(found.message).length === longest));
  }
  return single(atRange.filter((found) => startOf(sent, found.message)));
}
