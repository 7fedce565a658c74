// Diagnostic messages quote the user's text: a word, a flag, a `${…}` expression, an image name.
// Quoted whole, a pasted blob or a deeply nested substitution makes a message of many kilobytes that
// floods the Problems panel, the hover and a lint report. A message shows such a run of text by its
// start and end around an ellipsis. Only runs without white space are shortened: the messages' own
// words are never that long, and the range still covers the whole text.

/** Runs of non-space characters up to this length are shown whole. */
const LONGEST_SHOWN = 80;
/** What a longer run keeps: its first and last characters, `…` between (73 in all, so shown again it stays). */
const HEAD = 48;
const TAIL = 24;
const LONG_RUN = new RegExp(`\\S{${LONGEST_SHOWN + 1},}`, 'g');

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** `run` as its start, `…` and its end, never splitting a character written as two UTF-16 units. */
function shortened(run: string): string {
  const head = isHighSurrogate(run.charCodeAt(HEAD - 1)) ? HEAD - 1 : HEAD;
  const tailStart = run.length - TAIL;
  const tail = isLowSurrogate(run.charCodeAt(tailStart)) ? tailStart + 1 : tailStart;
  return `${run.slice(0, head)}…${run.slice(tail)}`;
}

/** The message as a diagnostic shows it: every run of more than 80 non-space characters shortened. */
export function shownMessage(message: string): string {
  return message.length > LONGEST_SHOWN ? message.replace(LONG_RUN, shortened) : message;
}
