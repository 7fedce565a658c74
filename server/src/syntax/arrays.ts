// Appending one array to another without `push(...items)`: spread arguments live on the stack, and
// V8 overflows it at a little over 100,000 of them. A Dockerfile reaches that (one instruction of
// many words over continuation lines, a heredoc body of many commands), so every list that grows
// with the input is appended to with this.

/** Appends `items` to `target`, in order; returns `target`. */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
