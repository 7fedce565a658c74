// One copy of each short string the trees hold: a file repeats its variable names, flag names, mount
// options and short words many times, and each token's text is a string of its own (V8 copies a
// slice shorter than 13 characters; longer ones are slices, which share the characters).

/** Longer strings are slices of a node's text already, and repeat less. */
const MAX_LENGTH = 12;
/** The table is emptied when it reaches this size, so it holds a bounded set of strings. */
const MAX_ENTRIES = 8192;

const TABLE = new Map<string, string>();

/** The string equal to `s` that earlier calls returned (`s` itself the first time). */
export function intern(s: string): string {
  if (s.length > MAX_LENGTH) return s;
  const known = TABLE.get(s);
  if (known !== undefined) return known;
  if (TABLE.size >= MAX_ENTRIES) TABLE.clear();
  TABLE.set(s, s);
  return s;
}
