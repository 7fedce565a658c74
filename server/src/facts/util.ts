// Small helpers for writing the fact tables: links into Docker's documentation and multi-line examples.

const REFERENCE = 'https://docs.docker.com/reference/dockerfile/';

/** A link to a section of the Dockerfile reference, e.g. referenceUrl('run---mount'). */
export function referenceUrl(anchor: string): string {
  return `${REFERENCE}#${anchor}`;
}

/** BuildKit's documentation link for a build check: PascalCase name to kebab-case path. */
export function checkRuleUrl(name: string): string {
  const kebab = name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return `https://docs.docker.com/go/dockerfile/rule/${kebab}/`;
}

/** Joins example lines; keeps Dockerfile examples readable in the source. */
export function lines(...parts: readonly string[]): string {
  return parts.join('\n');
}
