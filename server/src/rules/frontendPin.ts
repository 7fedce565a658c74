// The frontend release a file pins with its `# syntax=` directive, with where the version is
// written (for the quick fix that changes it). Shared by needs-newer-frontend and completion.

import { isOtherFrontend, parseFrontendPin, type FrontendPin } from '../facts';
import type { DirectiveNode, SyntaxTree } from '../syntax';

export interface PinnedFrontend extends FrontendPin {
  /** The image reference BuildKit reads: the directive's value up to its first space. */
  readonly reference: string;
  /** Document offsets of the version in it (`1.4` in `# syntax=docker/dockerfile:1.4-labs`). */
  readonly start: number;
  readonly end: number;
}

/**
 * The pinned release, or undefined when the file does not pin one we can judge: no `syntax`
 * directive, a repeated one (BuildKit refuses the file anyway), or a reference that is not a
 * numbered tag of the official image (parseFrontendPin).
 */
export function pinnedFrontend(tree: SyntaxTree): PinnedFrontend | undefined {
  const syntax = syntaxReference(tree);
  if (!syntax) return undefined;
  const { node, start, reference } = syntax;
  const pin = parseFrontendPin(reference);
  if (!pin) return undefined;
  const valueStart = start + node.value.start;
  return { ...pin, reference, start: valueStart + pin.versionStart, end: valueStart + pin.versionEnd };
}

/** The image reference of the file's one `syntax` directive (up to its first space, as BuildKit reads it). */
function syntaxReference(tree: SyntaxTree): { node: DirectiveNode; start: number; reference: string } | undefined {
  const syntax = tree.directives().filter((entry) => entry.node.name === 'syntax');
  if (syntax.length !== 1) return undefined;
  const { node, start } = syntax[0];
  const space = node.value.text.indexOf(' ');
  return { node, start, reference: space < 0 ? node.value.text : node.value.text.slice(0, space) };
}

/**
 * The frontend the file's `# syntax=` names when it is not the official Dockerfile frontend
 * (`isOtherFrontend`), or undefined. BuildKit hands such a file to that frontend, which may accept
 * what docker/dockerfile refuses, so what this server knows as errors are only warnings there.
 */
export function otherFrontend(tree: SyntaxTree): string | undefined {
  const reference = syntaxReference(tree)?.reference;
  return reference && isOtherFrontend(reference) ? reference : undefined;
}
