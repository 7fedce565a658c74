// What a completion snippet writes, for tests that apply completion items to text.

/** The text a snippet inserts when every placeholder keeps its default. */
export function snippetDefault(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\([\\$}])/g, '$1');
}
