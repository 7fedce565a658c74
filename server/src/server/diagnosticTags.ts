// Diagnostic tags (unnecessary, deprecated) go only to clients that list them in
// publishDiagnostics.tagSupport (LSP 3.15); to the others a diagnostic is sent without them.

import type { Diagnostic } from 'vscode-languageserver/node';

/**
 * `diagnostics` with only the tags in `supported`. Diagnostics whose tags all stay are the same
 * objects (their JSON is kept with them, server/preparedJson.ts); the others are copies.
 */
export function withSupportedTags(diagnostics: Diagnostic[], supported: readonly number[]): Diagnostic[] {
  if (!diagnostics.some((diagnostic) => diagnostic.tags?.some((tag) => !supported.includes(tag)))) return diagnostics;
  return diagnostics.map((diagnostic) => {
    if (!diagnostic.tags?.some((tag) => !supported.includes(tag))) return diagnostic;
    const { tags, ...rest } = diagnostic;
    const kept = tags.filter((tag) => supported.includes(tag));
    return kept.length > 0 ? { ...rest, tags: kept } : rest;
  });
}
