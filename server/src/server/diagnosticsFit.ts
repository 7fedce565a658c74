// Diagnostics as the client reads them: tags (unnecessary, deprecated) only where the client lists
// them in publishDiagnostics.tagSupport (LSP 3.15), codeDescription only where it declares
// codeDescriptionSupport (LSP 3.16), relatedInformation only where it declares relatedInformation.
// The others get each diagnostic without them.

import type { Diagnostic } from 'vscode-languageserver/node';

export interface DiagnosticSupport {
  /** The diagnostic tags the client lists. */
  readonly tags: readonly number[];
  readonly codeDescription: boolean;
  readonly relatedInformation: boolean;
}

/**
 * A function that gives `diagnostics` as the client reads them. A diagnostic that needs nothing
 * left out is the same object; one that does becomes a copy, the same copy each time it is sent,
 * so that the JSON kept with it (server/preparedJson.ts) is kept with the copy too.
 */
export function diagnosticsFit(support: () => DiagnosticSupport): (diagnostics: Diagnostic[]) => Diagnostic[] {
  const copies = new WeakMap<Diagnostic, Diagnostic>();
  return (diagnostics) => {
    const { tags, codeDescription, relatedInformation } = support();
    const fits = (d: Diagnostic): boolean =>
      (codeDescription || d.codeDescription === undefined) && (relatedInformation || d.relatedInformation === undefined) && !d.tags?.some((tag) => !tags.includes(tag));
    if (diagnostics.every(fits)) return diagnostics;
    return diagnostics.map((diagnostic) => {
      if (fits(diagnostic)) return diagnostic;
      let copy = copies.get(diagnostic);
      if (!copy) {
        const { tags: given, codeDescription: href, relatedInformation: related, ...rest } = diagnostic;
        const kept = given?.filter((tag) => tags.includes(tag));
        copy = { ...rest, ...(codeDescription && href && { codeDescription: href }), ...(kept?.length && { tags: kept }), ...(relatedInformation && related && { relatedInformation: related }) };
        copies.set(diagnostic, copy);
      }
      return copy;
    });
  };
}
